import {
  createMaterializedView,
  fillOnce,
  ident,
  storageTable,
  type DdlOptions,
} from '../../storage/schema/ddl.js';
import { cascadeSelect, inputTable } from './inputs-ddl.js';
import { ANALYTICS_TABLES, ANALYTICS_VIEWS, INPUT_KEY } from './names.js';

/**
 * The SLA inputs per 6 hours (blocks starting at 0, 6, 12 and 18 h UTC),
 * cascaded from the hourly input table like the daily one. A window of
 * hours (a rolling 24 h leaderboard) then merges at most 9 quantile states
 * per group instead of 24 or 25: merging the agents' latency t-digests is
 * most of such a read (collector/bench/README.md).
 *
 * Created with rows: filled from the hourly table first, only while it is
 * empty (so a re-run adds nothing), then the view keeps it current. Rows that
 * another collector inserts between those two steps would be missing from it;
 * a collector runs its migrations before it accepts data, so only a rolling
 * upgrade of several collectors sharing a server has that window.
 */

export const SIX_HOURS_MS = 6 * 3_600_000;

const BUCKET = "toStartOfInterval(src.Bucket, INTERVAL 6 HOUR, 'UTC')";

export function sixHourStatements(o: DdlOptions, hourTtlDays: number): string[] {
  const ttl = `Bucket + toIntervalDay(${Math.floor(hourTtlDays)})`;
  const { inputsHour, inputsSixHours } = ANALYTICS_TABLES;
  const front = `${ident(o.database)}.${ident(inputsHour)}`;
  return [
    ...inputTable(o, inputsSixHours, ttl, `(Bucket, ${INPUT_KEY.join(', ')})`),
    fillOnce(o, inputsSixHours, cascadeSelect(front, BUCKET)),
    createMaterializedView(
      o,
      ANALYTICS_VIEWS.inputsSixHourly,
      inputsSixHours,
      cascadeSelect(`${ident(o.database)}.${ident(storageTable(o, inputsHour))}`, BUCKET),
    ),
  ];
}
