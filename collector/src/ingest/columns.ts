import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../storage/schema/raw-tables.js';

/**
 * The columns of each raw table the collector fills, in the order of the
 * fields of its TabSeparated lines (the mappers write them in this order).
 * Columns left out take their defaults: the NaaP columns are MATERIALIZED,
 * exemplars are not stored (empty), `TimestampTime` follows `Timestamp`.
 * `ResourceAttributes` comes first: never empty (the identity is stamped on
 * it), so no line starts with a tab.
 */
const METRIC_HEAD = [
  'ResourceAttributes',
  'ResourceSchemaUrl',
  'ServiceName',
  'ScopeName',
  'ScopeVersion',
  'ScopeAttributes',
  'ScopeDroppedAttrCount',
  'ScopeSchemaUrl',
  'MetricName',
  'MetricDescription',
  'MetricUnit',
  'Attributes',
  'StartTimeUnix',
  'TimeUnix',
  'Flags',
] as const;

const METRIC_TAIL: Readonly<Record<keyof typeof RAW_METRIC_TABLES, readonly string[]>> = {
  gauge: ['Value'],
  sum: ['Value', 'AggregationTemporality', 'IsMonotonic'],
  histogram: [
    'Count',
    'Sum',
    'BucketCounts',
    'ExplicitBounds',
    'Min',
    'Max',
    'AggregationTemporality',
  ],
  exponential_histogram: [
    'Count',
    'Sum',
    'Scale',
    'ZeroCount',
    'PositiveOffset',
    'PositiveBucketCounts',
    'NegativeOffset',
    'NegativeBucketCounts',
    'Min',
    'Max',
    'AggregationTemporality',
  ],
  summary: ['Count', 'Sum', 'ValueAtQuantiles.Quantile', 'ValueAtQuantiles.Value'],
};

const LOG_COLUMNS = [
  'ResourceAttributes',
  'Timestamp',
  'TraceId',
  'SpanId',
  'TraceFlags',
  'SeverityText',
  'SeverityNumber',
  'ServiceName',
  'Body',
  'ResourceSchemaUrl',
  'ScopeSchemaUrl',
  'ScopeName',
  'ScopeVersion',
  'ScopeAttributes',
  'LogAttributes',
  'EventName',
] as const;

const TABLE_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ...Object.entries(METRIC_TAIL).map(([kind, tail]): [string, readonly string[]] => [
    RAW_METRIC_TABLES[kind as keyof typeof RAW_METRIC_TABLES],
    [...METRIC_HEAD, ...tail],
  ]),
  [RAW_LOGS_TABLE, LOG_COLUMNS],
]);

/** The columns of a raw table's lines, in order; undefined for other tables. */
export function insertColumns(table: string): readonly string[] | undefined {
  return TABLE_COLUMNS.get(table);
}
