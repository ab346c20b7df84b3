import { METRIC, successRate, type JobCounts, type Source } from '@naap/otel';
import type { Kpi, NetworkSummary, Point } from '@naap/otel/api';
import type { ApiContext } from '../context.js';
import { previousRange, type Range } from '../params/time.js';
import { alignRange, stepFor, stepMsOf } from '../repository/buckets.js';
import type { Activity, FpsGroup, JobGroup, QuantileGroup } from '../repository/index.js';
import { SOURCE_PREFERENCE } from './figure.js';

/**
 * Network KPIs over a window, the previous window and a trend per bucket.
 * Demand (jobs per minute) is what the orchestrators' agents report; quality
 * figures prefer test loads. Each KPI names the source it took, and its
 * trend uses the same one.
 */
const DEMAND_PREFERENCE: readonly Source[] = ['agent', 'gateway', 'testload'];

const total = (j: JobCounts): number => j.success + j.failure + j.excused;

function pickSource<T extends { dims: { source?: string } }>(
  rows: readonly T[],
  has: (r: T) => boolean,
  order: readonly Source[],
): Source | null {
  return order.find((s) => rows.some((r) => r.dims.source === s && has(r))) ?? null;
}

function sumJobs(rows: readonly JobGroup[], source: Source | null, bucketMs?: number): JobCounts {
  const out = { success: 0, failure: 0, excused: 0 };
  for (const r of rows) {
    if (r.dims.source !== source || (bucketMs !== undefined && r.bucketMs !== bucketMs)) continue;
    out.success += r.success;
    out.failure += r.failure;
    out.excused += r.excused;
  }
  return out;
}

const rateOf = (j: JobCounts): number | null => successRate(j);

function kpi(
  value: number | null,
  previous: number | null,
  unit: string,
  source: Source | null,
  trend: Point[],
): Kpi {
  return {
    value,
    unit,
    source,
    previous,
    delta: value !== null && previous !== null ? value - previous : null,
    trend,
  };
}

interface Inputs {
  readonly jobs: JobGroup[];
  readonly latency: QuantileGroup[];
  readonly fps: FpsGroup[];
  readonly active: Activity[];
}

async function inputs(ctx: ApiContext, range: Range, perBucket: boolean): Promise<Inputs> {
  const step = stepFor(range);
  const q = { step, range, dims: ['source' as const], perBucket };
  const [jobs, latency, fps, active] = await Promise.all([
    ctx.repo.jobCounts(q),
    ctx.repo.quantiles({ ...q, metric: METRIC.jobDuration, quantiles: [0.95], scale: 1000 }),
    ctx.repo.fps(q),
    ctx.repo.activity({ step, range, perBucket }),
  ]);
  return { jobs, latency, fps, active };
}

export async function networkSummary(ctx: ApiContext, window: Range): Promise<NetworkSummary> {
  const step = stepFor(window);
  const range = alignRange(window, step);
  const prev = alignRange(previousRange(range), step);
  const [buckets, totals, before, activeNow] = await Promise.all([
    inputs(ctx, range, true),
    ctx.repo.quantiles({
      step,
      range,
      dims: ['source'],
      metric: METRIC.jobDuration,
      quantiles: [0.95],
      scale: 1000,
    }),
    inputs(ctx, prev, false),
    ctx.repo.activity({ step, range, perBucket: false }),
  ]);
  const stepMs = stepMsOf(step);
  const starts: number[] = [];
  for (let t = range.fromMs; t < range.toMs; t += stepMs) starts.push(t);
  const minutes = (from: number, to: number): number => Math.max(1, to - from) / 60_000;
  const bucketMinutes = (t: number): number => minutes(t, Math.min(t + stepMs, range.toMs));
  const trend = (f: (t: number) => number | null): Point[] => starts.map((t) => [t, f(t)]);

  const demandSrc = pickSource(buckets.jobs, (r) => total(r) > 0, DEMAND_PREFERENCE);
  const rateSrc = pickSource(buckets.jobs, (r) => r.success + r.failure > 0, SOURCE_PREFERENCE);
  const latSrc = pickSource(totals, (r) => r.count > 0, SOURCE_PREFERENCE);
  const fpsSrc = pickSource(buckets.fps, (r) => r.samples > 0, SOURCE_PREFERENCE);
  const fpsOf = (rows: readonly FpsGroup[], src: Source | null, t?: number): number | null => {
    let n = 0;
    let sum = 0;
    for (const r of rows)
      if (r.dims.source === src && (t === undefined || r.bucketMs === t) && r.mean !== null) {
        n += r.samples;
        sum += r.mean * r.samples;
      }
    return n > 0 ? sum / n : null;
  };
  const p95 = (rows: readonly QuantileGroup[], src: Source | null, t?: number): number | null =>
    rows.find((r) => r.dims.source === src && (t === undefined || r.bucketMs === t))?.values[0] ??
    null;
  const activeAt = (t: number): Activity | undefined =>
    buckets.active.find((a) => a.bucketMs === t);

  return {
    generatedAtMs: ctx.now(),
    window: range,
    kpis: {
      activeOrchestrators: kpi(
        activeNow[0]?.orchestrators ?? 0,
        before.active[0]?.orchestrators ?? 0,
        '{orchestrator}',
        null,
        trend((t) => activeAt(t)?.orchestrators ?? 0),
      ),
      activeGpus: kpi(
        activeNow[0]?.gpus ?? 0,
        before.active[0]?.gpus ?? 0,
        '{gpu}',
        'agent',
        trend((t) => activeAt(t)?.gpus ?? 0),
      ),
      jobsPerMinute: kpi(
        total(sumJobs(buckets.jobs, demandSrc)) / minutes(range.fromMs, range.toMs),
        total(sumJobs(before.jobs, demandSrc)) / minutes(prev.fromMs, prev.toMs),
        '{job}/min',
        demandSrc,
        trend((t) => total(sumJobs(buckets.jobs, demandSrc, t)) / bucketMinutes(t)),
      ),
      successRate: kpi(
        rateOf(sumJobs(buckets.jobs, rateSrc)),
        rateOf(sumJobs(before.jobs, rateSrc)),
        '1',
        rateSrc,
        trend((t) => rateOf(sumJobs(buckets.jobs, rateSrc, t))),
      ),
      latencyP95Ms: kpi(
        p95(totals, latSrc),
        p95(before.latency, latSrc),
        'ms',
        latSrc,
        trend((t) => p95(buckets.latency, latSrc, t)),
      ),
      liveFps: kpi(
        fpsOf(buckets.fps, fpsSrc),
        fpsOf(before.fps, fpsSrc),
        '{frame}/s',
        fpsSrc,
        trend((t) => fpsOf(buckets.fps, fpsSrc, t)),
      ),
    },
  };
}
