import { describe, expect, it } from 'vitest';
import { JOB_DURATION_BOUNDARIES_S, exponentialBoundaries } from './buckets.js';

/** Prometheus-style quantile: linear interpolation inside the bucket. */
function quantile(bounds: readonly number[], counts: readonly number[], q: number): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (seen + c >= rank && c > 0) {
      const lo = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      const hi = bounds[i] ?? lo;
      return lo + ((hi - lo) * (rank - seen)) / c;
    }
    seen += c;
  }
  return bounds[bounds.length - 1] ?? 0;
}

describe('job duration buckets', () => {
  const b = JOB_DURATION_BOUNDARIES_S;

  it('run from 50 ms to 600 s, increasing, each about 10 % above the previous', () => {
    expect(b[0]).toBe(0.05);
    expect(b[b.length - 1]).toBe(600);
    expect(b.length).toBe(100);
    for (let i = 1; i < b.length; i++) {
      const ratio = (b[i] ?? 0) / (b[i - 1] ?? 1);
      expect(ratio).toBeGreaterThan(1);
      expect(ratio).toBeLessThanOrEqual(1.101);
    }
  });

  it('estimate p50 and p95 within 5 % for typical AI job latencies', () => {
    let seed = 42;
    const uniform = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const normal = (): number =>
      Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
    for (const [median, sigma] of [
      [0.3, 0.3],
      [1.2, 0.5],
      [4, 0.8],
      [45, 0.4],
    ] as const) {
      const xs = Array.from({ length: 20_000 }, () => median * Math.exp(sigma * normal()));
      const counts = new Array<number>(b.length + 1).fill(0);
      for (const x of xs) {
        const i = b.findIndex((bound) => x <= bound);
        counts[i === -1 ? b.length : i] = (counts[i === -1 ? b.length : i] ?? 0) + 1;
      }
      const sorted = [...xs].sort((p, q) => p - q);
      for (const q of [0.5, 0.95]) {
        const truth = sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
        expect(Math.abs(quantile(b, counts, q) / truth - 1)).toBeLessThan(0.05);
      }
    }
  });

  it('rejects impossible ranges', () => {
    expect(() => exponentialBoundaries(0, 1, 2)).toThrow(RangeError);
    expect(() => exponentialBoundaries(1, 1, 2)).toThrow(RangeError);
    expect(() => exponentialBoundaries(1, 2, 1)).toThrow(RangeError);
  });
});
