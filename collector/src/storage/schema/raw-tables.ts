import { ATTR } from '@naap/otel';
import { createTable, type DdlOptions, type TableSpec } from './ddl.js';

/**
 * Raw tables in the layout of the OpenTelemetry Collector's ClickHouse
 * exporter (exporter/clickhouseexporter/internal/sqltemplates: same table and
 * column names and types), so a stock OTel Collector can write into them and
 * Grafana's ClickHouse plugin can read them. NaaP dimensions are MATERIALIZED
 * from the attribute maps — also for rows a stock collector inserts — and lead
 * the sort key, so filters by orchestrator, GPU, pipeline or model are fast.
 */

const RESOURCE_AND_SCOPE = [
  'ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1))',
  'ResourceSchemaUrl String CODEC(ZSTD(1))',
  'ScopeName String CODEC(ZSTD(1))',
  'ScopeVersion String CODEC(ZSTD(1))',
  'ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1))',
  'ScopeDroppedAttrCount UInt32 CODEC(ZSTD(1))',
  'ScopeSchemaUrl String CODEC(ZSTD(1))',
  'ServiceName LowCardinality(String) CODEC(ZSTD(1))',
  'MetricName String CODEC(ZSTD(1))',
  'MetricDescription String CODEC(ZSTD(1))',
  'MetricUnit String CODEC(ZSTD(1))',
  'Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1))',
  'StartTimeUnix DateTime64(9) CODEC(Delta, ZSTD(1))',
  'TimeUnix DateTime64(9) CODEC(Delta, ZSTD(1))',
];

const EXEMPLARS = `Exemplars Nested (
        FilteredAttributes Map(LowCardinality(String), String),
        TimeUnix DateTime64(9),
        Value Float64,
        SpanId String,
        TraceId String
    ) CODEC(ZSTD(1))`;

/** NaaP dimensions, materialized from the attribute maps. */
export const NAAP_COLUMNS = {
  orchestrator: 'OrchestratorAddress',
  region: 'Region',
  source: 'Source',
  gpu: 'GpuId',
  pipeline: 'Pipeline',
  model: 'ModelId',
} as const;

/**
 * Point-level attributes win over resource attributes: a test-load gateway
 * names the orchestrator it measured on each point or record, an agent names
 * its own on the resource (the collector rejects points of an agent that name
 * another orchestrator).
 */
const pick = (point: string, key: string): string =>
  `if(${point}['${key}'] != '', ${point}['${key}'], ResourceAttributes['${key}'])`;

const materialized = (point: 'Attributes' | 'LogAttributes'): string[] => [
  `${NAAP_COLUMNS.orchestrator} LowCardinality(String) MATERIALIZED ${pick(point, ATTR.orchestratorAddress)}`,
  `${NAAP_COLUMNS.region} LowCardinality(String) MATERIALIZED ${pick(point, ATTR.region)}`,
  `${NAAP_COLUMNS.source} LowCardinality(String) MATERIALIZED ResourceAttributes['${ATTR.source}']`,
  `${NAAP_COLUMNS.gpu} LowCardinality(String) MATERIALIZED ${point}['${ATTR.hwId}']`,
  `${NAAP_COLUMNS.pipeline} LowCardinality(String) MATERIALIZED ${point}['${ATTR.pipeline}']`,
  `${NAAP_COLUMNS.model} LowCardinality(String) MATERIALIZED ${point}['${ATTR.modelId}']`,
];

/**
 * Skip indexes on the point attributes only. The exporter layout also indexes
 * the resource attributes, but here they are constant per orchestrator, which
 * already leads the sort key; those two indexes cost about a fifth of the
 * insert CPU (bench:ingest) and prune nothing.
 */
const INDEXES = [
  'INDEX idx_attr_key mapKeys(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1',
  'INDEX idx_attr_value mapValues(Attributes) TYPE bloom_filter(0.01) GRANULARITY 1',
];

const METRIC_ORDER = `(MetricName, ${NAAP_COLUMNS.orchestrator}, ${NAAP_COLUMNS.gpu}, ${NAAP_COLUMNS.pipeline}, ${NAAP_COLUMNS.model}, toUnixTimestamp64Nano(TimeUnix))`;

export const RAW_METRIC_TABLES = {
  gauge: 'otel_metrics_gauge',
  sum: 'otel_metrics_sum',
  histogram: 'otel_metrics_histogram',
  exponential_histogram: 'otel_metrics_exponential_histogram',
  summary: 'otel_metrics_summary',
} as const;

export const RAW_LOGS_TABLE = 'otel_logs';

function metricTable(name: string, specific: readonly string[], ttlDays: number): TableSpec {
  return {
    name,
    columns: [...RESOURCE_AND_SCOPE, ...specific, ...materialized('Attributes'), ...INDEXES],
    engine: 'MergeTree',
    partitionBy: 'toDate(TimeUnix)',
    orderBy: METRIC_ORDER,
    ttl: `toDateTime(TimeUnix) + toIntervalDay(${Math.floor(ttlDays)})`,
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: `cityHash64(${NAAP_COLUMNS.orchestrator})`,
  };
}

