import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { DAY_MS, HOUR_MS, ceilTo, floorTo, type HourRange } from './filters.js';
import { BUCKET_EXPR, type TimeBucket } from './inputs.js';
import { findSpan, spanConditions, type Span } from './spans.js';

/**
 * GPUs each orchestrator reported per hour (from its agent's GPU metrics):
 * GPU count and GPU-hours (the capacity-rate denominator), and each GPU's
 * model (demand by GPU model). Hour buckets read the hourly GPU table,
 * everything else the daily one (hours as bitmasks).
 */

export interface GpuHours {
  /** Bucket start (ms), or the range start without buckets. */
  readonly bucketMs: number;
  readonly orchestrator: string;
  readonly gpuId: string;
  readonly gpuModel: string;
  /** Hours of the bucket in which the GPU reported. */
  readonly hours: number;
}

type Num = string | number;

export interface GpuQuery {
  readonly range: HourRange;
  readonly orchestrators?: readonly string[];
  readonly bucket?: TimeBucket;
  /** Read a span of the range when there is one (default true). */
  readonly spans?: boolean;
}

/**
 * GPU-hours per GPU (and bucket); one total over a range that starts where
 * a span starts reads the span's GPU-hours and the hours after it.
 */
export async function gpuHours(store: Store, q: GpuQuery): Promise<GpuHours[]> {
  const spanned =
    q.bucket === undefined && q.spans !== false && q.range.from.getTime() % HOUR_MS === 0;
  const span = spanned ? await findSpan(store, q.range) : null;
  if (span === null) return stored(store, q);
  const rest = { ...q, range: { from: new Date(span.to), to: q.range.to } };
  const [inSpan, after] = await Promise.all([
    fromSpan(store, q, span),
    span.to < q.range.to.getTime() ? stored(store, rest) : [],
  ]);
  const byGpu = new Map<string, GpuHours>();
  for (const g of [...inSpan, ...after]) {
    const k = `${g.orchestrator}|${g.gpuId}`;
    const had = byGpu.get(k);
    byGpu.set(k, { ...g, bucketMs: q.range.from.getTime(), hours: (had?.hours ?? 0) + g.hours });
  }
  const key = (g: GpuHours): string => `${g.orchestrator}|${g.gpuId}`;
  return [...byGpu.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

type GpuRow = { b: Num; o: string; gpu: string; model: string; hours: Num };

/** The SELECT of GPU-hours from the hourly (hour buckets) or the daily table. */
export function gpuHoursSql(store: Store, p: QueryParams, q: GpuQuery): string {
  const [from, to] = [p.time(q.range.from), p.time(q.range.to)];
  const orchestrators = q.orchestrators
    ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
    : [];
  const bucket = q.bucket ? `toUnixTimestamp(${BUCKET_EXPR[q.bucket]})` : '0';
  return q.bucket === 'hour'
    ? `SELECT ${bucket} AS b, OrchestratorAddress AS o, GpuId AS gpu,
         anyLast(GpuModel) AS model, uniqExact(Bucket) AS hours
       FROM ${store.table(ANALYTICS_TABLES.gpusHour)}
       WHERE ${[`Bucket >= ${from}`, `Bucket < ${to}`, ...orchestrators].join(' AND ')}
       GROUP BY b, o, gpu ORDER BY b, o, gpu`
    : dailySql(store, p, { from, to, bucket, orchestrators }, q.range);
}

async function stored(store: Store, q: GpuQuery): Promise<GpuHours[]> {
  const p = new QueryParams();
  const rows = await queryRows<GpuRow>(store, gpuHoursSql(store, p, q), p);
  return rows.map((r) => ({
    bucketMs: q.bucket ? Number(r.b) * 1000 : q.range.from.getTime(),
    orchestrator: r.o,
    gpuId: r.gpu,
    gpuModel: r.model,
    hours: Number(r.hours),
  }));
}

async function fromSpan(store: Store, q: GpuQuery, span: Span): Promise<GpuHours[]> {
  const p = new QueryParams();
  const where = [
    ...spanConditions(p, span),
    ...(q.orchestrators
      ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
      : []),
  ];
  const rows = await queryRows<GpuRow>(
    store,
    `SELECT 0 AS b, OrchestratorAddress AS o, GpuId AS gpu, GpuModel AS model, Hours AS hours
     FROM ${store.table(ANALYTICS_TABLES.gpusSpan)} WHERE ${where.join(' AND ')}`,
    p,
  );
  return rows.map((r) => ({
    bucketMs: span.from,
    orchestrator: r.o,
    gpuId: r.gpu,
    gpuModel: r.model,
    hours: Number(r.hours),
  }));
}

/**
 * Every day the range touches, from the daily table, one row per day and
 * key (`FINAL`: parts may not be merged yet): the bits of hours outside
 * [from, to) are cleared, the rest counted; days cover disjoint hours, so
 * their counts add. A rolling 24 h window reads 2 rows per GPU instead of 24,
 * 30 days 31 instead of 720. A GPU reported under two regions in the same
 * hour (an agent moved mid-hour) counts that hour once per region.
 */
function dailySql(
  store: Store,
  p: QueryParams,
  s: { from: string; to: string; bucket: string; orchestrators: string[] },
  range: HourRange,
): string {
  const firstDay = new Date(floorTo(range.from.getTime(), DAY_MS));
  const endDay = new Date(ceilTo(range.to.getTime(), DAY_MS));
  const hourOf = (t: string): string =>
    `intDiv(toInt64(toUnixTimestamp(${t})) - toInt64(toUnixTimestamp(Bucket)), 3600)`;
  const bit = (h: string): string => `bitShiftLeft(toUInt64(1), least(24, greatest(0, ${h})))`;
  const mask = `toUInt32(${bit(hourOf(s.to))} - ${bit(hourOf(s.from))})`;
  const where = [`Bucket >= ${p.time(firstDay)}`, `Bucket < ${p.time(endDay)}`, ...s.orchestrators];
  return `SELECT ${s.bucket} AS b, OrchestratorAddress AS o, GpuId AS gpu,
       anyLast(GpuModel) AS model, sum(bitCount(bitAnd(Hours, ${mask}))) AS hours
     FROM ${store.merged(ANALYTICS_TABLES.gpusDay)}
     WHERE ${where.join(' AND ')}
     GROUP BY b, o, gpu ORDER BY b, o, gpu`;
}
