import {
  createMaterializedView,
  createTable,
  fillOnce,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import { ANALYTICS_TABLES, ANALYTICS_VIEWS } from './names.js';

/**
 * GPUs seen per day, cascaded from the hourly GPU table: the hours in which
 * each GPU reported kept as an exact set (`uniqExactState`), so GPU-hours
 * over any run of whole days are exact and a 30-day window reads 31 rows per
 * GPU instead of 744 (`read/gpus.ts`).
 *
 * Created with rows like the 6-hour SLA inputs (blocks-ddl.ts): filled
 * once from the hourly table while empty, then kept current by its view.
 */

export const GPU_HOURS_TYPE = "AggregateFunction(uniqExact, DateTime('UTC'))";

const KEY = ['OrchestratorAddress', 'Region', 'GpuId', 'GpuModel'] as const;

function select(from: string): string {
  return [
    "SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,",
    `    ${KEY.map((k) => `src.${k} AS ${k}`).join(', ')},`,
    '    uniqExactState(src.Bucket) AS Hours, sum(src.Samples) AS Samples',
    `FROM ${from} AS src`,
    `GROUP BY Bucket, ${KEY.join(', ')}`,
  ].join('\n');
}

export function gpusDailyStatements(o: DdlOptions, hourTtlDays: number): string[] {
  const { gpusHour, gpusDay } = ANALYTICS_TABLES;
  return [
    ...createTable(o, {
      name: gpusDay,
      columns: [
        "Bucket DateTime('UTC')",
        ...KEY.map((k) => `${k} LowCardinality(String)`),
        `Hours ${GPU_HOURS_TYPE}`,
        'Samples SimpleAggregateFunction(sum, UInt64)',
      ],
      engine: 'AggregatingMergeTree',
      partitionBy: 'toYYYYMM(Bucket)',
      orderBy: `(Bucket, ${KEY.join(', ')})`,
      ttl: `Bucket + toIntervalDay(${Math.floor(hourTtlDays)})`,
      settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
      shardingKey: 'cityHash64(OrchestratorAddress)',
    }),
    fillOnce(o, gpusDay, select(`${ident(o.database)}.${ident(gpusHour)}`)),
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.gpusDaily,
      gpusDay,
      select(`${ident(o.database)}.${ident(storageTable(o, gpusHour))}`),
    ),
  ];
}
