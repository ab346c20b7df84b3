import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import {
  INPUT_DIMENSIONS,
  filterSql,
  type HourRange,
  type InputDimension,
  type InputFilter,
} from './filters.js';
import { INPUTS, mergeQuantiles } from '../schema/input-layout.js';
import { planParts, planSql, planWithSpan } from './plan.js';
import { findSpan, type Span } from './spans.js';

/**
 * Merged SLA inputs of a range, grouped by any dimensions and optionally by
 * time bucket (hour, day, week): sums add, quantile states merge — the
 * figures of a day or a month are recomputed from the additive inputs, never
 * averaged from hours.
 */

export type TimeBucket = 'hour' | 'day' | 'week';

export const BUCKET_EXPR: Readonly<Record<TimeBucket, string>> = {
  hour: 'Bucket',
  day: "toStartOfDay(Bucket, 'UTC')",
  week: "toMonday(Bucket, 'UTC')",
};

/** Quantile levels returned with every latency and FPS aggregate. */
export const LATENCY_LEVELS = [0.5, 0.9, 0.95, 0.99] as const;
export const FPS_LEVELS = [0.05, 0.1, 0.5] as const;

export interface LatencyAggregate {
  readonly count: number;
  readonly sumMs: number;
  /** Quantiles at LATENCY_LEVELS (null without samples). */
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface FpsAggregate {
  readonly count: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly p5: number | null;
  readonly p10: number | null;
  readonly p50: number | null;
}

export interface InputAggregate {
  /** Bucket start, when grouped by time. */
  readonly bucket: Date | null;
  readonly group: Partial<Record<InputDimension, string>>;
  /** Regions the rows came from. */
  readonly regions: readonly string[];
  readonly jobs: { readonly success: number; readonly failure: number; readonly excused: number };
  readonly capacityRefused: number;
  readonly startup: { readonly attempts: number; readonly successes: number };
  readonly swaps: { readonly observed: number; readonly swapped: number };
  readonly e2e: LatencyAggregate;
  readonly ptff: LatencyAggregate;
  readonly fps: FpsAggregate;
  readonly busySeconds: number;
}

export interface InputQuery {
  readonly range: HourRange;
  readonly filter?: InputFilter;
  readonly groupBy?: readonly InputDimension[];
  readonly bucket?: TimeBucket;
  /** Read whole days and blocks (default true; off: hours only, for hour buckets). */
  readonly daily?: boolean;
  /** Read a span of the range when there is one (default true; not with buckets or hours only). */
  readonly spans?: boolean;
}

type Num = string | number;
interface Row {
  readonly [dimension: string]: unknown;
  readonly bucket?: Num;
  readonly regions: string[];
  readonly success: Num;
  readonly failure: Num;
  readonly excused: Num;
  readonly capacity: Num;
  readonly attempts: Num;
  readonly successes: Num;
  readonly observed: Num;
  readonly swapped: Num;
  readonly e2eCount: Num;
  readonly e2eSum: number;
  readonly e2eQ: number[];
  readonly ptffCount: Num;
  readonly ptffSum: number;
  readonly ptffQ: number[];
  readonly fpsCount: Num;
  readonly fpsSum: number;
  readonly fpsSq: number;
  readonly fpsQ: number[];
  readonly busy: number;
}

export function inputSql(
  store: Store,
  q: InputQuery,
  p: QueryParams,
  span: Span | null = null,
): string {
  const dims = [...new Set(q.groupBy ?? [])];
  const keys = [
    ...(q.bucket ? [`toUnixTimestamp(${BUCKET_EXPR[q.bucket]}) AS bucket`] : []),
    ...dims.map((d) => `${INPUT_DIMENSIONS[d]} AS ${d}`),
  ];
  const groupBy = [...(q.bucket ? ['bucket'] : []), ...dims];
  const daily = (q.daily ?? true) && q.bucket !== 'hour';
  const parts = span ? planWithSpan(span, q.range, daily) : planParts(q.range, daily);
  const from = planSql(store, parts, p, filterSql(q.filter, p));
  const merge = (col: string, xs: readonly number[]): string => mergeQuantiles(INPUTS, xs, col);
  return `
SELECT ${[...keys, ''].join(', ')}
  groupUniqArray(Region) AS regions,
  sum(JobsSuccess) AS success, sum(JobsFailure) AS failure, sum(JobsExcused) AS excused,
  sum(CapacityRefused) AS capacity,
  sum(StartupAttempts) AS attempts, sum(StartupSuccesses) AS successes,
  sum(SwapsObserved) AS observed, sum(SwapsSwapped) AS swapped,
  sum(E2eCount) AS e2eCount, sum(E2eSumMs) AS e2eSum, ${merge('E2eDigest', LATENCY_LEVELS)} AS e2eQ,
  sum(PtffCount) AS ptffCount, sum(PtffSumMs) AS ptffSum, ${merge('PtffDigest', LATENCY_LEVELS)} AS ptffQ,
  sum(FpsCount) AS fpsCount, sum(FpsSum) AS fpsSum, sum(FpsSumSquares) AS fpsSq,
  ${merge('FpsDigest', FPS_LEVELS)} AS fpsQ,
  sum(BusySeconds) AS busy
FROM ${from}
${groupBy.length > 0 ? `GROUP BY ${groupBy.join(', ')}\nORDER BY ${groupBy.join(', ')}` : ''}`;
}

const quantile = (count: number, qs: number[], i: number): number | null => {
  const v = qs[i];
  return count > 0 && v !== undefined && Number.isFinite(v) ? v : null;
};

function latency(count: Num, sum: number, qs: number[]): LatencyAggregate {
  const n = Number(count);
  return {
    count: n,
    sumMs: sum,
    p50: quantile(n, qs, 0),
    p90: quantile(n, qs, 1),
    p95: quantile(n, qs, 2),
    p99: quantile(n, qs, 3),
  };
}

export function toAggregate(r: Row, dims: readonly InputDimension[]): InputAggregate {
  const group: Partial<Record<InputDimension, string>> = {};
  for (const d of dims) group[d] = String(r[d]);
  const fpsCount = Number(r.fpsCount);
  return {
    bucket: r.bucket === undefined ? null : new Date(Number(r.bucket) * 1000),
    group,
    regions: [...r.regions].sort(),
    jobs: { success: Number(r.success), failure: Number(r.failure), excused: Number(r.excused) },
    capacityRefused: Number(r.capacity),
    startup: { attempts: Number(r.attempts), successes: Number(r.successes) },
    swaps: { observed: Number(r.observed), swapped: Number(r.swapped) },
    e2e: latency(r.e2eCount, r.e2eSum, r.e2eQ),
    ptff: latency(r.ptffCount, r.ptffSum, r.ptffQ),
    fps: {
      count: fpsCount,
      sum: r.fpsSum,
      sumSquares: r.fpsSq,
      p5: quantile(fpsCount, r.fpsQ, 0),
      p10: quantile(fpsCount, r.fpsQ, 1),
      p50: quantile(fpsCount, r.fpsQ, 2),
    },
    busySeconds: r.busy,
  };
}

/** Merged inputs per group (and bucket) over the range. */
export async function inputAggregates(store: Store, q: InputQuery): Promise<InputAggregate[]> {
  const useSpan = q.bucket === undefined && q.daily !== false && q.spans !== false;
  const span = useSpan ? await findSpan(store, q.range) : null;
  const p = new QueryParams();
  const rows = await queryRows<Row>(store, inputSql(store, q, p, span), p);
  const dims = [...new Set(q.groupBy ?? [])];
  // A query without groups over an empty range still returns one (empty) row.
  return rows.map((r) => toAggregate(r, dims)).filter((a) => !isEmpty(a));
}

function isEmpty(a: InputAggregate): boolean {
  return (
    a.jobs.success + a.jobs.failure + a.jobs.excused === 0 &&
    a.e2e.count + a.ptff.count + a.fps.count === 0 &&
    a.startup.attempts + a.swaps.observed === 0 &&
    a.busySeconds === 0
  );
}
