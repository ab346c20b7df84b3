import {
  createMaterializedView,
  createTable,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import type { InputLayout } from './input-layout.js';
import { ANALYTICS_TABLES, ANALYTICS_VIEWS, SOURCE } from './names.js';
import { lit } from './sql.js';

/**
 * Stored scores and what the scorer needs to keep them current:
 * - `naap_sla_scores`: one row per (hour, O, pipeline, model, GPU, source,
 *   version) with the score, its inputs, the cohort it was judged against
 *   and the full breakdown (JSON, as the API returns them). Re-scoring
 *   inserts a new row; the latest `ComputedAt` wins (ReplacingMergeTree).
 * - `naap_sla_cohorts`: the benchmarks each hour was scored against.
 * - `naap_sla_touched`: (hour, O) pairs whose inputs or heartbeats changed,
 *   written by views on the hourly tables (so late data marks its own hour).
 * - `naap_sla_scorer_state`: the scorer's watermark over `TouchedAt`.
 */

const TIME = "DateTime64(3, 'UTC')";

function scores(o: DdlOptions, ttlDays: number): string[] {
  return createTable(o, {
    name: ANALYTICS_TABLES.scores,
    columns: [
      "Bucket DateTime('UTC')",
      'OrchestratorAddress LowCardinality(String)',
      'Pipeline LowCardinality(String)',
      'ModelId LowCardinality(String)',
      'GpuId LowCardinality(String)',
      'Source LowCardinality(String)',
      'Version LowCardinality(String)',
      'Score Nullable(Float64)',
      'Reason LowCardinality(String)',
      'Coverage Float64',
      'Reliability Nullable(Float64)',
      'Quality Nullable(Float64)',
      'Jobs UInt64',
      'Regions Array(LowCardinality(String))',
      'Inputs String CODEC(ZSTD(1))',
      'Cohort String CODEC(ZSTD(1))',
      'Breakdown String CODEC(ZSTD(1))',
      `ComputedAt ${TIME}`,
    ],
    engine: 'ReplacingMergeTree',
    engineArgs: 'ComputedAt',
    partitionBy: 'toYYYYMM(Bucket)',
    orderBy: '(OrchestratorAddress, Pipeline, ModelId, GpuId, Source, Version, Bucket)',
    ttl: `Bucket + toIntervalDay(${Math.floor(ttlDays)})`,
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
}

function cohorts(o: DdlOptions, ttlDays: number): string[] {
  const q = (name: string): string[] => [
    `${name}P50 Nullable(Float64)`,
    `${name}P90 Nullable(Float64)`,
    `${name}P10 Nullable(Float64)`,
    `${name}Rows UInt64`,
  ];
  return createTable(o, {
    name: ANALYTICS_TABLES.cohorts,
    columns: [
      "Bucket DateTime('UTC')",
      'Pipeline LowCardinality(String)',
      'ModelId LowCardinality(String)',
      'Source LowCardinality(String)',
      ...q('Ptff'),
      ...q('E2e'),
      ...q('Fps'),
      `ComputedAt ${TIME}`,
    ],
    engine: 'ReplacingMergeTree',
    engineArgs: 'ComputedAt',
    partitionBy: 'toYYYYMM(Bucket)',
    orderBy: '(Pipeline, ModelId, Source, Bucket)',
    ttl: `Bucket + toIntervalDay(${Math.floor(ttlDays)})`,
    shardingKey: 'cityHash64(Pipeline, ModelId)',
  });
}

function touched(o: DdlOptions, layout: InputLayout): string[] {
  const table = createTable(o, {
    name: ANALYTICS_TABLES.touched,
    columns: [
      "Bucket DateTime('UTC')",
      'OrchestratorAddress LowCardinality(String)',
      `TouchedAt ${TIME}`,
    ],
    engine: 'MergeTree',
    partitionBy: 'toYYYYMMDD(TouchedAt)',
    orderBy: '(TouchedAt, Bucket, OrchestratorAddress)',
    ttl: 'toDateTime(TouchedAt) + toIntervalDay(7)',
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
  return [
    ...table,
    touchedByInputsView(o, layout),
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.touchedByNode,
      ANALYTICS_TABLES.touched,
      touchedFrom(
        o,
        ANALYTICS_TABLES.nodeHour,
        `WHERE src.Source = ${lit(SOURCE.agent)} AND src.Heartbeats > 0`,
      ),
    ),
  ];
}

function touchedFrom(o: DdlOptions, t: string, where: string): string {
  return [
    "SELECT src.Bucket AS Bucket, src.OrchestratorAddress AS OrchestratorAddress, now64(3, 'UTC') AS TouchedAt",
    `FROM ${ident(o.database)}.${ident(storageTable(o, t))} AS src`,
    where,
    'GROUP BY Bucket, OrchestratorAddress',
  ].join('\n');
}

/** The view marking (hour, O) touched on every insert into the hourly inputs of `layout`. */
export function touchedByInputsView(o: DdlOptions, layout: InputLayout): string {
  return createMaterializedView(
    o,
    ANALYTICS_VIEWS.touchedByInputs,
    ANALYTICS_TABLES.touched,
    touchedFrom(o, layout.hour, ''),
  );
}

function scorerState(o: DdlOptions): string[] {
  return createTable(o, {
    name: ANALYTICS_TABLES.scorerState,
    columns: ['Name LowCardinality(String)', `Watermark ${TIME}`, `UpdatedAt ${TIME}`],
    engine: 'ReplacingMergeTree',
    engineArgs: 'UpdatedAt',
    orderBy: 'Name',
    shardingKey: 'cityHash64(Name)',
  });
}

export function scoreStatements(o: DdlOptions, hourTtlDays: number, inputs: InputLayout): string[] {
  return [
    ...scores(o, hourTtlDays),
    ...cohorts(o, hourTtlDays),
    ...touched(o, inputs),
    ...scorerState(o),
  ];
}

/**
 * Announced maintenance windows of an orchestrator: excluded from
 * availability (time- and event-based) and from the heartbeats a score's
 * coverage expects. A window is changed or withdrawn by writing its id again
 * (`Deleted = 1` withdraws it); the latest `UpdatedAt` wins.
 */
export function maintenanceStatements(o: DdlOptions): string[] {
  return createTable(o, {
    name: ANALYTICS_TABLES.maintenance,
    columns: [
      'OrchestratorAddress LowCardinality(String)',
      'Id String',
      `StartsAt ${TIME}`,
      `EndsAt ${TIME}`,
      'Reason String',
      'Deleted UInt8',
      `UpdatedAt ${TIME}`,
    ],
    engine: 'ReplacingMergeTree',
    engineArgs: 'UpdatedAt',
    orderBy: '(OrchestratorAddress, Id)',
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
}
