import { createTable, type DdlOptions } from '../../storage/schema/ddl.js';
import { INPUTS } from './input-layout.js';
import { inputColumns } from './inputs-ddl.js';
import { ANALYTICS_TABLES } from './names.js';

/**
 * Spans: the SLA inputs of a whole rolling window, merged once by the scorer
 * (`score/spans.ts`) and read instead of its hours, blocks and days
 * (`read/spans.ts`). A span [Bucket, SpanEnd) holds one row per input key
 * with the window's sums and merged quantile states, so a 30-day leaderboard
 * merges one state per group instead of ~40.
 *
 * - `naap_sla_inputs_v2_span`: the rows, with the columns of the input
 *   tables in the same order (a read takes `* EXCEPT (SpanEnd, Generation)`
 *   into the same UNION ALL), then the span's end and the generation that
 *   wrote them. A span is recomputed when late data touches one of its
 *   hours; each computation is a new generation, and reads take the latest
 *   complete one.
 * - `naap_node_span`, `naap_gpus_span`: the window's node totals per host
 *   (each hour capped as `read/node-rows.ts` caps it; the day before the
 *   window apart, for the host look-back) and GPU-hours per GPU, so the
 *   leaderboard's other long reads are one row per host and GPU too.
 * - `naap_sla_input_spans`: one row per span and generation, written after
 *   that generation's rows in all three, so a read never sees a generation
 *   half written.
 *
 * All keep a few hours: a span ending at hour E serves windows ending in
 * hour E only (the next hour's spans replace it). The rows outlive their
 * listing by as long again, so a span still listed (TTL drops parts in
 * background merges, not on the hour) still has its rows.
 */

/** How long a span stays listed after its end. */
export const SPAN_TTL_HOURS = 3;
// Expired parts are dropped within the hour (the default waits 4 hours).
const SETTINGS = 'index_granularity = 8192, ttl_only_drop_parts = 1, merge_with_ttl_timeout = 3600';

/** Engine and retention of the tables of a span's rows. */
const spanRows = {
  engine: 'MergeTree',
  partitionBy: 'toStartOfHour(SpanEnd)',
  orderBy: '(SpanEnd, Bucket, Generation, OrchestratorAddress)',
  ttl: `SpanEnd + toIntervalHour(${2 * SPAN_TTL_HOURS})`,
  settings: SETTINGS,
  shardingKey: 'cityHash64(OrchestratorAddress)',
} as const;

export function spanStatements(o: DdlOptions): string[] {
  return [
    ...createTable(o, {
      name: ANALYTICS_TABLES.inputsSpan,
      columns: [...inputColumns(INPUTS), "SpanEnd DateTime('UTC')", 'Generation UInt64'],
      ...spanRows,
    }),
    ...createTable(o, {
      name: ANALYTICS_TABLES.nodeSpan,
      columns: [
        "Bucket DateTime('UTC')",
        "SpanEnd DateTime('UTC')",
        'Generation UInt64',
        'Lookback UInt8',
        'OrchestratorAddress LowCardinality(String)',
        'HostName LowCardinality(String)',
        'Source LowCardinality(String)',
        'Heartbeats UInt64',
        'LiveSeconds Float64',
        'IntervalSum Float64',
        'IntervalSamples UInt64',
        'Probes UInt64',
        'ProbeSuccesses UInt64',
        'FeesGwei Float64',
      ],
      ...spanRows,
    }),
    ...createTable(o, {
      name: ANALYTICS_TABLES.gpusSpan,
      columns: [
        "Bucket DateTime('UTC')",
        "SpanEnd DateTime('UTC')",
        'Generation UInt64',
        'OrchestratorAddress LowCardinality(String)',
        'GpuId LowCardinality(String)',
        'GpuModel LowCardinality(String)',
        'Hours UInt64',
      ],
      ...spanRows,
    }),
    ...createTable(o, {
      name: ANALYTICS_TABLES.inputSpans,
      columns: [
        "Bucket DateTime('UTC')",
        "SpanEnd DateTime('UTC')",
        'Generation UInt64',
        'Rows UInt64',
      ],
      engine: 'ReplacingMergeTree',
      engineArgs: 'Generation',
      partitionBy: 'toStartOfHour(SpanEnd)',
      orderBy: '(Bucket, SpanEnd)',
      ttl: `SpanEnd + toIntervalHour(${SPAN_TTL_HOURS})`,
      settings: SETTINGS,
    }),
  ];
}
