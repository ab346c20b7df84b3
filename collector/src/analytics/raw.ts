import type { MigrationContext } from '../storage/migrations/types.js';
import type { Store } from '../storage/store.js';
import { gpusDailyV2Statements } from './schema/gpus-daily-ddl.js';
import { INPUTS } from './schema/input-layout.js';
import { inputStatements } from './schema/inputs-ddl.js';
import { ANALYTICS_TABLES } from './schema/names.js';
import { nodeStatements } from './schema/node-ddl.js';
import { streamStatements } from './schema/streams-ddl.js';

/**
 * The analytics tables as views over the raw tables, evaluated at query
 * time: each table becomes the UNION ALL of exactly the SELECTs its
 * materialized views run on insert (taken from the migrations' DDL), so a
 * query against `rawStore(store)` computes the same answer from raw rows.
 * Used by `pnpm bench:query` (the baseline) and by tests (views = raw).
 */

const VIEW =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS `[^`]+`\.`[^`]+`(?: ON CLUSTER `[^`]+`)?\nTO `[^`]+`\.`([^`]+)`\nAS ([\s\S]*)$/;
const CASCADE_FROM = /\nFROM `[^`]+`\.`([^`]+)` AS src\n/;
const TABLE =
  /^CREATE TABLE IF NOT EXISTS `[^`]+`\.`([^`]+)`(?: ON CLUSTER `[^`]+`)? \(\n([\s\S]*?)\n\) ENGINE/;

interface Column {
  readonly name: string;
  readonly type: string;
}

