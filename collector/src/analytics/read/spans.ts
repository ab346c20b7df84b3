import { WINDOWS } from '@naap/otel/api';
import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { HOUR_MS, ceilTo, floorTo, type HourRange } from './filters.js';

/**
 * Spans (schema/spans-ddl.ts): the windows the scorer keeps merged inputs
 * for, and the lookup a read makes before planning its parts.
 */

/** The API's windows of a day and longer, ending at the last hour boundary. */
export const SPAN_WINDOWS_MS: readonly number[] = [WINDOWS['24h'], WINDOWS['7d'], WINDOWS['30d']];

/** A complete span [from, to) (ms) and the generation of its rows. */
export interface Span {
  readonly from: number;
  readonly to: number;
  readonly generation: number;
}

type Num = string | number;

/**
 * The longest complete span that starts at the range's first hour and ends
 * inside it (its latest generation), or null: a range shorter than every
 * span window does not look.
 */
export async function findSpan(store: Store, range: HourRange): Promise<Span | null> {
  const from = floorTo(range.from.getTime(), HOUR_MS);
  const to = ceilTo(range.to.getTime(), HOUR_MS);
  if (to - from < Math.min(...SPAN_WINDOWS_MS)) return null;
  const p = new QueryParams();
  const rows = await queryRows<{ end: Num; generation: Num }>(
    store,
    `SELECT toUnixTimestamp(SpanEnd) AS end, max(Generation) AS generation
     FROM ${store.table(ANALYTICS_TABLES.inputSpans)}
     WHERE Bucket = ${p.time(new Date(from))} AND SpanEnd <= ${p.time(new Date(to))}
     GROUP BY end ORDER BY end DESC LIMIT 1`,
    p,
  );
  const row = rows[0];
  if (row === undefined) return null;
  return { from, to: Number(row.end) * 1000, generation: Number(row.generation) };
}

/** The spans a run keeps current: each window ending at the hour boundary at or before `now`. */
export function spansEndingAt(now: number): { from: number; to: number }[] {
  const to = floorTo(now, HOUR_MS);
  return SPAN_WINDOWS_MS.map((ms) => ({ from: to - ms, to }));
}
