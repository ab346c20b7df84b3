import { NAAP_COLUMNS } from '../schema/raw-tables.js';
import type { Store } from '../store.js';
import { quantilesFromBuckets, type BucketLayout } from './quantile.js';
import {
  QueryParams,
  bucketDate,
  checkRange,
  queryRows,
  rangeConditions,
  stepMs,
  type Dimension,
  type RangeQuery,
} from './query.js';
import { ROLLUP_TABLES, type Step } from './tables.js';

/**
 * Quantiles of delta explicit-bucket histograms from `naap_histogram_1m` /
 * `_1h`: bucket counts of every matching series are summed per group (and
 * per bucket layout), then interpolated (see quantile.ts).
 */

export interface HistogramQuery extends RangeQuery {
  readonly quantiles: readonly number[];
  /** Dimensions to group by, and 'bucket' for one result per time bucket. Default: one group. */
  readonly groupBy?: readonly (Dimension | 'bucket')[];
  /**
   * Rollup table to read. Default: hourly when from and to are whole hours
   * (the same result, read from far fewer rows), else per-minute.
   */
  readonly step?: Step;
}

export interface HistogramGroup {
  /** Values of the groupBy dimensions. */
  readonly group: Partial<Record<Dimension, string>>;
  /** Bucket start, when grouped by 'bucket'. */
  readonly bucket?: Date;
  /** Quantile values, in the order asked for; null without observations. */
  readonly quantiles: (number | null)[];
  /** Observations (sum of the points' Count). */
  readonly count: number;
  readonly sum: number;
  readonly min: number | null;
  readonly max: number | null;
}

interface Row {
  readonly bounds: number[];
  readonly counts: (string | number)[];
  readonly total: string | number;
  readonly sumValue: number;
  readonly minValue: number | null;
  readonly maxValue: number | null;
  readonly bucket?: number;
  readonly [dimension: string]: unknown;
}

export function defaultStep(from: Date, to: Date): Step {
  const hour = stepMs('hour');
  return from.getTime() % hour === 0 && to.getTime() % hour === 0 ? 'hour' : 'minute';
}

export function histogramSql(store: Store, q: HistogramQuery, p: QueryParams): string {
  const step = q.step ?? defaultStep(q.from, q.to);
  const cols = [...new Set(q.groupBy ?? [])].map((g) => ({
    expr: g === 'bucket' ? 'toUnixTimestamp(Bucket)' : NAAP_COLUMNS[g],
    alias: g,
  }));
  const keys = [...cols.map((c) => c.alias), 'bounds'].join(', ');
  return `
SELECT ${cols.map((c) => `${c.expr} AS ${c.alias}, `).join('')}ExplicitBounds AS bounds,
  sumForEachMerge(BucketCounts) AS counts,
  sum(Count) AS total, sum(Sum) AS sumValue, min(Min) AS minValue, max(Max) AS maxValue
FROM ${store.table(ROLLUP_TABLES.histogram[step])}
WHERE ${rangeConditions(q, p).join(' AND ')}
GROUP BY ${keys}
ORDER BY ${keys}`;
}

const finiteOrNull = (x: number | null): number | null =>
  x !== null && Number.isFinite(x) ? x : null;

/** Quantiles per group over the buckets whose start lies in [from, to). */
export async function histogramQuantiles(
  store: Store,
  q: HistogramQuery,
): Promise<HistogramGroup[]> {
  checkRange(q);
  const p = new QueryParams();
  const rows = await queryRows<Row>(store, histogramSql(store, q, p), p);
  const dims = [...new Set(q.groupBy ?? [])].filter((g): g is Dimension => g !== 'bucket');
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const id = JSON.stringify([...dims.map((d) => r[d]), r.bucket ?? null]);
    const list = groups.get(id);
    if (list === undefined) groups.set(id, [r]);
    else list.push(r);
  }
  return [...groups.values()].map((list) => {
    const first = list[0] as Row;
    const layouts: BucketLayout[] = list
      .filter((r) => r.counts.length > 0)
      .map((r) => ({ bounds: r.bounds.map(Number), counts: r.counts.map(Number) }));
    const mins = list.map((r) => finiteOrNull(r.minValue)).filter((x) => x !== null);
    const maxs = list.map((r) => finiteOrNull(r.maxValue)).filter((x) => x !== null);
    const range = {
      min: mins.length > 0 ? Math.min(...mins) : null,
      max: maxs.length > 0 ? Math.max(...maxs) : null,
    };
    const group: Partial<Record<Dimension, string>> = {};
    for (const d of dims) group[d] = String(first[d]);
    return {
      group,
      ...(first.bucket === undefined ? {} : { bucket: bucketDate(first.bucket) }),
      quantiles: quantilesFromBuckets(q.quantiles, layouts, range),
      count: list.reduce((n, r) => n + Number(r.total), 0),
      sum: list.reduce((n, r) => n + r.sumValue, 0),
      ...range,
    };
  });
}