/** A neutral value of an aggregate column, for a view that does not write it. */
function neutral(c: Column): string {
  const state = /^AggregateFunction\((quantile\w+WeightedArray), /.exec(c.type)?.[1];
  if (state !== undefined) {
    return `${state}State(CAST([], 'Array(Float64)'), CAST([], 'Array(UInt64)'))`;
  }
  const sum = /^SimpleAggregateFunction\(sum, (UInt64|Float64)\)$/.exec(c.type);
  if (sum) return `to${sum[1] ?? 'Float64'}(0)`;
  throw new RangeError(`no neutral value for ${c.name} ${c.type}`);
}

/** Output aliases of a view's SELECT list (one `… AS Name` per line or comma). */
function aliases(select: string): Set<string> {
  const head = select.slice(0, select.indexOf('\nFROM '));
  return new Set([...head.matchAll(/\bAS (\w+)\s*(?:,|$)/gm)].map((m) => m[1] ?? ''));
}

function withAllColumns(select: string, columns: readonly Column[]): string {
  const have = aliases(select);
  const missing = columns.filter((c) => !have.has(c.name));
  const at = select.indexOf('\nFROM ');
  const extra = missing.map((c) => `,\n    ${neutral(c)} AS ${c.name}`).join('');
  const full = `${select.slice(0, at)}${extra}${select.slice(at)}`;
  return `SELECT ${columns.map((c) => c.name).join(', ')} FROM (${full})`;
}

const analyticsStatements = (ctx: MigrationContext): string[] => [
  ...inputStatements(ctx, ctx.ttlDays.hour, INPUTS),
  ...streamStatements(ctx, ctx.ttlDays.hour),
  ...nodeStatements(ctx, { minute: ctx.ttlDays.minute, hour: ctx.ttlDays.hour }),
  ...gpusDailyV2Statements(ctx, ctx.ttlDays.hour),
];

/** Each analytics table's columns, from its CREATE TABLE. */
function tableColumns(statements: readonly string[]): Map<string, Column[]> {
  const columns = new Map<string, Column[]>();
  for (const s of statements) {
    const m = TABLE.exec(s);
    if (m === null) continue;
    const defs = (m[2] ?? '').split(',\n').map((line) => line.trim());
    columns.set(
      m[1] ?? '',
      defs.map((d) => ({ name: d.split(' ')[0] ?? '', type: d.slice(d.indexOf(' ') + 1) })),
    );
  }
  return columns;
}

/** Target table → the SQL of its raw equivalent, from the DDL of the analytics migrations. */
export function rawEquivalents(ctx: MigrationContext): Map<string, string> {
  const statements = analyticsStatements(ctx);
  const columns = tableColumns(statements);
  const selects = new Map<string, string[]>();
  for (const s of statements) {
    const m = VIEW.exec(s);
    const table = m?.[1];
    const select = m?.[2];
    if (table === undefined || select === undefined || !/ AS raw\n/.test(select)) continue;
    const cols = columns.get(table);
    if (cols === undefined) throw new RangeError(`view into unknown table ${table}`);
    selects.set(table, [...(selects.get(table) ?? []), withAllColumns(select, cols)]);
  }
  const out = new Map<string, string>();
  for (const [table, list] of selects) out.set(table, `(${list.join('\nUNION ALL\n')})`);
  // Whole days and blocks of hours of inputs are read from the hourly rows
  // (reads filter on Bucket at their edges and group as they would there).
  const hourly = out.get(ANALYTICS_TABLES.inputsHour);
  if (hourly !== undefined) {
    out.set(ANALYTICS_TABLES.inputsDay, hourly);
    out.set(ANALYTICS_TABLES.inputsSixHours, hourly);
  }
  // Spans are merged by the scorer from the input tables: the raw path has
  // none, and reads plan every range from hours.
  out.set(
    ANALYTICS_TABLES.inputSpans,
    "(SELECT toDateTime(0, 'UTC') AS Bucket, toDateTime(0, 'UTC') AS SpanEnd, toUInt64(0) AS Generation LIMIT 0)",
  );
  // Other cascades (a view reading another analytics table as `src`): the
  // same SELECT over the source's raw equivalent.
  for (const s of statements) {
    const m = VIEW.exec(s);
    const [table, select] = [m?.[1], m?.[2]];
    const from = select === undefined ? null : CASCADE_FROM.exec(select);
    const source = from?.[1] === undefined ? undefined : out.get(from[1]);
    const cols = table === undefined ? undefined : columns.get(table);
    if (select === undefined || table === undefined || source === undefined || out.has(table))
      continue;
    if (cols === undefined) throw new RangeError(`view into unknown table ${table}`);
    const over = select.replace(CASCADE_FROM, `\nFROM ${source} AS src\n`);
    out.set(table, `(${withAllColumns(over, cols)})`);
  }
  return out;
}

/**
 * A raw equivalent with the rows of each key merged, as `FINAL` merges a
 * table's: grouped by every plain column (the analytics tables' sorting key
 * is all of them), each `SimpleAggregateFunction(f, …)` column by `f`.
 */
function mergedSql(equivalent: string, columns: readonly Column[]): string {
  const keys = columns.filter((c) => !/^(Simple)?AggregateFunction\(/.test(c.type));
  const values = columns.filter((c) => !keys.includes(c));
  const select = values.map((c) => {
    const f = /^SimpleAggregateFunction\((\w+), /.exec(c.type)?.[1];
    if (f === undefined) throw new RangeError(`no merged raw read of ${c.name} ${c.type}`);
    return `${f}(${c.name}) AS ${c.name}`;
  });
  const names = keys.map((c) => c.name);
  return `(SELECT ${[...names, ...select].join(', ')} FROM ${equivalent} GROUP BY ${names.join(', ')})`;
}

/** The store with every analytics table replaced by its raw equivalent. */
export function rawStore(store: Store, ctx: MigrationContext): Store {
  const raw = rawEquivalents(ctx);
  const columns = tableColumns(analyticsStatements(ctx));
  return {
    ...store,
    table: (name) => raw.get(name) ?? store.table(name),
    merged: (name) => {
      const equivalent = raw.get(name);
      const cols = columns.get(name);
      if (equivalent === undefined || cols === undefined) return store.merged(name);
      return mergedSql(equivalent, cols);
    },
  };
}
