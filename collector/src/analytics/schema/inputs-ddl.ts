import {
  createMaterializedView,
  createTable,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../../storage/schema/raw-tables.js';
import {
  ANALYTICS_VIEWS,
  CAPACITY_ERROR_CLASSES,
  INPUT_ATTRIBUTES as A,
  INPUT_KEY,
  INPUT_METRICS as M,
  LIVE_PIPELINES,
  SOURCE,
  TESTLOAD_EVENT,
} from './names.js';
import { INPUTS, digestType, type InputLayout } from './input-layout.js';
import { DELTA, NOT_MISSING, attr, histogramPoints, lit, litList } from './sql.js';

/**
 * The hourly SLA input table and the views that feed it, for a generation of
 * the input tables (input-layout.ts). Every value column is additive (sums
 * and mergeable quantile states), so any coarser window is recomputed
 * exactly from it. Three views write into it, one per source of rows:
 * - agent counters (`otel_metrics_sum`, DELTA): jobs by outcome, missing
 *   capacity, startup attempts, Σ FPS²;
 * - agent histograms (`otel_metrics_histogram`, DELTA): job durations (the
 *   agent's latency input) and FPS samples;
 * - test-load job records (`otel_logs`, event `naap.testload.job`): one row
 *   per job with its outcome, latency, PTFF, FPS moments and swap flag.
 */

const SUM = (type: string): string => `SimpleAggregateFunction(sum, ${type})`;

/** The additive value columns of an input table of `layout`. */
export const inputValueColumns = (layout: InputLayout): string[] => [
  `JobsSuccess ${SUM('UInt64')}`,
  `JobsFailure ${SUM('UInt64')}`,
  `JobsExcused ${SUM('UInt64')}`,
  `CapacityRefused ${SUM('UInt64')}`,
  `StartupAttempts ${SUM('UInt64')}`,
  `StartupSuccesses ${SUM('UInt64')}`,
  `SwapsObserved ${SUM('UInt64')}`,
  `SwapsSwapped ${SUM('UInt64')}`,
  `E2eCount ${SUM('UInt64')}`,
  `E2eSumMs ${SUM('Float64')}`,
  `E2eDigest ${digestType(layout)}`,
  `PtffCount ${SUM('UInt64')}`,
  `PtffSumMs ${SUM('Float64')}`,
  `PtffDigest ${digestType(layout)}`,
  `FpsCount ${SUM('UInt64')}`,
  `FpsSum ${SUM('Float64')}`,
  `FpsSumSquares ${SUM('Float64')}`,
  `FpsDigest ${digestType(layout)}`,
  `BusySeconds ${SUM('Float64')}`,
];

export const INPUT_VALUE_NAMES = inputValueColumns(INPUTS).map((c) => c.split(' ')[0] ?? c);

const KEY_TYPES = INPUT_KEY.map((c) => `${c} LowCardinality(String)`);

/** The columns of an input table of `layout`, in order: Bucket, INPUT_KEY…, values. */
export const inputColumns = (layout: InputLayout): string[] => [
  "Bucket DateTime('UTC')",
  ...KEY_TYPES,
  ...inputValueColumns(layout),
];

/** An input table of `layout`: (Bucket, INPUT_KEY…) and the additive value columns. */
export function inputTable(
  o: DdlOptions,
  layout: InputLayout,
  t: { name: string; ttl: string; orderBy: string },
): string[] {
  const { name, ttl, orderBy } = t;
  return createTable(o, {
    name,
    columns: inputColumns(layout),
    engine: 'AggregatingMergeTree',
    partitionBy: 'toYYYYMM(Bucket)',
    orderBy,
    ttl,
    settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
    shardingKey: 'cityHash64(OrchestratorAddress)',
  });
}

const raw = (o: DdlOptions, table: string): string =>
  `${ident(o.database)}.${ident(storageTable(o, table))} AS raw`;

const keySelect = (time: string, gpu = 'raw.GpuId'): string =>
  [
    `toStartOfHour(${time}, 'UTC') AS Bucket`,
    'raw.OrchestratorAddress AS OrchestratorAddress',
    'raw.Pipeline AS Pipeline',
    'raw.ModelId AS ModelId',
    `${gpu} AS GpuId`,
    'raw.Region AS Region',
    'raw.Source AS Source',
  ].join(',\n    ');

const GROUP = `GROUP BY Bucket, ${INPUT_KEY.join(', ')}`;
const isLive = 'raw.Pipeline IN ' + litList(LIVE_PIPELINES);

function view(o: DdlOptions, name: string, table: string, select: string[]): string {
  return createMaterializedView(o, name, table, select.join('\n'));
}

function agentSums(o: DdlOptions, layout: InputLayout): string {
  const a = (k: string): string => attr('raw.Attributes', k);
  const jobs = `raw.MetricName = ${lit(M.jobs)}`;
  const n = (cond: string): string => `toUInt64(round(sumIf(raw.Value, ${jobs} AND ${cond})))`;
  const startup = `(${isLive} OR ${a(A.warm)} = 'false')`;
  return view(o, ANALYTICS_VIEWS.inputsFromSums, layout.hour, [
    `SELECT ${keySelect('raw.TimeUnix')},`,
    `    ${n(`${a(A.outcome)} = 'success'`)} AS JobsSuccess,`,
    `    ${n(`${a(A.outcome)} = 'failure'`)} AS JobsFailure,`,
    `    ${n(`${a(A.outcome)} = 'excused'`)} AS JobsExcused,`,
    `    ${n(`${a(A.errorClass)} IN ${litList(CAPACITY_ERROR_CLASSES)}`)} AS CapacityRefused,`,
    `    ${n(startup)} AS StartupAttempts,`,
    `    ${n(`${startup} AND ${a(A.outcome)} = 'success'`)} AS StartupSuccesses,`,
    `    sumIf(raw.Value, raw.MetricName = ${lit(M.fpsSquares)}) AS FpsSumSquares`,
    `FROM ${raw(o, RAW_METRIC_TABLES.sum)}`,
    `WHERE raw.Source = ${lit(SOURCE.agent)} AND raw.OrchestratorAddress != '' AND ${DELTA}`,
    `  AND ${NOT_MISSING} AND isFinite(raw.Value) AND raw.Value >= 0`,
    `  AND raw.MetricName IN ${litList([M.jobs, M.fpsSquares])}`,
    GROUP,
  ]);
}

function agentHistograms(o: DdlOptions, layout: InputLayout): string {
  const a = (k: string): string => attr('raw.Attributes', k);
  const dur = `raw.MetricName = ${lit(M.duration)}`;
  const ok = `${dur} AND ${a(A.outcome)} IN ('success', '')`;
  const fps = `raw.MetricName = ${lit(M.fps)}`;
  const ms = histogramPoints(1000);
  const fpsPoints = histogramPoints(1);
  const state = (cond: string, p: { values: string; weights: string }): string =>
    `${layout.quantile}State(if(${cond}, ${p.values}, []), if(${cond}, ${p.weights}, []))`;
  return view(o, ANALYTICS_VIEWS.inputsFromHistograms, layout.hour, [
    `SELECT ${keySelect('raw.TimeUnix')},`,
    `    sumIf(raw.Count, ${ok}) AS E2eCount,`,
    `    1000 * sumIf(raw.Sum, ${ok}) AS E2eSumMs,`,
    `    ${state(ok, ms)} AS E2eDigest,`,
    `    sumIf(raw.Sum, ${dur}) AS BusySeconds,`,
    `    sumIf(raw.Count, ${fps}) AS FpsCount,`,
    `    sumIf(raw.Sum, ${fps}) AS FpsSum,`,
    `    ${state(fps, fpsPoints)} AS FpsDigest`,
    `FROM ${raw(o, RAW_METRIC_TABLES.histogram)}`,
    `WHERE raw.Source = ${lit(SOURCE.agent)} AND raw.OrchestratorAddress != '' AND ${DELTA}`,
    `  AND ${NOT_MISSING} AND isFinite(raw.Sum) AND raw.Sum >= 0`,
    '  AND (empty(raw.BucketCounts) OR length(raw.BucketCounts) = length(raw.ExplicitBounds) + 1)',
    `  AND raw.MetricName IN ${litList([M.duration, M.fps])}`,
    GROUP,
  ]);
}

/** Expressions over one test-load job record's attributes. */
export function testloadFields(map = 'raw.LogAttributes') {
  const a = (k: string): string => attr(map, k);
  const num = (k: string): string => `toFloat64OrNull(${a(k)})`;
  const valid = (x: string): string => `(${x} IS NOT NULL AND isFinite(${x}) AND ${x} >= 0)`;
  const served = `${a(A.outcome)} = 'success' AND ${a(A.expectedRejection)} != 'true'`;
  const fpsN = `toUInt64OrZero(${a(A.fpsCount)})`;
  return {
    outcome: a(A.outcome),
    errorClass: a(A.errorClass),
    startup: `(${isLive} OR ${a(A.warm)} = 'false')`,
    swapped: `${a(A.swapped)} = 'true'`,
    latency: `assumeNotNull(${num(A.latencyMs)})`,
    latencyOk: `${served} AND ${valid(num(A.latencyMs))}`,
    latencyAny: valid(num(A.latencyMs)),
    ptff: `assumeNotNull(${num(A.ptffMs)})`,
    ptffOk: `${served} AND ${valid(num(A.ptffMs))}`,
    fpsN,
    fpsMean: `assumeNotNull(${num(A.fpsMean)})`,
    fpsStddev: `ifNull(${num(A.fpsStddev)}, 0)`,
    fpsOk: `${fpsN} > 0 AND ${valid(num(A.fpsMean))}`,
    streamId: a(A.jobId),
  };
}

/** Test-load job records of `otel_logs` (as `raw`). */
export const TESTLOAD_WHERE = `raw.EventName = ${lit(TESTLOAD_EVENT)} AND raw.Source = ${lit(SOURCE.testload)} AND raw.OrchestratorAddress != ''`;

function testloads(o: DdlOptions, layout: InputLayout): string {
  const f = testloadFields();
  const one = (cond: string, value: string, weight = 'toUInt64(1)'): string =>
    `${layout.quantile}State(if(${cond}, [${value}], []), if(${cond}, [${weight}], []))`;
  return view(o, ANALYTICS_VIEWS.inputsFromTestloads, layout.hour, [
    `SELECT ${keySelect('raw.Timestamp')},`,
    `    countIf(${f.outcome} = 'success') AS JobsSuccess,`,
    `    countIf(${f.outcome} = 'failure') AS JobsFailure,`,
    `    countIf(${f.outcome} = 'excused') AS JobsExcused,`,
    `    countIf(${f.errorClass} IN ${litList(CAPACITY_ERROR_CLASSES)}) AS CapacityRefused,`,
    `    countIf(${f.startup}) AS StartupAttempts,`,
    `    countIf(${f.startup} AND ${f.outcome} = 'success') AS StartupSuccesses,`,
    '    count() AS SwapsObserved,',
    `    countIf(${f.swapped}) AS SwapsSwapped,`,
    `    countIf(${f.latencyOk}) AS E2eCount,`,
    `    sumIf(${f.latency}, ${f.latencyOk}) AS E2eSumMs,`,
    `    ${one(f.latencyOk, f.latency)} AS E2eDigest,`,
    `    countIf(${f.ptffOk}) AS PtffCount,`,
    `    sumIf(${f.ptff}, ${f.ptffOk}) AS PtffSumMs,`,
    `    ${one(f.ptffOk, f.ptff)} AS PtffDigest,`,
    `    sumIf(${f.fpsN}, ${f.fpsOk}) AS FpsCount,`,
    `    sumIf(${f.fpsN} * ${f.fpsMean}, ${f.fpsOk}) AS FpsSum,`,
    `    sumIf(${f.fpsN} * (${f.fpsStddev} * ${f.fpsStddev} + ${f.fpsMean} * ${f.fpsMean}), ${f.fpsOk}) AS FpsSumSquares,`,
    `    ${one(f.fpsOk, f.fpsMean, f.fpsN)} AS FpsDigest,`,
    `    sumIf(${f.latency}, ${f.latencyAny}) / 1000 AS BusySeconds`,
    `FROM ${raw(o, RAW_LOGS_TABLE)}`,
    `WHERE ${TESTLOAD_WHERE}`,
    GROUP,
  ]);
}

/**
 * The SELECT of a cascade from an input table (`src`, e.g. the hourly one)
 * into a coarser one of the same layout whose bucket is `bucket` of the
 * source's: sums add, quantile states merge.
 */
export function cascadeSelect(layout: InputLayout, from: string, bucket: string): string {
  const values = INPUT_VALUE_NAMES.map((c) =>
    c.endsWith('Digest')
      ? `${layout.quantile}MergeState(src.${c}) AS ${c}`
      : `sum(src.${c}) AS ${c}`,
  );
  return [
    `SELECT ${bucket} AS Bucket,`,
    `    ${INPUT_KEY.map((k) => `src.${k} AS ${k}`).join(', ')},`,
    `    ${values.join(',\n    ')}`,
    `FROM ${from} AS src`,
    GROUP,
  ].join('\n');
}

/**
 * A cascade's rows without merging them first: each source row with its
 * bucket coarsened (the table merges rows of a key itself). A one-time fill
 * of a big table streams like this, where a GROUP BY over it would hold
 * every group's quantile states at once.
 */
export function rebucketSelect(from: string, bucket: string): string {
  return [
    `SELECT ${bucket} AS Bucket,`,
    `    ${[...INPUT_KEY, ...INPUT_VALUE_NAMES].map((c) => `src.${c} AS ${c}`).join(', ')}`,
    `FROM ${from} AS src`,
  ].join('\n');
}

export const DAY_BUCKET = "toStartOfDay(src.Bucket, 'UTC')";

/** The daily table is fed from the hourly one. */
function daily(o: DdlOptions, layout: InputLayout): string {
  const from = `${ident(o.database)}.${ident(storageTable(o, layout.hour))}`;
  return createMaterializedView(
    o,
    ANALYTICS_VIEWS.inputsDaily,
    layout.day,
    cascadeSelect(layout, from, DAY_BUCKET),
  );
}

/** The hourly and the daily input table of `layout`. */
export function hourAndDayTables(
  o: DdlOptions,
  layout: InputLayout,
  hourTtlDays: number,
): string[] {
  const ttl = `Bucket + toIntervalDay(${Math.floor(hourTtlDays)})`;
  return [
    ...inputTable(o, layout, {
      name: layout.hour,
      ttl,
      orderBy: `(Bucket, ${INPUT_KEY.join(', ')})`,
    }),
    ...inputTable(o, layout, {
      name: layout.day,
      ttl,
      orderBy: `(${INPUT_KEY.join(', ')}, Bucket)`,
    }),
  ];
}

/** The views into the hourly table of `layout` (from raw rows) and into its daily one. */
export function hourAndDayViews(o: DdlOptions, layout: InputLayout): string[] {
  return [agentSums(o, layout), agentHistograms(o, layout), testloads(o, layout), daily(o, layout)];
}

export function inputStatements(o: DdlOptions, hourTtlDays: number, layout: InputLayout): string[] {
  return [...hourAndDayTables(o, layout, hourTtlDays), ...hourAndDayViews(o, layout)];
}
