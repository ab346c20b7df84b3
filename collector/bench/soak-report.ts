/** Figures of `pnpm soak`: percentiles, memory slope, the printed report. */

export interface MemorySample {
  /** Seconds since the load started. */
  readonly t: number;
  readonly rssBytes: number;
  readonly heapBytes: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/**
 * Least-squares slope of y over t (units of y per second) and its standard
 * error; NaN under three points.
 */
export function slope(points: readonly { t: number; y: number }[]): { b: number; se: number } {
  const n = points.length;
  if (n < 3) return { b: Number.NaN, se: Number.NaN };
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - my);
    den += (p.t - mt) ** 2;
  }
  if (den === 0) return { b: Number.NaN, se: Number.NaN };
  const b = num / den;
  const residuals = points.reduce((s, p) => s + (p.y - my - b * (p.t - mt)) ** 2, 0);
  return { b, se: Math.sqrt(residuals / (n - 2) / den) };
}

const MiB = 1024 * 1024;

/**
 * Memory growth over the second half of the schedule [duration/2, duration],
 * MiB per minute, with its standard error (RSS and V8 heap).
 */
export function memoryGrowth(samples: readonly MemorySample[], durationS: number) {
  const second = samples.filter((s) => s.t >= durationS / 2 && s.t <= durationS);
  const perMin = (f: (s: MemorySample) => number) => {
    const { b, se } = slope(second.map((s) => ({ t: s.t, y: f(s) })));
    return { perMin: (b * 60) / MiB, se: (se * 60) / MiB };
  };
  const meanRss = second.reduce((n, s) => n + s.rssBytes, 0) / Math.max(1, second.length);
  return {
    rss: perMin((s) => s.rssBytes),
    heap: perMin((s) => s.heapBytes),
    meanRssMiB: meanRss / MiB,
    samples: second.length,
  };
}

/**
 * Flat: RSS grows less than 1 % of itself (at least 2 MiB) per minute, or
 * its slope is within two standard errors of none (GC and batch noise).
 */
export function isFlat(growth: ReturnType<typeof memoryGrowth>): boolean {
  const { perMin, se } = growth.rss;
  return Math.abs(perMin) < Math.max(2, growth.meanRssMiB * 0.01) || Math.abs(perMin) < 2 * se;
}

export const mib = (bytes: number): string => (bytes / MiB).toFixed(0);
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
