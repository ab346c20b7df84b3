import {
  createMaterializedView,
  createTable,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../../storage/schema/raw-tables.js';
import { testloadFields, TESTLOAD_WHERE } from './inputs-ddl.js';
import {
  ANALYTICS_TABLES,
  ANALYTICS_VIEWS,
  INPUT_ATTRIBUTES as A,
  INPUT_KEY,
  INPUT_METRICS as M,
  SOURCE,
} from './names.js';
import { DELTA, NOT_MISSING, attr, lit } from './sql.js';

/**
 * FPS moments per live stream and hour: the jitter coefficient is σ/μ per
 * stream (metrics.md §2), so it needs each stream's n, Σx and Σx² — which add
 * up across hours, so a stream's jitter over any window is exact. First and
 * last sample times give the stream's observed length (live inference
 * minutes). Agent streams are keyed by `livepeer.stream.id`; a test-load live
 * job is one stream, keyed by its job id.
 */

const KEY = [...INPUT_KEY, 'StreamId'] as const;

const VALUES = [
  'FpsCount SimpleAggregateFunction(sum, UInt64)',
  'FpsSum SimpleAggregateFunction(sum, Float64)',
  'FpsSumSquares SimpleAggregateFunction(sum, Float64)',
  "FirstAt SimpleAggregateFunction(min, DateTime64(3, 'UTC'))",
  "LastAt SimpleAggregateFunction(max, DateTime64(3, 'UTC'))",
];

const raw = (o: DdlOptions, table: string): string =>
  `${ident(o.database)}.${ident(storageTable(o, table))} AS raw`;

function keys(time: string, stream: string): string {
  return [
    `toStartOfHour(${time}, 'UTC') AS Bucket`,
    ...INPUT_KEY.map((k) => `raw.${k} AS ${k}`),
    `${stream} AS StreamId`,
  ].join(',\n    ');
}

const GROUP = `GROUP BY Bucket, ${KEY.join(', ')}`;
const span = (time: string): string =>
  `min(toDateTime64(${time}, 3, 'UTC')) AS FirstAt,\n    max(toDateTime64(${time}, 3, 'UTC')) AS LastAt`;

const agentWhere = (metric: string): string =>
  `raw.Source = ${lit(SOURCE.agent)} AND raw.OrchestratorAddress != '' AND ${DELTA} AND ${NOT_MISSING}` +
  ` AND raw.MetricName = ${lit(metric)} AND ${attr('raw.Attributes', A.streamId)} != ''`;

export function streamStatements(o: DdlOptions, hourTtlDays: number): string[] {
  const table = createTable(o, {
    name: ANALYTICS_TABLES.streamsHour,
    columns: [
      "Bucket DateTime('UTC')",
      ...KEY.map((c) => `${c} LowCardinality(String)`),
      ...VALUES,
    ],
    engine: 'AggregatingMergeTree',
    partitionBy: 'toYYYYMM(Bucket)',
    orderBy: `(${INPUT_KEY.join(', ')}, Bucket, StreamId)`,
    ttl: `Bucket + toIntervalDay(${Math.floor(hourTtlDays)})`,
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
  const stream = attr('raw.Attributes', A.streamId);
  const f = testloadFields();
  const to = ANALYTICS_TABLES.streamsHour;
  return [
    ...table,
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.streamsFromHistograms,
      to,
      [
        `SELECT ${keys('raw.TimeUnix', stream)},`,
        `    sum(raw.Count) AS FpsCount, sum(raw.Sum) AS FpsSum, ${span('raw.TimeUnix')}`,
        `FROM ${raw(o, RAW_METRIC_TABLES.histogram)}`,
        `WHERE ${agentWhere(M.fps)} AND isFinite(raw.Sum) AND raw.Count > 0`,
        GROUP,
      ].join('\n'),
    ),
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.streamsFromSums,
      to,
      [
        `SELECT ${keys('raw.TimeUnix', stream)},`,
        `    sum(raw.Value) AS FpsSumSquares, ${span('raw.TimeUnix')}`,
        `FROM ${raw(o, RAW_METRIC_TABLES.sum)}`,
        `WHERE ${agentWhere(M.fpsSquares)} AND isFinite(raw.Value) AND raw.Value >= 0`,
        GROUP,
      ].join('\n'),
    ),
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.streamsFromTestloads,
      to,
      [
        `SELECT ${keys('raw.Timestamp', f.streamId)},`,
        `    sum(${f.fpsN}) AS FpsCount, sum(${f.fpsN} * ${f.fpsMean}) AS FpsSum,`,
        `    sum(${f.fpsN} * (${f.fpsStddev} * ${f.fpsStddev} + ${f.fpsMean} * ${f.fpsMean})) AS FpsSumSquares,`,
        `    ${span('raw.Timestamp')}`,
        `FROM ${raw(o, RAW_LOGS_TABLE)}`,
        `WHERE ${TESTLOAD_WHERE} AND ${f.fpsOk}`,
        GROUP,
      ].join('\n'),
    ),
  ];
}
