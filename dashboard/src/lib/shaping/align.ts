import type { Point } from '@naap/otel/api';

/**
 * uPlot's data layout: one x array (Unix seconds) shared by every series, and
 * one y array per series with null where a series has no point. Series come
 * from the API on the same step grid, but not every series has every step.
 */
export type Aligned = [number[], ...(number | null)[][]];

export function alignSeries(series: readonly (readonly Point[])[]): Aligned {
  const times = new Set<number>();
  for (const s of series) for (const [t] of s) times.add(t);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s) {
      const i = index.get(t);
      if (i !== undefined) y[i] = v !== null && Number.isFinite(v) ? v : null;
    }
    return y;
  });
  return [xs.map((t) => t / 1000), ...ys];
}

/**
 * Inserts a null where consecutive points are further apart than `gapMs`, so a
 * chart breaks its line where a GPU stopped reporting instead of bridging it.
 */
export function breakGaps(points: readonly Point[], gapMs: number): Point[] {
  const out: Point[] = [];
  let prev: number | undefined;
  for (const p of points) {
    if (prev !== undefined && p[0] - prev > gapMs) out.push([prev + Math.floor(gapMs / 2), null]);
    out.push(p);
    prev = p[0];
  }
  return out;
}

/** The latest point with a value, or null. */
export function lastValue(points: readonly Point[]): Point | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p !== undefined && p[1] !== null) return p;
  }
  return null;
}
