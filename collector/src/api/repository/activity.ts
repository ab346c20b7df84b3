import { METRIC } from '@naap/otel';
import { filterConditions, type RollupFilters } from '../../storage/rollups/query.js';
import { ROLLUP_TABLES } from '../../storage/rollups/tables.js';
import type { Range } from '../params/time.js';
import type { Step } from './buckets.js';
import { QueryParams, num, type Db } from './db.js';
import { GPU_PRESENCE } from './gpus.js';

/**
 * Active orchestrators (an agent heartbeat or a job of any source) and
 * active GPUs (any GPU gauge) over a range, or per bucket.
 */
export interface Activity {
  readonly bucketMs: number | null;
  readonly orchestrators: number;
  readonly gpus: number;
}

interface Row {
  readonly bucket?: number | string;
  readonly orchestrators: number | string;
  readonly gpus: number | string;
}

export async function activity(
  db: Db,
  q: { step: Step; range: Range; perBucket: boolean; filters?: RollupFilters },
): Promise<Activity[]> {
  const p = new QueryParams();
  const from = p.time(new Date(q.range.fromMs));
  const to = p.time(new Date(q.range.toMs));
  const filters = filterConditions(q.filters, p);
  const cond = (metric: string): string =>
    [`MetricName IN ${metric}`, `Bucket >= ${from}`, `Bucket < ${to}`, ...filters].join(' AND ');
  const beat = p.add('Array(String)', [METRIC.agentHeartbeat, ...GPU_PRESENCE]);
  const gpu = p.add('Array(String)', [...GPU_PRESENCE]);
  const jobs = p.add('Array(String)', [METRIC.jobs]);
  const b = q.perBucket ? 'toUnixTimestamp(Bucket)' : '0';
  const sql = `SELECT ${q.perBucket ? 'b AS bucket,' : ''}
  uniqExactIf(o, o != '') AS orchestrators, uniqExactIf((o, g), g != '' AND isGpu) AS gpus
FROM (
  SELECT ${b} AS b, OrchestratorAddress AS o, GpuId AS g, MetricName IN ${gpu} AS isGpu
  FROM ${db.table(ROLLUP_TABLES.gauge[q.step])} WHERE ${cond(beat)} AND Source = 'agent'
  UNION ALL
  SELECT ${b} AS b, OrchestratorAddress AS o, '' AS g, false AS isGpu
  FROM ${db.table(ROLLUP_TABLES.sum[q.step])} WHERE ${cond(jobs)}
)
${q.perBucket ? 'GROUP BY b ORDER BY b' : ''}`;
  const rows = await db.rows<Row>(sql, p);
  return rows.map((r) => ({
    bucketMs: q.perBucket ? num(r.bucket) * 1000 : null,
    orchestrators: num(r.orchestrators),
    gpus: num(r.gpus),
  }));
}
