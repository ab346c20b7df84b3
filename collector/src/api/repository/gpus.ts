import { ATTR, METRIC } from '@naap/otel';
import { ROLLUP_TABLES } from '../../storage/rollups/tables.js';
import { RAW_METRIC_TABLES } from '../../storage/schema/raw-tables.js';
import type { Range } from '../params/time.js';
import type { Step } from './buckets.js';
import { QueryParams, msOf, num, type Db } from './db.js';

/** Metrics whose presence says a GPU is reporting (MIG GPUs omit utilization). */
export const GPU_PRESENCE = [
  METRIC.gpuUtilization,
  METRIC.gpuMemoryLimit,
  METRIC.gpuTemperature,
  METRIC.gpuPowerDraw,
] as const;

/** One GPU seen in a range (agent). */
export interface GpuSeen {
  readonly address: string;
  readonly gpuId: string;
  readonly model: string | null;
  readonly region: string | null;
  /** Start of the last bucket it reported in. */
  readonly lastBucketMs: number;
}

interface SeenRow {
  readonly address: string;
  readonly gpu: string;
  readonly model: string;
  readonly region: string;
  readonly last: number | string;
}

export async function gpusSeen(
  db: Db,
  q: { step: Step; range: Range; addresses?: readonly string[] },
): Promise<GpuSeen[]> {
  const p = new QueryParams();
  const where = [
    `MetricName IN ${p.add('Array(String)', [...GPU_PRESENCE])}`,
    `Bucket >= ${p.time(new Date(q.range.fromMs))}`,
    `Bucket < ${p.time(new Date(q.range.toMs))}`,
    `Source = 'agent'`,
    `GpuId != ''`,
    ...(q.addresses ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.addresses])}`] : []),
  ];
  const sql = `SELECT OrchestratorAddress AS address, GpuId AS gpu,
  argMax(Attributes[${p.add('String', ATTR.hwModel)}], Bucket) AS model,
  argMax(Region, Bucket) AS region, toUnixTimestamp(max(Bucket)) AS last
FROM ${db.table(ROLLUP_TABLES.gauge[q.step])}
WHERE ${where.join(' AND ')}
GROUP BY address, gpu
ORDER BY address, gpu`;
  const rows = await db.rows<SeenRow>(sql, p);
  return rows.map((r) => ({
    address: r.address,
    gpuId: r.gpu,
    model: r.model === '' ? null : r.model,
    region: r.region === '' ? null : r.region,
    lastBucketMs: num(r.last) * 1000,
  }));
}

/** The latest sample of each GPU gauge (of one orchestrator, or all) in [sinceMs, untilMs) (raw points). */
export interface GpuSample {
  readonly address: string;
  readonly gpuId: string;
  readonly metric: string;
  readonly value: number;
  readonly timeMs: number;
}

interface LatestRow {
  readonly address: string;
  readonly gpu: string;
  readonly metric: string;
  readonly value: number;
  readonly t: string | number;
}

export async function gpuLatest(
  db: Db,
  q: { address?: string; metrics: readonly string[]; sinceMs: number; untilMs: number },
): Promise<GpuSample[]> {
  const p = new QueryParams();
  const one =
    q.address === undefined ? '' : `AND OrchestratorAddress = ${p.add('String', q.address)}`;
  const sql = `SELECT OrchestratorAddress AS address, GpuId AS gpu, MetricName AS metric, argMax(Value, TimeUnix) AS value,
  toUnixTimestamp64Milli(max(TimeUnix)) AS t
FROM ${db.table(RAW_METRIC_TABLES.gauge)}
WHERE MetricName IN ${p.add('Array(String)', [...q.metrics])}
  ${one}
  AND TimeUnix >= ${p.time(new Date(q.sinceMs))} AND TimeUnix < ${p.time(new Date(q.untilMs))}
  AND GpuId != '' AND Source = 'agent' AND bitAnd(Flags, 1) = 0 AND isFinite(Value)
GROUP BY address, gpu, metric`;
  const rows = await db.rows<LatestRow>(sql, p);
  return rows.map((r) => ({
    address: r.address,
    gpuId: r.gpu,
    metric: r.metric,
    value: r.value,
    timeMs: msOf(r.t),
  }));
}

/**
 * The last value of each GPU gauge of one orchestrator over a range, from
 * the rollups (exact: argMax by sample time). Sample times are not kept, so
 * `timeMs` is the start of the last bucket with a sample.
 */
export async function gpuLastValues(
  db: Db,
  q: { address: string; metrics: readonly string[]; step: Step; range: Range },
): Promise<GpuSample[]> {
  const p = new QueryParams();
  const sql = `SELECT OrchestratorAddress AS address, GpuId AS gpu, MetricName AS metric,
  argMaxMerge(Last) AS value, toUnixTimestamp(max(Bucket)) AS t
FROM ${db.table(ROLLUP_TABLES.gauge[q.step])}
WHERE MetricName IN ${p.add('Array(String)', [...q.metrics])}
  AND OrchestratorAddress = ${p.add('String', q.address)}
  AND Bucket >= ${p.time(new Date(q.range.fromMs))} AND Bucket < ${p.time(new Date(q.range.toMs))}
  AND GpuId != '' AND Source = 'agent'
GROUP BY address, gpu, metric`;
  const rows = await db.rows<LatestRow>(sql, p);
  return rows.map((r) => ({
    address: r.address,
    gpuId: r.gpu,
    metric: r.metric,
    value: r.value,
    timeMs: num(r.t) * 1000,
  }));
}
