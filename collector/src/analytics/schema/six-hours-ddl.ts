import {
  createMaterializedView,
  fillOnce,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import type { InputLayout } from './input-layout.js';
import { cascadeSelect, inputTable } from './inputs-ddl.js';
import { ANALYTICS_VIEWS, INPUT_KEY } from './names.js';

/**
 * The SLA inputs per 6 hours (blocks starting at 0, 6, 12 and 18 h UTC),
 * cascaded from the hourly input table like the daily one. A window of
 * hours (a rolling 24 h leaderboard) then merges at most 9 quantile states
 * per group instead of 24 or 25: with t-digests that was most of such a
 * read, with bfloat16 states it still saves ~18 % of it (blocks of 3 hours
 * as well saved nothing more; collector/bench/README.md).
 *
 * Migration 10 created it with rows: filled from the hourly table first,
 * only while it is empty (so a re-run adds nothing), then the view keeps it
 * current. Rows that another collector inserts between those two steps
 * would be missing from it; a collector runs its migrations before it
 * accepts data, so only a rolling upgrade of several collectors sharing a
 * server has that window.
 */

export const SIX_HOURS_MS = 6 * 3_600_000;

export const SIX_HOUR_BUCKET = "toStartOfInterval(src.Bucket, INTERVAL 6 HOUR, 'UTC')";

export function sixHourTable(o: DdlOptions, layout: InputLayout, hourTtlDays: number): string[] {
  const ttl = `Bucket + toIntervalDay(${Math.floor(hourTtlDays)})`;
  const orderBy = `(Bucket, ${INPUT_KEY.join(', ')})`;
  return inputTable(o, layout, { name: layout.sixHours, ttl, orderBy });
}

/** The view cascading the hourly rows of `layout` into its 6-hour table. */
export function sixHourView(o: DdlOptions, layout: InputLayout): string {
  const from = `${ident(o.database)}.${ident(storageTable(o, layout.hour))}`;
  return createMaterializedView(
    o,
    ANALYTICS_VIEWS.inputsSixHourly,
    layout.sixHours,
    cascadeSelect(layout, from, SIX_HOUR_BUCKET),
  );
}

/** Migration 10: the table, its one-time fill from the hourly rows, its view. */
export function sixHourStatements(
  o: DdlOptions,
  hourTtlDays: number,
  layout: InputLayout,
): string[] {
  const front = `${ident(o.database)}.${ident(layout.hour)}`;
  return [
    ...sixHourTable(o, layout, hourTtlDays),
    fillOnce(o, layout.sixHours, cascadeSelect(layout, front, SIX_HOUR_BUCKET)),
    sixHourView(o, layout),
  ];
}
