import type { CollectorConfig } from '../../config/config.js';
import { allRollupTables, rollupTtl } from '../rollups/tables.js';
import { storageTable } from '../schema/ddl.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../schema/raw-tables.js';
import { IDENTITY_TABLE } from './007-orchestrator-identity.js';
import type { MigrationContext } from './types.js';

export function migrationContext(config: CollectorConfig): MigrationContext {
  return { database: config.database, cluster: config.cluster, ttlDays: config.ttlDays };
}

/** Every table with a TTL and the expression the configuration asks for. */
export function ttlTargets(config: CollectorConfig): { table: string; expression: string }[] {
  const ctx = migrationContext(config);
  const raw = Object.values(RAW_METRIC_TABLES).map((t) => ({
    table: storageTable(ctx, t),
    expression: `toDateTime(TimeUnix) + toIntervalDay(${config.ttlDays.raw})`,
  }));
  const rollups = allRollupTables().map(({ table, step }) => ({
    table: storageTable(ctx, table),
    expression: rollupTtl(config.ttlDays[step]),
  }));
  return [
    ...raw,
    {
      table: storageTable(ctx, RAW_LOGS_TABLE),
      expression: `TimestampTime + toIntervalDay(${config.ttlDays.raw})`,
    },
    ...rollups,
    {
      table: storageTable(ctx, IDENTITY_TABLE),
      expression: `toDate(Day) + toIntervalDay(${config.ttlDays.hour})`,
    },
  ];
}
