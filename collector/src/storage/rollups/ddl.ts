import {
  createMaterializedView,
  createTable,
  ident,
  storageTable,
  type DdlOptions,
} from '../schema/ddl.js';
import { NAAP_COLUMNS, RAW_METRIC_TABLES } from '../schema/raw-tables.js';
import {
  BUCKET_EXPR,
  KEY_SOURCE,
  PARTITION_BY,
  ROLLUP_TABLES,
  keyColumns,
  keyNames,
  rollupTtl,
  type RollupKind,
  type Step,
} from './tables.js';

/**
 * DDL of the rollups: one AggregatingMergeTree table per (kind, granularity)
 * and one materialized view per (raw table, granularity). Hourly tables are
 * fed from the raw tables too, never from the minute tables, so each
 * granularity is exact on its own and the two are independent.
 *
 * Points flagged "no recorded value" (OTLP data point flag 1) and non-finite
 * values are left out of every rollup; they stay in the raw tables.
 */

interface KindSpec {
  readonly raw: string;
  /** Key columns between the attributes and the bucket. */
  readonly extraKey: readonly string[];
  readonly values: readonly string[];
  /** MV select list for the value columns, in `values` order. */
  readonly select: readonly string[];
  readonly where: string;
}

const NOT_MISSING = 'bitAnd(raw.Flags, 1) = 0';

const KINDS: Readonly<Record<RollupKind, KindSpec>> = {
  gauge: {
    raw: RAW_METRIC_TABLES.gauge,
    extraKey: [],
    values: [
      'Avg AggregateFunction(avg, Float64)',
      'Min SimpleAggregateFunction(min, Float64)',
      'Max SimpleAggregateFunction(max, Float64)',
      'Last AggregateFunction(argMax, Float64, DateTime64(9))',
      'Samples SimpleAggregateFunction(sum, UInt64)',
      // Distribution of the samples (e.g. FPS p5/p50 over a window).
      'Digest AggregateFunction(quantileTDigest, Float64)',
    ],
    select: [
      'avgState(raw.Value) AS Avg',
      'min(raw.Value) AS Min',
      'max(raw.Value) AS Max',
      'argMaxState(raw.Value, raw.TimeUnix) AS Last',
      'toUInt64(count()) AS Samples',
      'quantileTDigestState(raw.Value) AS Digest',
    ],
    where: `${NOT_MISSING} AND isFinite(raw.Value)`,
  },
  sum: {
    raw: RAW_METRIC_TABLES.sum,
    extraKey: [],
    values: [
      'IsMonotonic SimpleAggregateFunction(max, UInt8)',
      // AggregationTemporality = 1 (DELTA): the values add up.
      'DeltaSum SimpleAggregateFunction(sum, Float64)',
      'DeltaSamples SimpleAggregateFunction(sum, UInt64)',
      // AggregationTemporality = 2 (CUMULATIVE): first and last (Value, StartTimeUnix) by TimeUnix.
      'CumFirst AggregateFunction(argMinIf, Tuple(Float64, DateTime64(9)), DateTime64(9), UInt8)',
      'CumLast AggregateFunction(argMaxIf, Tuple(Float64, DateTime64(9)), DateTime64(9), UInt8)',
      'CumSamples SimpleAggregateFunction(sum, UInt64)',
    ],
    select: [
      'max(toUInt8(raw.IsMonotonic)) AS IsMonotonic',
      'sumIf(raw.Value, raw.AggregationTemporality = 1) AS DeltaSum',
      'toUInt64(countIf(raw.AggregationTemporality = 1)) AS DeltaSamples',
      'argMinIfState((raw.Value, raw.StartTimeUnix), raw.TimeUnix, toUInt8(raw.AggregationTemporality = 2)) AS CumFirst',
      'argMaxIfState((raw.Value, raw.StartTimeUnix), raw.TimeUnix, toUInt8(raw.AggregationTemporality = 2)) AS CumLast',
      'toUInt64(countIf(raw.AggregationTemporality = 2)) AS CumSamples',
    ],
    where: `${NOT_MISSING} AND isFinite(raw.Value) AND raw.AggregationTemporality IN (1, 2)`,
  },
  histogram: {
    raw: RAW_METRIC_TABLES.histogram,
    extraKey: ['ExplicitBounds Array(Float64)'],
    values: [
      'BucketCounts AggregateFunction(sumForEach, Array(UInt64))',
      'Count SimpleAggregateFunction(sum, UInt64)',
      'Sum SimpleAggregateFunction(sum, Float64)',
      'Min SimpleAggregateFunction(min, Float64)',
      'Max SimpleAggregateFunction(max, Float64)',
      'Samples SimpleAggregateFunction(sum, UInt64)',
    ],
    select: [
      'sumForEachState(raw.BucketCounts) AS BucketCounts',
      'sum(raw.Count) AS Count',
      'sum(raw.Sum) AS Sum',
      // Empty points (Count = 0) carry no min/max: ±inf is the neutral element.
      'min(if(raw.Count > 0, raw.Min, inf)) AS Min',
      'max(if(raw.Count > 0, raw.Max, -inf)) AS Max',
      'toUInt64(count()) AS Samples',
    ],
    // Only DELTA histograms are rolled up: our agents and test-load gateways
    // export delta histograms. Cumulative histograms (third-party producers)
    // are kept in the raw table only. A point is either count-only (no
    // buckets) or has one count per bound plus the overflow bucket.
    where:
      `${NOT_MISSING} AND raw.AggregationTemporality = 1 AND isFinite(raw.Sum)` +
      ' AND (empty(raw.BucketCounts) OR length(raw.BucketCounts) = length(raw.ExplicitBounds) + 1)',
  },
};

