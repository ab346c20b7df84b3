import { METRIC } from '@naap/otel';
import { ROLLUP_TABLES } from '../../storage/rollups/tables.js';
import type { Range } from '../params/time.js';
import type { Step } from './buckets.js';
import { QueryParams, num, numOrNull, type Db } from './db.js';

/** Agent heartbeats of one host of an orchestrator over a range. */
export interface HostHeartbeats {
  readonly address: string;
  readonly host: string;
  readonly heartbeats: number;
  /** Mean export interval the agent reported, seconds; null when it did not. */
  readonly intervalS: number | null;
}

interface Row {
  readonly address: string;
  readonly host: string;
  readonly beats: number | string;
  readonly interval: number | null;
}

/** Heartbeats and export interval per (orchestrator, host), from the gauge rollups. */
export async function heartbeatsBy(
  db: Db,
  q: { step: Step; range: Range; addresses?: readonly string[] },
): Promise<HostHeartbeats[]> {
  const p = new QueryParams();
  const beat = p.add('String', METRIC.agentHeartbeat);
  const interval = p.add('String', METRIC.agentExportInterval);
  const where = [
    `MetricName IN (${beat}, ${interval})`,
    `Bucket >= ${p.time(new Date(q.range.fromMs))}`,
    `Bucket < ${p.time(new Date(q.range.toMs))}`,
    `Source = 'agent'`,
    ...(q.addresses ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.addresses])}`] : []),
  ];
  const sql = `SELECT OrchestratorAddress AS address, HostName AS host,
  sumIf(Samples, MetricName = ${beat}) AS beats,
  avgMergeIf(Avg, MetricName = ${interval}) AS interval
FROM ${db.table(ROLLUP_TABLES.gauge[q.step])}
WHERE ${where.join(' AND ')}
GROUP BY address, host`;
  const rows = await db.rows<Row>(sql, p);
  return rows.map((r) => ({
    address: r.address,
    host: r.host,
    heartbeats: num(r.beats),
    intervalS: numOrNull(r.interval),
  }));
}
