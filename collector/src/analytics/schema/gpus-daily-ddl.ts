import {
  createMaterializedView,
  createTable,
  dropTable,
  dropView,
  fillOnce,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import { ANALYTICS_TABLES, ANALYTICS_VIEWS } from './names.js';

/**
 * GPUs seen per day, cascaded from the hourly GPU table, with the hours in
 * which each GPU reported, so GPU-hours over any run of whole days are exact
 * and a 30-day window reads ~31 rows per GPU instead of 744
 * (`read/gpus.ts`). Two generations:
 * - `naap_gpus_1d` (migration 11): the hours as an exact set
 *   (`uniqExactState`). Merging 29 days of sets for 2 000 GPUs took
 *   50–130 ms of a 30-day leaderboard.
 * - `naap_gpus_v2_1d` (migration 14; 15 drops the first): the hours as a
 *   24-bit mask (`groupBitOr`, bit h = hour h UTC): a day's rows merge by
 *   OR, its GPU-hours are the mask's `bitCount`, and days add.
 *
 * Each was created with rows like the 6-hour SLA inputs (six-hours-ddl.ts):
 * filled once from the hourly table while empty, then kept current by its
 * view (the same view name in both generations).
 */

interface GpuDayLayout {
  readonly table: string;
  readonly hoursType: string;
  /** The hours of the source rows (`src`) as the column's state. */
  readonly hours: string;
}

const V1: GpuDayLayout = {
  table: 'naap_gpus_1d',
  hoursType: "AggregateFunction(uniqExact, DateTime('UTC'))",
  hours: 'uniqExactState(src.Bucket)',
};

const V2: GpuDayLayout = {
  table: ANALYTICS_TABLES.gpusDay,
  hoursType: 'SimpleAggregateFunction(groupBitOr, UInt32)',
  hours: "groupBitOr(bitShiftLeft(toUInt32(1), toHour(src.Bucket, 'UTC')))",
};

const KEY = ['OrchestratorAddress', 'Region', 'GpuId', 'GpuModel'] as const;

function select(layout: GpuDayLayout, from: string): string {
  return [
    "SELECT toStartOfDay(src.Bucket, 'UTC') AS Bucket,",
    `    ${KEY.map((k) => `src.${k} AS ${k}`).join(', ')},`,
    `    ${layout.hours} AS Hours, sum(src.Samples) AS Samples`,
    `FROM ${from} AS src`,
    `GROUP BY Bucket, ${KEY.join(', ')}`,
  ].join('\n');
}

/** Migration 11: the first generation. */
export function gpusDailyStatements(o: DdlOptions, hourTtlDays: number): string[] {
  return gpuDayStatements(o, V1, hourTtlDays, false);
}

/** Migration 14: the second generation, with the view moved onto it. */
export function gpusDailyV2Statements(o: DdlOptions, hourTtlDays: number): string[] {
  return gpuDayStatements(o, V2, hourTtlDays, true);
}

/** Migration 15: the first generation's table, no longer written or read. */
export function dropGpusDailyV1Statements(o: DdlOptions): string[] {
  return dropTable(o, V1.table);
}

function gpuDayStatements(
  o: DdlOptions,
  layout: GpuDayLayout,
  hourTtlDays: number,
  moveView: boolean,
): string[] {
  const { gpusHour } = ANALYTICS_TABLES;
  const gpusDay = layout.table;
  return [
    ...createTable(o, {
      name: gpusDay,
      columns: [
        "Bucket DateTime('UTC')",
        ...KEY.map((k) => `${k} LowCardinality(String)`),
        `Hours ${layout.hoursType}`,
        'Samples SimpleAggregateFunction(sum, UInt64)',
      ],
      engine: 'AggregatingMergeTree',
      partitionBy: 'toYYYYMM(Bucket)',
      orderBy: `(Bucket, ${KEY.join(', ')})`,
      ttl: `Bucket + toIntervalDay(${Math.floor(hourTtlDays)})`,
      settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
      shardingKey: 'cityHash64(OrchestratorAddress)',
    }),
    // The view of the previous generation stops first: the fill is complete.
    ...(moveView ? [dropView(o, ANALYTICS_VIEWS.gpusDaily)] : []),
    fillOnce(o, gpusDay, select(layout, `${ident(o.database)}.${ident(gpusHour)}`)),
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.gpusDaily,
      gpusDay,
      select(layout, `${ident(o.database)}.${ident(storageTable(o, gpusHour))}`),
    ),
  ];
}
