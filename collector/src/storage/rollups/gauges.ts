import type { Store } from '../store.js';
import {
  QueryParams,
  SERIES_COLUMNS,
  bucketDate,
  checkRange,
  queryRows,
  rangeConditions,
  seriesKey,
  type RangeQuery,
  type SeriesKey,
} from './query.js';
import { ROLLUP_TABLES, type Step } from './tables.js';

/** Gauge rollups per series and bucket, from `naap_gauge_1m` / `_1h`. */

export interface GaugeQuery extends RangeQuery {
  readonly step: Step;
  /** Quantiles (0–1) of the samples, estimated from the t-digest state. */
  readonly quantiles?: readonly number[];
}

export interface GaugeBucket extends SeriesKey {
  readonly bucket: Date;
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  /** Value of the latest sample (by TimeUnix). */
  readonly last: number;
  readonly samples: number;
  /** Estimated quantiles, in the order asked for (t-digest: approximate). */
  readonly quantiles: number[];
}

interface Row extends Record<(typeof SERIES_COLUMNS)[number], unknown> {
  bucket: number;
  avgValue: number;
  minValue: number;
  maxValue: number;
  lastValue: number;
  samples: string | number;
  digest?: number[];
}

/** Aggregate-function parameters cannot be query parameters: numbers only, checked. */
function quantileLevels(qs: readonly number[]): string {
  for (const q of qs) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  }
  return qs.map((q) => String(q)).join(', ');
}

export function gaugeSql(store: Store, q: GaugeQuery, p: QueryParams): string {
  const keys = SERIES_COLUMNS.join(', ');
  const qs = q.quantiles ?? [];
  const digest =
    qs.length > 0 ? `, quantilesTDigestMerge(${quantileLevels(qs)})(Digest) AS digest` : '';
  return `
SELECT ${keys}, toUnixTimestamp(Bucket) AS bucket,
  avgMerge(Avg) AS avgValue, min(Min) AS minValue, max(Max) AS maxValue,
  argMaxMerge(Last) AS lastValue, sum(Samples) AS samples${digest}
FROM ${store.table(ROLLUP_TABLES.gauge[q.step])}
WHERE ${rangeConditions(q, p).join(' AND ')}
GROUP BY ${keys}, bucket
ORDER BY ${keys}, bucket`;
}

export async function gaugeBuckets(store: Store, q: GaugeQuery): Promise<GaugeBucket[]> {
  checkRange(q);
  const p = new QueryParams();
  const rows = await queryRows<Row>(store, gaugeSql(store, q, p), p);
  return rows.map((r) => ({
    ...seriesKey(r),
    bucket: bucketDate(r.bucket),
    avg: r.avgValue,
    min: r.minValue,
    max: r.maxValue,
    last: r.lastValue,
    samples: Number(r.samples),
    quantiles: (r.digest ?? []).map(Number),
  }));
}
