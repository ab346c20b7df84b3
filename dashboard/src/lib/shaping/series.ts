import type { DemandFees, DemandRow, Point, SlaComplianceRow } from '@naap/otel/api';

/**
 * Time series built from row lists of the API: one series per group key,
 * points summed per bucket start (additive figures only).
 */
export function sumByTime<R extends { startMs: number }>(
  rows: readonly R[],
  value: (r: R) => number | null,
): Point[] {
  const sums = new Map<number, number>();
  for (const r of rows) {
    const v = value(r);
    if (v === null || !Number.isFinite(v)) continue;
    sums.set(r.startMs, (sums.get(r.startMs) ?? 0) + v);
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]);
}

/** Whether a score row is rolled over every GPU (the API writes null; '' is read the same). */
export function allGpus(r: Pick<SlaComplianceRow, 'gpuId'>): boolean {
  return r.gpuId === null || r.gpuId === '';
}

/** A readable key of a score row: pipeline, model and source. */
export function scoreKey(r: Pick<SlaComplianceRow, 'pipeline' | 'modelId' | 'source'>): string {
  return `${r.pipeline}|${r.modelId}|${r.source}`;
}

/** Score series per (pipeline, model, source), most jobs first, at most `max` series. */
export function scoreSeries(
  rows: readonly SlaComplianceRow[],
  max: number,
): { key: string; row: SlaComplianceRow; points: Point[] }[] {
  const groups = new Map<string, { row: SlaComplianceRow; jobs: number; points: Point[] }>();
  for (const r of rows) {
    if (!allGpus(r)) continue;
    const k = scoreKey(r);
    const g = groups.get(k) ?? { row: r, jobs: 0, points: [] };
    g.jobs += r.inputs.jobs.success + r.inputs.jobs.failure + r.inputs.jobs.excused;
    g.points.push([r.startMs, r.score]);
    groups.set(k, g);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].jobs - a[1].jobs || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([key, g]) => ({ key, row: g.row, points: g.points.sort((a, b) => a[0] - b[0]) }));
}

export interface DemandTotals {
  readonly jobs: number;
  readonly streams: number;
  readonly inferenceMinutes: number;
  readonly missingCapacity: number;
  readonly feesEth: number | null;
}

/** Totals of a range; fees come per orchestrator (`fees`), not per pipeline row. */
export function demandTotals(
  rows: readonly DemandRow[],
  feeBuckets: readonly DemandFees[] = [],
): DemandTotals {
  let jobs = 0;
  let streams = 0;
  let minutes = 0;
  let missing = 0;
  let fees: number | null = null;
  for (const r of rows) {
    jobs += r.jobs;
    streams += r.streams;
    minutes += r.inferenceMinutes;
    missing += r.missingCapacity;
    if (r.feesEth !== null) fees = (fees ?? 0) + r.feesEth;
  }
  for (const f of feeBuckets) fees = (fees ?? 0) + f.feesEth;
  return { jobs, streams, inferenceMinutes: minutes, missingCapacity: missing, feesEth: fees };
}
