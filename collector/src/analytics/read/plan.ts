import type { QueryParams } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { SIX_HOURS_MS } from '../schema/six-hours-ddl.js';
import { DAY_MS, HOUR_MS, ceilTo, floorTo, type HourRange } from './filters.js';

/**
 * Where the input rows of a range come from: whole UTC days from the daily
 * table, whole 6-hour blocks (0, 6, 12, 18 h UTC) around them from the
 * 6-hour table, the remaining hours at either edge from the hourly one; with
 * `daily` off (hour buckets), hours only. The tables have the same columns,
 * so the parts are a UNION ALL of `SELECT *`; sums add and quantile states
 * merge the same either way.
 */
export interface PlanPart {
  readonly table: string;
  readonly from: number;
  readonly to: number;
}

export function planParts(range: HourRange, daily = true): PlanPart[] {
  const from = floorTo(range.from.getTime(), HOUR_MS);
  const to = ceilTo(range.to.getTime(), HOUR_MS);
  if (!daily) return [{ table: ANALYTICS_TABLES.inputsHour, from, to }];
  const dayFrom = ceilTo(from, DAY_MS);
  const dayTo = floorTo(to, DAY_MS);
  if (dayTo <= dayFrom) return hoursAndBlocks(from, to);
  return [
    ...hoursAndBlocks(from, dayFrom),
    { table: ANALYTICS_TABLES.inputsDay, from: dayFrom, to: dayTo },
    ...hoursAndBlocks(dayTo, to),
  ];
}

/** [from, to) as whole 6-hour blocks between hours at either edge. */
function hoursAndBlocks(from: number, to: number): PlanPart[] {
  const blockFrom = ceilTo(from, SIX_HOURS_MS);
  const blockTo = floorTo(to, SIX_HOURS_MS);
  const hours = (a: number, b: number): PlanPart[] =>
    a < b ? [{ table: ANALYTICS_TABLES.inputsHour, from: a, to: b }] : [];
  if (blockTo <= blockFrom) return hours(from, to);
  return [
    ...hours(from, blockFrom),
    { table: ANALYTICS_TABLES.inputsSixHours, from: blockFrom, to: blockTo },
    ...hours(blockTo, to),
  ];
}

/** `(SELECT * FROM … WHERE … UNION ALL …)` over the parts, with extra conditions. */
export function planSql(
  store: Store,
  parts: readonly PlanPart[],
  p: QueryParams,
  conditions: readonly string[],
): string {
  const selects = parts.map((part) => {
    const where = [
      `Bucket >= ${p.time(new Date(part.from))}`,
      `Bucket < ${p.time(new Date(part.to))}`,
      ...conditions,
    ];
    return `SELECT * FROM ${store.table(part.table)} WHERE ${where.join(' AND ')}`;
  });
  return `(${selects.join('\n  UNION ALL\n  ')})`;
}
