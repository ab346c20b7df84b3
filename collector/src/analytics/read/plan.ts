import type { QueryParams } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { DAY_MS, HOUR_MS, ceilTo, floorTo, type HourRange } from './filters.js';

/**
 * Where the input rows of a range come from: whole UTC days from the daily
 * table, the hours before the first and after the last whole day from the
 * hourly one. Both tables have the same columns, so the parts are a UNION
 * ALL of `SELECT *`; sums add and quantile states merge the same either way.
 */
export interface PlanPart {
  readonly table: string;
  readonly from: number;
  readonly to: number;
}

export function planParts(range: HourRange, daily = true): PlanPart[] {
  const from = floorTo(range.from.getTime(), HOUR_MS);
  const to = ceilTo(range.to.getTime(), HOUR_MS);
  const dayFrom = ceilTo(from, DAY_MS);
  const dayTo = floorTo(to, DAY_MS);
  if (!daily || dayTo <= dayFrom) return [{ table: ANALYTICS_TABLES.inputsHour, from, to }];
  const parts: PlanPart[] = [];
  if (from < dayFrom) parts.push({ table: ANALYTICS_TABLES.inputsHour, from, to: dayFrom });
  parts.push({ table: ANALYTICS_TABLES.inputsDay, from: dayFrom, to: dayTo });
  if (dayTo < to) parts.push({ table: ANALYTICS_TABLES.inputsHour, from: dayTo, to });
  return parts;
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
