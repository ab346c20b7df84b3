import type { CollectorConfig } from '../../config/config.js';
import { storageTable } from '../../storage/schema/ddl.js';
import { ANALYTICS_TABLES } from './names.js';

/**
 * TTLs of the analytics tables, brought in line with `--ttl-hour-days` /
 * `--ttl-minute-days` on every start (like the rollups): the minute node
 * table keeps minute retention, everything hourly (inputs, scores, cohorts)
 * hour retention.
 */
export function analyticsTtlTargets(
  config: Pick<CollectorConfig, 'database' | 'cluster' | 'ttlDays'>,
): { table: string; expression: string }[] {
  const o = { database: config.database, cluster: config.cluster };
  const ttl = (days: number): string => `Bucket + toIntervalDay(${Math.floor(days)})`;
  const hourly = [
    ANALYTICS_TABLES.inputsHour,
    ANALYTICS_TABLES.inputsDay,
    ANALYTICS_TABLES.inputsSixHours,
    ANALYTICS_TABLES.streamsHour,
    ANALYTICS_TABLES.nodeHour,
    ANALYTICS_TABLES.gpusHour,
    ANALYTICS_TABLES.gpusDay,
    ANALYTICS_TABLES.scores,
    ANALYTICS_TABLES.cohorts,
  ];
  return [
    ...hourly.map((t) => ({ table: storageTable(o, t), expression: ttl(config.ttlDays.hour) })),
    {
      table: storageTable(o, ANALYTICS_TABLES.nodeMinute),
      expression: ttl(config.ttlDays.minute),
    },
  ];
}
