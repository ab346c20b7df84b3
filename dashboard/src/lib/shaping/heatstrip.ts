import type { Point } from '@naap/otel/api';

/**
 * A heat strip of one GPU's utilization over the window: `cells` equal
 * slices of the window, each the mean of the points in it, in five levels;
 * slices without points are gaps (the GPU did not report).
 */
export interface HeatSlice {
  readonly startMs: number;
  readonly value: number | null;
  /** 0–4, or -1 for a gap. */
  readonly level: number;
}

export function heatStrip(
  points: readonly Point[],
  fromMs: number,
  toMs: number,
  cells: number,
): HeatSlice[] {
  const width = (toMs - fromMs) / cells;
  const sums = new Array<number>(cells).fill(0);
  const counts = new Array<number>(cells).fill(0);
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v) || t < fromMs || t >= toMs) continue;
    const i = Math.min(cells - 1, Math.floor((t - fromMs) / width));
    sums[i] = (sums[i] ?? 0) + v;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return sums.map((sum, i) => {
    const n = counts[i] ?? 0;
    const value = n === 0 ? null : sum / n;
    const level =
      value === null ? -1 : Math.min(4, Math.floor(Math.max(0, Math.min(1, value)) * 5));
    return { startMs: fromMs + i * width, value, level };
  });
}
