import { METRIC, successRate, type Source } from '@naap/otel';
import { JOB_SERIES, type JobSeries, type JobSeriesQuery, type Point } from '@naap/otel/api';
import type { RollupFilters } from '../../storage/rollups/query.js';
import type { ApiContext } from '../context.js';
import type { Range } from '../params/time.js';
import { alignRange, stepFor, stepMsOf } from '../repository/buckets.js';
import type { JobGroup } from '../repository/index.js';

/**
 * Job figures per bucket for one source: the one asked for, else test loads
 * when they measured anything in the range, else the agent.
 */
type Values = Map<string, Map<number, number | null>>;

function chooseSource(has: readonly string[], asked: Source | undefined): Source | null {
  if (asked !== undefined) return asked;
  return (['testload', 'agent'] as const).find((s) => has.includes(s)) ?? null;
}

async function values(
  ctx: ApiContext,
  q: JobSeriesQuery,
  base: { step: 'minute' | 'hour'; range: Range; filters: RollupFilters },
): Promise<{ sources: string[]; pick: (source: Source | null) => Values }> {
  const g = { ...base, dims: ['source' as const], perBucket: true };
  const byStat = (rows: { src: string; t: number; stats: Record<string, number | null> }[]) => ({
    sources: [...new Set(rows.map((r) => r.src))],
    pick: (source: Source | null): Values => {
      const out: Values = new Map();
      for (const r of rows) {
        if (r.src !== source) continue;
        for (const [stat, v] of Object.entries(r.stats)) {
          const m = out.get(stat) ?? new Map<number, number | null>();
          m.set(r.t, v);
          out.set(stat, m);
        }
      }
      return out;
    },
  });
  if (q.metric === 'latency' || q.metric === 'ptff') {
    const stats = JOB_SERIES[q.metric].stats;
    const rows = await ctx.repo.quantiles({
      ...g,
      metric: q.metric === 'latency' ? METRIC.jobDuration : METRIC.liveFirstFrame,
      quantiles: stats.map((s) => Number(s.slice(1)) / 100),
      scale: 1000,
    });
    return byStat(
      rows.map((r) => ({
        src: r.dims.source ?? '',
        t: r.bucketMs ?? 0,
        stats: Object.fromEntries(stats.map((s, i) => [s, r.values[i] ?? null])),
      })),
    );
  }
  if (q.metric === 'fps') {
    const rows = await ctx.repo.fps(g);
    return byStat(
      rows.map((r) => ({ src: r.dims.source ?? '', t: r.bucketMs ?? 0, stats: { mean: r.mean } })),
    );
  }
  const rows = await ctx.repo.jobCounts(g);
  const statsOf = (r: JobGroup): Record<string, number | null> =>
    q.metric === 'jobs'
      ? { success: r.success, failure: r.failure, excused: r.excused }
      : { value: successRate(r) };
  return byStat(
    rows.map((r) => ({ src: r.dims.source ?? '', t: r.bucketMs ?? 0, stats: statsOf(r) })),
  );
}

export async function jobSeries(
  ctx: ApiContext,
  q: JobSeriesQuery,
  window: Range,
): Promise<JobSeries> {
  const step = stepFor(window);
  const range = alignRange(window, step);
  const filters: RollupFilters = {
    ...(q.orchestrator ? { orchestrator: q.orchestrator } : {}),
    ...(q.pipeline ? { pipeline: q.pipeline } : {}),
    ...(q.model ? { model: q.model } : {}),
    ...(q.region ? { region: q.region } : {}),
    ...(q.source ? { source: q.source } : {}),
  };
  const v = await values(ctx, q, { step, range, filters });
  const source = chooseSource(v.sources, q.source);
  const picked = v.pick(source);
  const stepMs = stepMsOf(step);
  const starts: number[] = [];
  for (let t = range.fromMs; t < range.toMs; t += stepMs) starts.push(t);
  const counts = q.metric === 'jobs';
  const series = JOB_SERIES[q.metric].stats.map((stat) => ({
    stat,
    points: starts.map((t): Point => [t, picked.get(stat)?.get(t) ?? (counts ? 0 : null)]),
  }));
  return {
    metric: q.metric,
    unit: JOB_SERIES[q.metric].unit,
    source,
    fromMs: range.fromMs,
    toMs: range.toMs,
    stepMs,
    series,
  };
}
