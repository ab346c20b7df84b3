import { METRIC, successRate, swapRate, type JobCounts } from '@naap/otel';
import type { SourceStats } from '@naap/otel/api';
import { isSource } from '@naap/otel';
import type { Dimension, RollupFilters } from '../../storage/rollups/query.js';
import type { Range } from '../params/time.js';
import type { Step } from '../repository/buckets.js';
import type { Repository } from '../repository/index.js';

/**
 * Job figures per group of dimensions (always including the source): job
 * counts by outcome, swap rate, latency quantiles (ms), prompt-to-first-frame
 * p50, FPS mean and jitter — each computed over the whole range from
 * additive rollup states, never by averaging averages.
 */
export interface GroupStats extends SourceStats {
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
}

export interface StatsQuery {
  readonly step: Step;
  readonly range: Range;
  readonly filters?: RollupFilters;
  /** Must include 'source'. */
  readonly dims: readonly Dimension[];
}

const keyOf = (dims: Partial<Record<Dimension, string>>, order: readonly Dimension[]): string =>
  JSON.stringify(order.map((d) => dims[d] ?? ''));

const safe = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

export async function collectStats(repo: Repository, q: StatsQuery): Promise<GroupStats[]> {
  const base = {
    step: q.step,
    range: q.range,
    dims: q.dims,
    ...(q.filters ? { filters: q.filters } : {}),
  };
  const [jobs, swaps, latency, ptff, fps] = await Promise.all([
    repo.jobCounts(base),
    repo.swapCounts(base),
    repo.quantiles({
      ...base,
      metric: METRIC.jobDuration,
      quantiles: [0.5, 0.95, 0.99],
      scale: 1000,
    }),
    repo.quantiles({ ...base, metric: METRIC.liveFirstFrame, quantiles: [0.5], scale: 1000 }),
    repo.fps(base),
  ]);
  const groups = new Map<string, { dims: Partial<Record<Dimension, string>> }>();
  const touch = (dims: Partial<Record<Dimension, string>>): string => {
    const k = keyOf(dims, q.dims);
    if (!groups.has(k)) groups.set(k, { dims });
    return k;
  };
  const jobsOf = new Map(jobs.map((j) => [touch(j.dims), j]));
  const swapsOf = new Map(swaps.map((s) => [touch(s.dims), s.swaps]));
  const latencyOf = new Map(latency.map((l) => [touch(l.dims), l]));
  const ptffOf = new Map(ptff.map((l) => [touch(l.dims), l]));
  const fpsOf = new Map(fps.map((f) => [touch(f.dims), f]));
  const out: GroupStats[] = [];
  for (const [k, { dims }] of groups) {
    const source = dims.source ?? '';
    if (!isSource(source)) continue;
    const j = jobsOf.get(k);
    const counts: JobCounts = {
      success: j?.success ?? 0,
      failure: j?.failure ?? 0,
      excused: j?.excused ?? 0,
    };
    const observed = counts.success + counts.failure + counts.excused;
    const swapped = swapsOf.get(k);
    const l = latencyOf.get(k)?.values ?? [];
    const f = fpsOf.get(k);
    out.push({
      dims,
      source,
      jobs: counts,
      successRate: safe(() => successRate(counts)),
      swapRate:
        swapped === undefined ? null : safe(() => swapRate(Math.min(swapped, observed), observed)),
      latencyP50Ms: l[0] ?? null,
      latencyP95Ms: l[1] ?? null,
      latencyP99Ms: l[2] ?? null,
      ptffP50Ms: ptffOf.get(k)?.values[0] ?? null,
      fpsMean: f?.mean ?? null,
      jitter: f?.jitter ?? null,
    });
  }
  return out;
}

/** Stats grouped by one dimension's value (e.g. per orchestrator: its sources). */
export function groupBy<T extends { readonly dims: Partial<Record<Dimension, string>> }>(
  rows: readonly T[],
  dim: Dimension,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = r.dims[dim] ?? '';
    const list = out.get(k);
    if (list === undefined) out.set(k, [r]);
    else list.push(r);
  }
  return out;
}

/** Total jobs of a stats row (excused included). */
export const totalOf = (s: SourceStats): number => s.jobs.success + s.jobs.failure + s.jobs.excused;