const EXTRA_KEY_NAMES: Readonly<Record<RollupKind, readonly string[]>> = {
  gauge: [],
  sum: [],
  histogram: ['ExplicitBounds'],
};

function rollupTable(o: DdlOptions, kind: RollupKind, step: Step, ttlDays: number): string[] {
  const k = KINDS[kind];
  return createTable(o, {
    name: ROLLUP_TABLES[kind][step],
    columns: [...keyColumns(k.extraKey), ...k.values],
    engine: 'AggregatingMergeTree',
    partitionBy: PARTITION_BY[step],
    orderBy: `(${keyNames(EXTRA_KEY_NAMES[kind]).join(', ')})`,
    ttl: rollupTtl(ttlDays),
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: `cityHash64(${NAAP_COLUMNS.orchestrator})`,
  });
}

/** The SELECT of the view that rolls `kind` up per `step`, reading the raw storage table. */
export function rollupSelect(o: DdlOptions, kind: RollupKind, step: Step): string {
  const k = KINDS[kind];
  const keys = keyNames(EXTRA_KEY_NAMES[kind]);
  const keySelect = keys.map((c) => {
    if (c === 'Bucket') return `${BUCKET_EXPR[step]} AS Bucket`;
    const src = KEY_SOURCE[c];
    return `${src ?? `raw.${c}`} AS ${c}`;
  });
  return [
    `SELECT ${[...keySelect, ...k.select].join(',\n    ')}`,
    `FROM ${ident(o.database)}.${ident(storageTable(o, k.raw))} AS raw`,
    `WHERE ${k.where}`,
    `GROUP BY ${keys.join(', ')}`,
  ].join('\n');
}

export function rollupViewName(kind: RollupKind, step: Step): string {
  return `${ROLLUP_TABLES[kind][step]}_mv`;
}

export interface RollupTtlDays {
  readonly minute: number;
  readonly hour: number;
}

/** Every rollup table (plus Distributed fronts on a cluster), then every view. */
export function rollupStatements(o: DdlOptions, ttlDays: RollupTtlDays): string[] {
  const kinds = Object.keys(KINDS) as RollupKind[];
  const steps: Step[] = ['minute', 'hour'];
  const tables = kinds.flatMap((kind) =>
    steps.flatMap((step) => rollupTable(o, kind, step, ttlDays[step])),
  );
  const views = kinds.flatMap((kind) =>
    steps.map((step) =>
      createMaterializedView(
        o,
        rollupViewName(kind, step),
        ROLLUP_TABLES[kind][step],
        rollupSelect(o, kind, step),
      ),
    ),
  );
  return [...tables, ...views];
}
