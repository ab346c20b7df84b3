import { ATTR } from '@naap/otel';
import type { GpuStat } from '@naap/otel/api';
import { ROLLUP_TABLES } from '../../storage/rollups/tables.js';
import { RAW_METRIC_TABLES } from '../../storage/schema/raw-tables.js';
import type { Range } from '../params/time.js';
import { QueryParams, num, numOrNull, type Db } from './db.js';

/**
 * One GPU gauge of one orchestrator in steps of `stepMs`: from raw points
 * (`raw`), or by merging the states of minute or hour rollup buckets, so
 * every stat is exact for the step (the average of a step is the average of
 * its samples, not of bucket averages).
 */
export type Resolution = 'raw' | 'minute' | 'hour';

export interface SeriesQuery {
  readonly address: string;
  readonly gpu?: string;
  readonly metric: string;
  readonly range: Range;
  readonly stepMs: number;
  readonly resolution: Resolution;
  readonly stat: GpuStat;
}

export interface SeriesPoint {
  readonly gpuId: string;
  readonly model: string | null;
  readonly tMs: number;
  readonly value: number | null;
}

const RAW_STAT: Readonly<Record<GpuStat, string>> = {
  avg: 'avg(Value)',
  min: 'min(Value)',
  max: 'max(Value)',
  last: 'argMax(Value, TimeUnix)',
};
const ROLLUP_STAT: Readonly<Record<GpuStat, string>> = {
  avg: 'avgMerge(Avg)',
  min: 'min(Min)',
  max: 'max(Max)',
  last: 'argMaxMerge(Last)',
};

interface Row {
  readonly gpu: string;
  readonly model: string;
  readonly t: number | string;
  readonly v: number | null;
}

export async function gpuSeries(db: Db, q: SeriesQuery): Promise<SeriesPoint[]> {
  const p = new QueryParams();
  const raw = q.resolution === 'raw';
  const time = raw ? 'TimeUnix' : 'Bucket';
  const stepS = p.add('UInt32', Math.round(q.stepMs / 1000));
  const table = raw
    ? RAW_METRIC_TABLES.gauge
    : ROLLUP_TABLES.gauge[q.resolution === 'minute' ? 'minute' : 'hour'];
  const where = [
    `MetricName = ${p.add('String', q.metric)}`,
    `OrchestratorAddress = ${p.add('String', q.address)}`,
    `${time} >= ${p.time(new Date(q.range.fromMs))}`,
    `${time} < ${p.time(new Date(q.range.toMs))}`,
    `GpuId != ''`,
    `Source = 'agent'`,
    ...(q.gpu ? [`GpuId = ${p.add('String', q.gpu)}`] : []),
    ...(raw ? ['bitAnd(Flags, 1) = 0', 'isFinite(Value)'] : []),
  ];
  const sql = `SELECT GpuId AS gpu, any(Attributes[${p.add('String', ATTR.hwModel)}]) AS model,
  toUnixTimestamp(toStartOfInterval(${time}, toIntervalSecond(${stepS}), 'UTC')) AS t,
  ${(raw ? RAW_STAT : ROLLUP_STAT)[q.stat]} AS v
FROM ${db.table(table)}
WHERE ${where.join(' AND ')}
GROUP BY gpu, t
ORDER BY gpu, t`;
  const rows = await db.rows<Row>(sql, p);
  return rows.map((r) => ({
    gpuId: r.gpu,
    model: r.model === '' ? null : r.model,
    tMs: num(r.t) * 1000,
    value: numOrNull(r.v),
  }));
}
