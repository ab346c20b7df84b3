import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { planParts, planSql } from '../read/plan.js';
import type { HourRange } from '../read/filters.js';
import { gpuHoursSql } from '../read/gpus.js';
import { hourlySql } from '../read/node-rows.js';
import { findSpan, forgetSpans, spanConditions, spansEndingAt } from '../read/spans.js';
import { INPUTS } from '../schema/input-layout.js';
import { cascadeSelect } from '../schema/inputs-ddl.js';
import { ANALYTICS_TABLES } from '../schema/names.js';

/**
 * Keeps the spans (schema/spans-ddl.ts) of the windows ending at the last
 * hour boundary current, once per scorer run: a span that is missing, or one
 * of whose hours was touched since the previous run (late data), is computed
 * again as a new generation. Between a late insert and the next run a read
 * of that window misses the late rows (at most one scorer interval, as for
 * the stored scores); the current hour is never in a span, so live data is
 * always read.
 */

export interface SpanReport {
  readonly from: number;
  readonly to: number;
  readonly generation: number;
  readonly rows: number;
}

/**
 * Computes the spans that are missing or touched, and those a failed run of
 * this process still owes (their touches are behind the watermark by then);
 * returns those it wrote.
 */
export async function refreshSpans(
  store: Store,
  now: number,
  touched: ReadonlyMap<number, readonly string[]>,
): Promise<SpanReport[]> {
  const hours = [...touched.keys()];
  const owed = OWED.get(store.client) ?? new Set<string>();
  OWED.set(store.client, owed);
  const out: SpanReport[] = [];
  for (const s of spansEndingAt(now)) {
    const key = `${s.from}|${s.to}`;
    const stale = owed.has(key) || hours.some((h) => h >= s.from && h < s.to);
    if (!stale) {
      const have = await findSpan(store, { from: new Date(s.from), to: new Date(s.to) });
      if (have?.to === s.to) continue;
    }
    owed.add(key);
    out.push(await computeSpan(store, s));
    owed.delete(key);
  }
  return out;
}

/** Spans (`from|to`) whose computation failed, per store: recomputed on the next run. */
const OWED = new WeakMap<object, Set<string>>();

let last = 0;
/** Increasing within a process; collectors computing the same span write distinct ones. */
function nextGeneration(): number {
  last = Math.max(last + 1, Date.now() * 1000 + Math.floor(Math.random() * 1000));
  return last;
}

/** One generation of a span: its merged rows in the three tables, then its entry among the complete spans. */
export async function computeSpan(
  store: Store,
  span: { from: number; to: number },
): Promise<SpanReport> {
  const generation = nextGeneration();
  const range = { from: new Date(span.from), to: new Date(span.to) };
  // On a cluster the rows must be on their shards before the span is listed.
  const settings = store.cluster === undefined ? {} : { insert_distributed_sync: 1 as const };
  for (const [table, select] of SELECTS) {
    const p = new QueryParams();
    const cols: SpanColumns = {
      bucket: `toDateTime(${p.time(range.from)}, 'UTC')`,
      end: `toDateTime(${p.time(range.to)}, 'UTC')`,
      generation: p.add('UInt64', generation),
    };
    await store.client.command({
      query: `INSERT INTO ${store.table(table)} ${select(store, p, range, cols)}`,
      query_params: p.values,
      clickhouse_settings: settings,
    });
  }
  const q = new QueryParams();
  const [count] = await queryRows<{ n: string | number }>(
    store,
    `SELECT count() AS n FROM ${store.table(ANALYTICS_TABLES.inputsSpan)}
     WHERE ${spanConditions(q, { ...span, generation }).join(' AND ')}`,
    q,
  );
  const rows = Number(count?.n ?? 0);
  await store.client.insert({
    table: store.table(ANALYTICS_TABLES.inputSpans),
    values: [
      { Bucket: span.from / 1000, SpanEnd: span.to / 1000, Generation: generation, Rows: rows },
    ],
    format: 'JSONEachRow',
    clickhouse_settings: settings,
  });
  forgetSpans(store);
  return { ...span, generation, rows };
}

/** A span's own columns, as SQL. */
interface SpanColumns {
  readonly bucket: string;
  readonly end: string;
  readonly generation: string;
}
type SpanSelect = (store: Store, p: QueryParams, range: HourRange, c: SpanColumns) => string;

const head = (c: SpanColumns): string =>
  `${c.bucket} AS Bucket, ${c.end} AS SpanEnd, ${c.generation} AS Generation`;

/** Each table of a span's rows and the SELECT that fills it (the reads' own SQL). */
const SELECTS: readonly (readonly [string, SpanSelect])[] = [
  [
    ANALYTICS_TABLES.inputsSpan,
    (store, p, range, c) => {
      const merged = cascadeSelect(INPUTS, planSql(store, planParts(range), p, []), c.bucket);
      return `SELECT *, ${c.end} AS SpanEnd, ${c.generation} AS Generation FROM (${merged})`;
    },
  ],
  [
    ANALYTICS_TABLES.nodeSpan,
    (store, p, range, c) => {
      const totals = hourlySql(store, { ...range, maintenance: [] }, p, {
        ...range,
        lookback: true,
      });
      return `SELECT ${head(c)}, b = 0 AS Lookback, o, host, source, hb, live, ivSum, ivN,
          probes, ok, fees
        FROM (${totals})`;
    },
  ],
  [
    ANALYTICS_TABLES.gpusSpan,
    (store, p, range, c) =>
      `SELECT ${head(c)}, o, gpu, model, hours FROM (${gpuHoursSql(store, p, { range })})`,
  ],
];
