import { ATTR } from '@naap/otel';
import { NAAP_COLUMNS } from '../schema/raw-tables.js';

/**
 * Names and shapes of the rollup tables, shared by the DDL and the query
 * helpers. A rollup row is one series in one time bucket; the series key is
 * the metric name, the NaaP dimensions, the reporting service and host, and
 * the (key-sorted) point attribute map, so series that differ only in an
 * attribute stay apart.
 */

export type Step = 'minute' | 'hour';
export type RollupKind = 'gauge' | 'sum' | 'histogram';

export const ROLLUP_TABLES = {
  gauge: { minute: 'naap_gauge_1m', hour: 'naap_gauge_1h' },
  sum: { minute: 'naap_sum_1m', hour: 'naap_sum_1h' },
  histogram: { minute: 'naap_histogram_1m', hour: 'naap_histogram_1h' },
} as const satisfies Record<RollupKind, Record<Step, string>>;

export const STEP_SECONDS: Readonly<Record<Step, number>> = { minute: 60, hour: 3600 };

/** Bucket start of a raw point, always in UTC (hour buckets do not depend on the server's time zone). */
export const BUCKET_EXPR: Readonly<Record<Step, string>> = {
  minute: "toStartOfMinute(raw.TimeUnix, 'UTC')",
  hour: "toStartOfHour(raw.TimeUnix, 'UTC')",
};

/** Rollup dimension columns, in sort-key order (the NaaP ones first: they are what queries filter on). */
export const DIMENSION_COLUMNS = [
  NAAP_COLUMNS.orchestrator,
  NAAP_COLUMNS.gpu,
  NAAP_COLUMNS.pipeline,
  NAAP_COLUMNS.model,
  NAAP_COLUMNS.region,
  NAAP_COLUMNS.source,
  'ServiceName',
  'HostName',
] as const;

/**
 * How each key column is computed from a raw row (`raw`) in the materialized
 * views; the others are copied. Raw columns are always qualified, so an
 * output alias that reuses a column name (`sum(raw.Count) AS Count`) is never
 * substituted back into an expression, with either query analyzer.
 * `HostName` keeps two hosts of one orchestrator (same point attributes)
 * from being mixed into one cumulative counter; `mapSort` makes the
 * attribute map independent of the order the producer wrote the keys in.
 */
export const KEY_SOURCE: Readonly<Record<string, string>> = {
  HostName: `raw.ResourceAttributes['${ATTR.hostName}']`,
  Attributes: 'mapSort(raw.Attributes)',
};

const DIM_TYPES = DIMENSION_COLUMNS.map((c) => `${c} LowCardinality(String)`);

/** Key columns of every rollup table, `Bucket` last (`extra` goes right before it). */
export function keyColumns(extra: readonly string[] = []): string[] {
  return [
    'MetricName LowCardinality(String)',
    ...DIM_TYPES,
    'Attributes Map(LowCardinality(String), String)',
    ...extra,
    "Bucket DateTime('UTC')",
  ];
}

export function keyNames(extra: readonly string[] = []): string[] {
  return ['MetricName', ...DIMENSION_COLUMNS, 'Attributes', ...extra, 'Bucket'];
}

/** Partitioning: weekly for minute rollups (tens of partitions at the default retention), monthly for hourly ones. */
export const PARTITION_BY: Readonly<Record<Step, string>> = {
  minute: 'toMonday(Bucket)',
  hour: 'toYYYYMM(Bucket)',
};

export function rollupTtl(days: number): string {
  return `Bucket + toIntervalDay(${Math.floor(days)})`;
}

/** Every rollup table with its granularity (for TTLs and checks). */
export function allRollupTables(): { table: string; step: Step }[] {
  return Object.values(ROLLUP_TABLES).flatMap((t) => [
    { table: t.minute, step: 'minute' as const },
    { table: t.hour, step: 'hour' as const },
  ]);
}
