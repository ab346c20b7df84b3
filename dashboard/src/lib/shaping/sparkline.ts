import type { Point } from '@naap/otel/api';

/**
 * An SVG path of a series (server-rendered, so the first HTML already shows
 * the trend). Gaps (null values) break the line; a flat series sits in the
 * middle; the y range can be pinned (ratios 0–1) or taken from the data.
 */
export interface SparkGeometry {
  readonly line: string;
  /** Closed area under the line, for a light fill. */
  readonly area: string;
  /** Last point with a value, for a dot. */
  readonly last: { readonly x: number; readonly y: number } | null;
}

export interface SparkOptions {
  readonly width: number;
  readonly height: number;
  readonly min?: number;
  readonly max?: number;
  /** Vertical padding in px so the stroke is not clipped. */
  readonly pad?: number;
}

const r = (x: number): string => String(Math.round(x * 10) / 10);

type Xy = readonly [number, number];

function linePath(seg: readonly Xy[]): string {
  const [first] = seg;
  if (first === undefined) return '';
  if (seg.length === 1) return `M${r(first[0] - 1)},${r(first[1])}h2`;
  return seg.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${r(px)},${r(py)}`).join('');
}

function areaPath(seg: readonly Xy[], height: number): string {
  const first = seg[0];
  const last = seg[seg.length - 1];
  if (first === undefined || last === undefined || seg.length < 2) return '';
  return `M${r(first[0])},${r(height)}${seg.map(([px, py]) => `L${r(px)},${r(py)}`).join('')}L${r(last[0])},${r(height)}Z`;
}

export function sparkline(points: readonly Point[], opts: SparkOptions): SparkGeometry {
  const pad = opts.pad ?? 2;
  const valued = points.filter(
    (p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]),
  );
  if (valued.length === 0 || points.length === 0) return { line: '', area: '', last: null };
  const t0 = points[0]?.[0] ?? 0;
  const t1 = points[points.length - 1]?.[0] ?? t0;
  const values = valued.map((p) => p[1]);
  const lo = opts.min ?? Math.min(...values);
  const hi = opts.max ?? Math.max(...values);
  const span = hi - lo;
  const x = (t: number): number =>
    t1 === t0 ? opts.width / 2 : ((t - t0) / (t1 - t0)) * opts.width;
  const y = (v: number): number =>
    span === 0
      ? opts.height / 2
      : pad + (1 - (Math.min(Math.max(v, lo), hi) - lo) / span) * (opts.height - 2 * pad);

  const runs: Xy[][] = [];
  let run: Xy[] = [];
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) {
      if (run.length > 0) runs.push(run);
      run = [];
      continue;
    }
    run.push([x(t), y(v)]);
  }
  if (run.length > 0) runs.push(run);

  const line = runs.map(linePath).join('');
  const area = runs.map((seg) => areaPath(seg, opts.height)).join('');
  const lastRun = runs[runs.length - 1];
  const lastPoint = lastRun?.[lastRun.length - 1];
  return {
    line,
    area,
    last: lastPoint === undefined ? null : { x: lastPoint[0], y: lastPoint[1] },
  };
}
