import type { QueryParams } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { SIX_HOURS_MS } from '../schema/six-hours-ddl.js';
import { DAY_MS, HOUR_MS, ceilTo, floorTo, type HourRange } from './filters.js';
import { spanConditions, type Span } from './spans.js';

/**
 * Where the input rows of a range come from: whole UTC days from the daily
 * table, whole 6-hour blocks (0, 6, 12, 18 h UTC) around them from the
 * 6-hour table, the remaining hours at either edge from the hourly one; with
 * `daily` off (hour buckets), hours only. The tables have the same columns,
 * so the parts are a UNION ALL of `SELECT *`; sums add and quantile states
 * merge the same either way. A range that starts where a complete span
 * starts (read/spans.ts) reads the span's rows for [span start, span end)
 * and plans the rest.
 */
export interface PlanPart {
  readonly table: string;
  readonly from: number;
  readonly to: number;
  /** A span's rows: the generation to read. */
  readonly generation?: number;
}

export function planParts(range: HourRange, daily = true): PlanPart[] {
  const from = floorTo(range.from.getTime(), HOUR_MS);
  const to = ceilTo(range.to.getTime(), HOUR_MS);
  return split(from, to, daily ? LEVELS : LEVELS.slice(-1));
}

/** The span, then the parts of the rest of the range. */
export function planWithSpan(span: Span, range: HourRange, daily = true): PlanPart[] {
  const first: PlanPart = {
    table: ANALYTICS_TABLES.inputsSpan,
    from: span.from,
    to: span.to,
    generation: span.generation,
  };
  return [first, ...planParts({ from: new Date(span.to), to: range.to }, daily)];
}

/** Tables from the coarsest unit to hours. */
const LEVELS: readonly { readonly table: string; readonly ms: number }[] = [
  { table: ANALYTICS_TABLES.inputsDay, ms: DAY_MS },
  { table: ANALYTICS_TABLES.inputsSixHours, ms: SIX_HOURS_MS },
  { table: ANALYTICS_TABLES.inputsHour, ms: HOUR_MS },
];

/** [from, to) as whole units of the first level between finer parts at either edge. */
function split(
  from: number,
  to: number,
  levels: readonly { readonly table: string; readonly ms: number }[],
): PlanPart[] {
  const [level, ...finer] = levels;
  if (level === undefined || from >= to) return [];
  if (finer.length === 0) return [{ table: level.table, from, to }];
  const a = ceilTo(from, level.ms);
  const b = floorTo(to, level.ms);
  if (b <= a) return split(from, to, finer);
  return [...split(from, a, finer), { table: level.table, from: a, to: b }, ...split(b, to, finer)];
}

/** `(SELECT * FROM … WHERE … UNION ALL …)` over the parts, with extra conditions. */
export function planSql(
  store: Store,
  parts: readonly PlanPart[],
  p: QueryParams,
  conditions: readonly string[],
): string {
  const selects = parts.map((part) => {
    if (part.generation !== undefined) {
      const span = { from: part.from, to: part.to, generation: part.generation };
      const where = [...spanConditions(p, span), ...conditions];
      return `SELECT * EXCEPT (SpanEnd, Generation) FROM ${store.table(part.table)} WHERE ${where.join(' AND ')}`;
    }
    const where = [
      `Bucket >= ${p.time(new Date(part.from))}`,
      `Bucket < ${p.time(new Date(part.to))}`,
      ...conditions,
    ];
    return `SELECT * FROM ${store.table(part.table)} WHERE ${where.join(' AND ')}`;
  });
  return `(${selects.join('\n  UNION ALL\n  ')})`;
}
