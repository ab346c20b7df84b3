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
 * span window does not look. Lookups are remembered for LOOKUP_TTL_MS per
 * store (a leaderboard asks for its inputs, node totals and GPU-hours);
 * `forgetSpans` drops them when a span is written in this process.
 */
export function findSpan(store: Store, range: HourRange): Promise<Span | null> {
  const from = floorTo(range.from.getTime(), HOUR_MS);
  const to = ceilTo(range.to.getTime(), HOUR_MS);
  if (to - from < Math.min(...SPAN_WINDOWS_MS)) return Promise.resolve(null);
  const table = store.table(ANALYTICS_TABLES.inputSpans);
  const lookups = LOOKUPS.get(store.client) ?? new Map<string, Lookup>();
  LOOKUPS.set(store.client, lookups);
  const key = `${table}|${from}|${to}`;
  const now = Date.now();
  const known = lookups.get(key);
  if (known !== undefined && now - known.at < LOOKUP_TTL_MS) return known.span;
  const span = lookup(store, table, from, to);
  lookups.set(key, { at: now, span });
  span.catch(() => lookups.delete(key));
  return span;
}

/** How long a lookup is reused: a new generation is read at most this late. */
export const LOOKUP_TTL_MS = 5_000;

interface Lookup {
  readonly at: number;
  readonly span: Promise<Span | null>;
}
const LOOKUPS = new WeakMap<object, Map<string, Lookup>>();

/** Forgets the store's lookups (a span was just written). */
export function forgetSpans(store: Store): void {
  LOOKUPS.delete(store.client);
}

async function lookup(store: Store, table: string, from: number, to: number): Promise<Span | null> {
  const p = new QueryParams();
  const rows = await queryRows<{ end: Num; generation: Num }>(
    store,
    `SELECT toUnixTimestamp(SpanEnd) AS end, max(Generation) AS generation
     FROM ${table}
     WHERE Bucket = ${p.time(new Date(from))} AND SpanEnd <= ${p.time(new Date(to))}
     GROUP BY end ORDER BY end DESC LIMIT 1`,
    p,
  );
  const row = rows[0];
  if (row === undefined) return null;
  return { from, to: Number(row.end) * 1000, generation: Number(row.generation) };
}

/** The conditions that select a span's rows (one generation) in any of its tables. */
export function spanConditions(p: QueryParams, span: Span): string[] {
  return [
    `Bucket = ${p.time(new Date(span.from))}`,
    `SpanEnd = ${p.time(new Date(span.to))}`,
    `Generation = ${p.add('UInt64', span.generation)}`,
  ];
}

/** The spans a run keeps current: each window ending at the hour boundary at or before `now`. */
export function spansEndingAt(now: number): { from: number; to: number }[] {
  const to = floorTo(now, HOUR_MS);
  return SPAN_WINDOWS_MS.map((ms) => ({ from: to - ms, to }));
}
