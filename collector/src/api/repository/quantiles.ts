import { histogramQuantiles } from '../../storage/rollups/histograms.js';
import type { Dimension, RollupFilters } from '../../storage/rollups/query.js';
import type { Range } from '../params/time.js';
import type { Step } from './buckets.js';
import { bounded, type Db } from './db.js';

/** Quantiles of a histogram metric per group, converted with `scale` (s → ms: 1000). */
export interface QuantileGroup {
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
  readonly bucketMs: number | null;
  /** In the order asked for; null without observations. */
  readonly values: (number | null)[];
  readonly count: number;
  /** Sum of the observations, scaled. */
  readonly sum: number;
}

export interface QuantileQuery {
  readonly metric: string;
  readonly step: Step;
  readonly range: Range;
  readonly filters?: RollupFilters;
  readonly dims: readonly Dimension[];
  readonly perBucket?: boolean;
  readonly quantiles: readonly number[];
  readonly scale: number;
}

export async function quantilesBy(
  db: Db,
  q: QuantileQuery,
  timeoutMs: number,
): Promise<QuantileGroup[]> {
  const groups = await bounded(
    histogramQuantiles(db.store, {
      metric: q.metric,
      step: q.step,
      from: new Date(q.range.fromMs),
      to: new Date(q.range.toMs),
      quantiles: q.quantiles,
      groupBy: [...q.dims, ...(q.perBucket ? (['bucket'] as const) : [])],
      ...(q.filters ? { filters: q.filters } : {}),
    }),
    timeoutMs,
  );
  return groups
    .filter((g) => g.count > 0)
    .map((g) => ({
      dims: g.group,
      bucketMs: g.bucket === undefined ? null : g.bucket.getTime(),
      values: g.quantiles.map((v) => (v === null ? null : v * q.scale)),
      count: g.count,
      sum: g.sum * q.scale,
    }));
}