export function rawMetricTables(o: DdlOptions, ttlDays: number): string[] {
  const tables: TableSpec[] = [
    metricTable(
      RAW_METRIC_TABLES.gauge,
      ['Value Float64 CODEC(ZSTD(1))', 'Flags UInt32 CODEC(ZSTD(1))', EXEMPLARS],
      ttlDays,
    ),
    metricTable(
      RAW_METRIC_TABLES.sum,
      [
        'Value Float64 CODEC(ZSTD(1))',
        'Flags UInt32 CODEC(ZSTD(1))',
        EXEMPLARS,
        'AggregationTemporality Int32 CODEC(ZSTD(1))',
        'IsMonotonic Boolean CODEC(Delta, ZSTD(1))',
      ],
      ttlDays,
    ),
    metricTable(
      RAW_METRIC_TABLES.histogram,
      [
        'Count UInt64 CODEC(Delta, ZSTD(1))',
        'Sum Float64 CODEC(ZSTD(1))',
        'BucketCounts Array(UInt64) CODEC(ZSTD(1))',
        'ExplicitBounds Array(Float64) CODEC(ZSTD(1))',
        EXEMPLARS,
        'Flags UInt32 CODEC(ZSTD(1))',
        'Min Float64 CODEC(ZSTD(1))',
        'Max Float64 CODEC(ZSTD(1))',
        'AggregationTemporality Int32 CODEC(ZSTD(1))',
      ],
      ttlDays,
    ),
    metricTable(
      RAW_METRIC_TABLES.exponential_histogram,
      [
        'Count UInt64 CODEC(Delta, ZSTD(1))',
        'Sum Float64 CODEC(ZSTD(1))',
        'Scale Int32 CODEC(ZSTD(1))',
        'ZeroCount UInt64 CODEC(ZSTD(1))',
        'PositiveOffset Int32 CODEC(ZSTD(1))',
        'PositiveBucketCounts Array(UInt64) CODEC(ZSTD(1))',
        'NegativeOffset Int32 CODEC(ZSTD(1))',
        'NegativeBucketCounts Array(UInt64) CODEC(ZSTD(1))',
        EXEMPLARS,
        'Flags UInt32 CODEC(ZSTD(1))',
        'Min Float64 CODEC(ZSTD(1))',
        'Max Float64 CODEC(ZSTD(1))',
        'AggregationTemporality Int32 CODEC(ZSTD(1))',
      ],
      ttlDays,
    ),
    metricTable(
      RAW_METRIC_TABLES.summary,
      [
        'Count UInt64 CODEC(Delta, ZSTD(1))',
        'Sum Float64 CODEC(ZSTD(1))',
        `ValueAtQuantiles Nested(
        Quantile Float64,
        Value Float64
    ) CODEC(ZSTD(1))`,
        'Flags UInt32 CODEC(ZSTD(1))',
      ],
      ttlDays,
    ),
  ];
  return tables.flatMap((t) => createTable(o, t));
}

export function rawLogsTable(o: DdlOptions, ttlDays: number): string[] {
  return createTable(o, {
    name: RAW_LOGS_TABLE,
    columns: [
      'Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1))',
      'TimestampTime DateTime DEFAULT toDateTime(Timestamp)',
      'TraceId String CODEC(ZSTD(1))',
      'SpanId String CODEC(ZSTD(1))',
      'TraceFlags UInt8',
      'SeverityText LowCardinality(String) CODEC(ZSTD(1))',
      'SeverityNumber UInt8',
      'ServiceName LowCardinality(String) CODEC(ZSTD(1))',
      'Body String CODEC(ZSTD(1))',
      'ResourceSchemaUrl LowCardinality(String) CODEC(ZSTD(1))',
      'ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1))',
      'ScopeSchemaUrl LowCardinality(String) CODEC(ZSTD(1))',
      'ScopeName String CODEC(ZSTD(1))',
      'ScopeVersion LowCardinality(String) CODEC(ZSTD(1))',
      'ScopeAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1))',
      'LogAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1))',
      "EventName LowCardinality(String) DEFAULT LogAttributes['event.name'] CODEC(ZSTD(1))",
      ...materialized('LogAttributes'),
      'INDEX idx_res_attr_key mapKeys(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1',
      'INDEX idx_log_attr_key mapKeys(LogAttributes) TYPE bloom_filter(0.01) GRANULARITY 1',
      'INDEX idx_log_attr_value mapValues(LogAttributes) TYPE bloom_filter(0.01) GRANULARITY 1',
    ],
    engine: 'MergeTree',
    partitionBy: 'toDate(TimestampTime)',
    orderBy: `(ServiceName, EventName, ${NAAP_COLUMNS.orchestrator}, TimestampTime, Timestamp)`,
    ttl: `TimestampTime + toIntervalDay(${Math.floor(ttlDays)})`,
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: `cityHash64(${NAAP_COLUMNS.orchestrator})`,
  });
}
