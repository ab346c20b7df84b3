import {
  createMaterializedView,
  createTable,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import { RAW_METRIC_TABLES } from '../../storage/schema/raw-tables.js';
import {
  ANALYTICS_TABLES,
  ANALYTICS_VIEWS,
  INPUT_ATTRIBUTES as A,
  INPUT_METRICS as M,
  SOURCE,
} from './names.js';
import { DELTA, NOT_MISSING, attr, lit, litList } from './sql.js';

/**
 * Liveness and money per orchestrator, per minute and per hour:
 * - agent heartbeats (`naap.agent.heartbeat`, one per export) and the export
 *   interval the agent reports, per host: seconds with a live heartbeat =
 *   heartbeats × interval (time-based availability, SLA coverage);
 * - test-load probes (`naap.probes`) by outcome (event-based availability);
 * - fees (`livepeer.ticket.value.received`, gwei).
 * The minute table exists so maintenance windows can be cut out at minute
 * precision; everything else reads the hourly one.
 * Plus the GPUs seen per hour with their model (GPU count for the capacity
 * rate, GPU models for demand by model).
 */

const SUM = (type: string): string => `SimpleAggregateFunction(sum, ${type})`;

export const NODE_KEY = ['OrchestratorAddress', 'Source', 'Region', 'HostName'] as const;

const NODE_VALUES = [
  `Heartbeats ${SUM('UInt64')}`,
  `IntervalSum ${SUM('Float64')}`,
  `IntervalSamples ${SUM('UInt64')}`,
  `Probes ${SUM('UInt64')}`,
  `ProbeSuccesses ${SUM('UInt64')}`,
  `FeesGwei ${SUM('Float64')}`,
];

type Step = 'minute' | 'hour';
const BUCKET: Record<Step, (t: string) => string> = {
  minute: (t) => `toStartOfMinute(${t}, 'UTC')`,
  hour: (t) => `toStartOfHour(${t}, 'UTC')`,
};

const raw = (o: DdlOptions, table: string): string =>
  `${ident(o.database)}.${ident(storageTable(o, table))} AS raw`;

function keySelect(step: Step): string {
  return [
    `${BUCKET[step]('raw.TimeUnix')} AS Bucket`,
    'raw.OrchestratorAddress AS OrchestratorAddress',
    'raw.Source AS Source',
    'raw.Region AS Region',
    `${attr('raw.ResourceAttributes', A.hostName)} AS HostName`,
  ].join(',\n    ');
}

const GROUP = `GROUP BY Bucket, ${NODE_KEY.join(', ')}`;

function nodeViews(o: DdlOptions, step: Step): string[] {
  const table = step === 'minute' ? ANALYTICS_TABLES.nodeMinute : ANALYTICS_TABLES.nodeHour;
  const views =
    step === 'minute'
      ? [ANALYTICS_VIEWS.nodeMinuteFromGauges, ANALYTICS_VIEWS.nodeMinuteFromSums]
      : [ANALYTICS_VIEWS.nodeHourFromGauges, ANALYTICS_VIEWS.nodeHourFromSums];
  const outcome = attr('raw.Attributes', A.outcome);
  const probes = `raw.MetricName = ${lit(M.probes)}`;
  const gauges = [
    `SELECT ${keySelect(step)},`,
    `    countIf(raw.MetricName = ${lit(M.heartbeat)}) AS Heartbeats,`,
    `    sumIf(raw.Value, raw.MetricName = ${lit(M.exportInterval)}) AS IntervalSum,`,
    `    countIf(raw.MetricName = ${lit(M.exportInterval)}) AS IntervalSamples`,
    `FROM ${raw(o, RAW_METRIC_TABLES.gauge)}`,
    `WHERE raw.Source = ${lit(SOURCE.agent)} AND raw.OrchestratorAddress != '' AND ${NOT_MISSING}`,
    `  AND isFinite(raw.Value) AND raw.Value > 0`,
    `  AND raw.MetricName IN ${litList([M.heartbeat, M.exportInterval])}`,
    GROUP,
  ];
  const sums = [
    `SELECT ${keySelect(step)},`,
    `    toUInt64(round(sumIf(raw.Value, ${probes} AND ${outcome} IN ('success', 'failure')))) AS Probes,`,
    `    toUInt64(round(sumIf(raw.Value, ${probes} AND ${outcome} = 'success'))) AS ProbeSuccesses,`,
    `    sumIf(raw.Value, raw.MetricName = ${lit(M.fees)}) AS FeesGwei`,
    `FROM ${raw(o, RAW_METRIC_TABLES.sum)}`,
    `WHERE raw.OrchestratorAddress != '' AND ${DELTA} AND ${NOT_MISSING}`,
    `  AND isFinite(raw.Value) AND raw.Value >= 0`,
    `  AND ((${probes} AND raw.Source = ${lit(SOURCE.testload)})`,
    `    OR (raw.MetricName = ${lit(M.fees)} AND raw.Source = ${lit(SOURCE.agent)}))`,
    GROUP,
  ];
  const [g, s] = views;
  return [
    createMaterializedView(o, g ?? '', table, gauges.join('\n')),
    createMaterializedView(o, s ?? '', table, sums.join('\n')),
  ];
}

function nodeTable(o: DdlOptions, step: Step, ttlDays: number): string[] {
  return createTable(o, {
    name: step === 'minute' ? ANALYTICS_TABLES.nodeMinute : ANALYTICS_TABLES.nodeHour,
    columns: [
      "Bucket DateTime('UTC')",
      ...NODE_KEY.map((c) => `${c} LowCardinality(String)`),
      ...NODE_VALUES,
    ],
    engine: 'AggregatingMergeTree',
    partitionBy: step === 'minute' ? 'toMonday(Bucket)' : 'toYYYYMM(Bucket)',
    orderBy: `(Bucket, ${NODE_KEY.join(', ')})`,
    ttl: `Bucket + toIntervalDay(${Math.floor(ttlDays)})`,
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
}

function gpuStatements(o: DdlOptions, ttlDays: number): string[] {
  const table = createTable(o, {
    name: ANALYTICS_TABLES.gpusHour,
    columns: [
      "Bucket DateTime('UTC')",
      'OrchestratorAddress LowCardinality(String)',
      'Region LowCardinality(String)',
      'GpuId LowCardinality(String)',
      'GpuModel LowCardinality(String)',
      `Samples ${SUM('UInt64')}`,
    ],
    engine: 'AggregatingMergeTree',
    partitionBy: 'toYYYYMM(Bucket)',
    orderBy: '(Bucket, OrchestratorAddress, GpuId, GpuModel, Region)',
    ttl: `Bucket + toIntervalDay(${Math.floor(ttlDays)})`,
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
  const select = [
    `SELECT ${BUCKET.hour('raw.TimeUnix')} AS Bucket, raw.OrchestratorAddress AS OrchestratorAddress,`,
    `    raw.Region AS Region, raw.GpuId AS GpuId, ${attr('raw.Attributes', A.gpuModel)} AS GpuModel,`,
    '    count() AS Samples',
    `FROM ${raw(o, RAW_METRIC_TABLES.gauge)}`,
    `WHERE raw.Source = ${lit(SOURCE.agent)} AND raw.OrchestratorAddress != '' AND raw.GpuId != ''`,
    `  AND raw.MetricName IN ${litList(M.gpuPresence)}`,
    'GROUP BY Bucket, OrchestratorAddress, Region, GpuId, GpuModel',
  ];
  return [
    ...table,
    createMaterializedView(o, ANALYTICS_VIEWS.gpus, ANALYTICS_TABLES.gpusHour, select.join('\n')),
  ];
}

export interface NodeTtlDays {
  readonly minute: number;
  readonly hour: number;
}

export function nodeStatements(o: DdlOptions, ttl: NodeTtlDays): string[] {
  return [
    ...nodeTable(o, 'minute', ttl.minute),
    ...nodeTable(o, 'hour', ttl.hour),
    ...nodeViews(o, 'minute'),
    ...nodeViews(o, 'hour'),
    ...gpuStatements(o, ttl.hour),
  ];
}
