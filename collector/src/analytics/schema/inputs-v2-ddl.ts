import { dropTable, dropView, fillOnce, ident, type DdlOptions } from '../../storage/schema/ddl.js';
import { INPUTS, INPUTS_V1, type InputLayout } from './input-layout.js';
import {
  DAY_BUCKET,
  INPUT_VALUE_NAMES,
  rebucketSelect,
  hourAndDayTables,
  hourAndDayViews,
} from './inputs-ddl.js';
import { ANALYTICS_VIEWS, INPUT_KEY } from './names.js';
import { touchedByInputsView } from './score-ddl.js';
import { SIX_HOUR_BUCKET, sixHourTable, sixHourView } from './six-hours-ddl.js';

/**
 * Migration 12: the second generation of the SLA input tables (bfloat16
 * quantile states, input-layout.ts), filled once from the first's rows,
 * with every view that wrote into or read from the first moved onto them.
 * Migration 13 drops the first generation's tables (a separate step, so a
 * re-run of this one after a crash still finds its source rows).
 *
 * A t-digest state cannot be turned into another kind of state exactly: each
 * hourly row's t-digest is read at GRID evenly spaced quantile levels and the
 * row's count is spread over those values (a quantile of the new state is
 * then within 1/GRID in rank of the t-digest's), row by row. The 6-hour and
 * daily tables are then filled from the converted hours (all share the hour
 * retention), so blocks and days hold exactly the states their hours hold.
 *
 * A quantile state is a few KiB in memory while it is built or merged, so
 * the fills stream (no GROUP BY: the tables merge rows of a key themselves)
 * on one thread in blocks of 8 192 rows: with the default insert blocks (up
 * to a million rows squashed into one) the hourly fill of a 30-day store of
 * 500 orchestrators took the embedded store from 0.4 to 3.9 GiB, and
 * grouped fills of the 6-hour and daily tables added 0.7 GiB more.
 */
const FILL_SETTINGS =
  'max_threads = 1, max_insert_threads = 1, max_block_size = 8192, ' +
  'min_insert_block_size_rows = 8192, min_insert_block_size_bytes = 0';

const GRID = 100;
const LEVELS = Array.from({ length: GRID }, (_, i) => (i + 0.5) / GRID).join(', ');

const COUNT_OF: Readonly<Record<string, string>> = {
  E2eDigest: 'E2eCount',
  PtffDigest: 'PtffCount',
  FpsDigest: 'FpsCount',
};

/** A v1 row's quantile state `column` as a state of `to` (see above). */
function convertedState(to: InputLayout, column: string): string {
  const count = `src.${COUNT_OF[column] ?? ''}`;
  const values = `arrayMap(x -> toFloat64(x), arrayReduce('quantilesTDigestWeightedArrayMerge(${LEVELS})', [src.${column}]))`;
  const shares = `arrayMap(i -> toUInt64(intDiv(${count} * i, ${GRID}) - intDiv(${count} * (i - 1), ${GRID})), range(1, ${GRID + 1}))`;
  const kept = 'w > 0 AND isFinite(v)';
  return [
    `initializeAggregation('${to.quantile}State',`,
    `      arrayFilter((v, w) -> ${kept}, ${values}, ${shares}),`,
    `      arrayFilter((w, v) -> ${kept}, ${shares}, ${values})) AS ${column}`,
  ].join('\n');
}

/** The rows of a v1 table (its front on a cluster) as rows of `to`. */
export function convertSelect(o: DdlOptions, from: string, to: InputLayout): string {
  const values = INPUT_VALUE_NAMES.map((c) =>
    c in COUNT_OF ? convertedState(to, c) : `src.${c} AS ${c}`,
  );
  return [
    `SELECT src.Bucket AS Bucket,`,
    `    ${INPUT_KEY.map((k) => `src.${k} AS ${k}`).join(', ')},`,
    `    ${values.join(',\n    ')}`,
    `FROM ${ident(o.database)}.${ident(from)} AS src`,
  ].join('\n');
}

/** Views that write into or read from the hourly input table. */
const INPUT_VIEWS = [
  ANALYTICS_VIEWS.inputsFromSums,
  ANALYTICS_VIEWS.inputsFromHistograms,
  ANALYTICS_VIEWS.inputsFromTestloads,
  ANALYTICS_VIEWS.inputsDaily,
  ANALYTICS_VIEWS.inputsSixHourly,
  ANALYTICS_VIEWS.touchedByInputs,
];

export function inputsV2Statements(o: DdlOptions, hourTtlDays: number): string[] {
  const hours = `${ident(o.database)}.${ident(INPUTS.hour)}`;
  const fill = (table: string, bucket: string): string =>
    fillOnce(o, table, rebucketSelect(hours, bucket), FILL_SETTINGS);
  return [
    ...hourAndDayTables(o, INPUTS, hourTtlDays),
    ...sixHourTable(o, INPUTS, hourTtlDays),
    // No row reaches the old tables after this: the fill below is complete.
    ...INPUT_VIEWS.map((v) => dropView(o, v)),
    fillOnce(o, INPUTS.hour, convertSelect(o, INPUTS_V1.hour, INPUTS), FILL_SETTINGS),
    fill(INPUTS.sixHours, SIX_HOUR_BUCKET),
    fill(INPUTS.day, DAY_BUCKET),
    ...hourAndDayViews(o, INPUTS),
    sixHourView(o, INPUTS),
    touchedByInputsView(o, INPUTS),
  ];
}

/** Migration 13: the first generation's tables, no longer written or read. */
export function dropInputsV1Statements(o: DdlOptions): string[] {
  return [INPUTS_V1.hour, INPUTS_V1.sixHours, INPUTS_V1.day].flatMap((t) => dropTable(o, t));
}
