import type { Store } from '../store.js';
import {
  QueryParams,
  SERIES_COLUMNS,
  bucketDate,
  checkRange,
  queryRows,
  rangeConditions,
  seriesKey,
  stepMs,
  type RangeQuery,
  type SeriesKey,
} from './query.js';
import { ROLLUP_TABLES, type Step } from './tables.js';

/**
 * Counter increases per series and bucket, read from `naap_sum_1m` / `_1h`.
 *
 * DELTA points: the increase is the sum of the values.
 *
 * CUMULATIVE points: each rollup row keeps the first and the last sample of
 * the bucket, each with its StartTimeUnix. The increase of a bucket is the
 * increase from a reference to the bucket's first sample plus the increase
 * from the first to the last sample, where the increase from (s1, v1) to
 * (s2, v2) is `v2 − v1` when the start time is unchanged and the value did
 * not fall, and `v2` otherwise: a changed start time means the producer
 * restarted, a fall with the same start time means the counter was reset, and
 * in both cases the new counter counted from zero at its start. The reference
 * is the last sample of the series' previous row (the query reads one bucket
 * before `from`, so the first bucket of the range is right). A series with
 * no earlier row counts its first value only when it started after the
 * previous bucket began (a new counter); otherwise its first sample is the
 * reference.
 *
 * Precision: a rollup row keeps only the first and the last sample of its
 * bucket. A restart or reset is exact when it falls between two buckets'
 * samples; inside a bucket it loses the increments the old counter made
 * after the last sample kept from it (the previous bucket's last or this
 * bucket's first sample), so at most one bucket's worth of the old counter's
 * increments. Several restarts within one bucket count only the last
 * counter. A reset without a new start time inside a bucket is seen only
 * when the bucket's last value is below its first (OTLP producers change the
 * start time on a reset, so this concerns odd producers only). A series whose previous sample is older than the look-back bucket
 * (exports less often than once per bucket) starts the range from its first
 * sample in it. Non-monotonic cumulative sums (UpDownCounters) get the net
 * change instead: falls are not resets.
 */

export interface CounterQuery extends RangeQuery {
  readonly step: Step;
}

export interface CounterIncrease extends SeriesKey {
  /** Bucket start (UTC). */
  readonly bucket: Date;
  readonly increase: number;
  readonly deltaSamples: number;
  readonly cumulativeSamples: number;
  /** Restarts and resets detected in the bucket (0, 1 or 2). */
  readonly resets: number;
}

/** One row of the counter query (series key, bucket, merged states, previous row). */
export interface SumRollupRow extends Record<(typeof SERIES_COLUMNS)[number], unknown> {
  bucket: number;
  monotonic: number;
  deltaSum: number;
  deltaSamples: string | number;
  cumSamples: string | number;
  firstValue: number;
  firstStart: string;
  lastValue: number;
  lastStart: string;
  hasPrev: number;
  prevValue: number;
  prevStart: string;
  firstIsNew: number;
}

/** Builds the SQL (exported for inspection); the values are in `p`. */
export function counterSql(store: Store, q: CounterQuery, p: QueryParams): string {
  const keys = SERIES_COLUMNS.join(', ');
  const lookback = new Date(q.from.getTime() - stepMs(q.step));
  const where = rangeConditions(q, p, lookback).join(' AND ');
  const ns = (x: string): string => `toString(toUnixTimestamp64Nano(${x}))`;
  const from = p.time(q.from);
  return `
SELECT * FROM (
  SELECT ${keys}, toUnixTimestamp(Bucket) AS bucket, Bucket AS bucketStart,
    monotonic, deltaSum, deltaSamples, cumSamples,
    tupleElement(firstSample, 1) AS firstValue, ${ns('tupleElement(firstSample, 2)')} AS firstStart,
    tupleElement(lastSample, 1) AS lastValue, ${ns('tupleElement(lastSample, 2)')} AS lastStart,
    toUInt8(row_number() OVER w > 1) AS hasPrev,
    lagInFrame(tupleElement(lastSample, 1)) OVER w AS prevValue,
    ${ns('lagInFrame(tupleElement(lastSample, 2)) OVER w')} AS prevStart,
    toUInt8(tupleElement(firstSample, 2) >= Bucket - toIntervalSecond(${stepMs(q.step) / 1000})) AS firstIsNew
  FROM (
    SELECT ${keys}, Bucket,
      max(IsMonotonic) AS monotonic,
      sum(DeltaSum) AS deltaSum,
      sum(DeltaSamples) AS deltaSamples,
      sum(CumSamples) AS cumSamples,
      argMinIfMerge(CumFirst) AS firstSample,
      argMaxIfMerge(CumLast) AS lastSample
    FROM ${store.table(ROLLUP_TABLES.sum[q.step])}
    WHERE ${where}
    GROUP BY ${keys}, Bucket
  )
  WINDOW w AS (PARTITION BY ${keys}, cumSamples > 0 ORDER BY Bucket ASC
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WHERE bucketStart >= ${from}
ORDER BY ${keys}, bucket`;
}

interface Step1 {
  readonly value: number;
  readonly reset: boolean;
}

/** Increase from sample a to sample b of one cumulative series. */
function between(aStart: string, a: number, bStart: string, b: number, monotonic: boolean): Step1 {
  if (aStart !== bStart) return { value: b, reset: true };
  if (monotonic && b < a) return { value: b, reset: true };
  return { value: b - a, reset: false };
}

/** The cumulative part of one bucket's increase (see the module comment). */
export function cumulativeIncrease(r: SumRollupRow): { value: number; resets: number } {
  if (Number(r.cumSamples) === 0) return { value: 0, resets: 0 };
  const mono = r.monotonic > 0;
  const head: Step1 =
    r.hasPrev > 0
      ? between(r.prevStart, r.prevValue, r.firstStart, r.firstValue, mono)
      : { value: r.firstIsNew > 0 ? r.firstValue : 0, reset: false };
  const body = between(r.firstStart, r.firstValue, r.lastStart, r.lastValue, mono);
  return { value: head.value + body.value, resets: Number(head.reset) + Number(body.reset) };
}

/** Per-series, per-bucket counter increases over [from, to). */
export async function counterIncreases(store: Store, q: CounterQuery): Promise<CounterIncrease[]> {
  checkRange(q);
  const p = new QueryParams();
  const rows = await queryRows<SumRollupRow>(store, counterSql(store, q, p), p);
  return rows.map((r) => {
    const cum = cumulativeIncrease(r);
    return {
      ...seriesKey(r),
      bucket: bucketDate(r.bucket),
      increase: r.deltaSum + cum.value,
      deltaSamples: Number(r.deltaSamples),
      cumulativeSamples: Number(r.cumSamples),
      resets: cum.resets,
    };
  });
}
