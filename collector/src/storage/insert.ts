import { Readable } from 'node:stream';
import type { ClickHouseSettings } from '@clickhouse/client';
import type { Store } from './store.js';

/** Rows as the pipeline holds them: text lines, or objects from older spool records. */
export type InsertRow = string | Readonly<Record<string, unknown>>;

export interface InsertOptions {
  /** The columns of text rows, in the order of their fields. */
  readonly columns: readonly string[] | undefined;
  /**
   * The batch's stable id. With a ClickHouse server it is sent as
   * `insert_deduplication_token` (replicated tables drop a repeated INSERT);
   * the embedded engine's tables are not replicated, where it has no effect
   * and is left out.
   */
  readonly id?: string | undefined;
}

const quote = (column: string): string => `\`${column.replaceAll('`', '``')}\``;

/**
 * One INSERT of `rows` into `table` (unqualified). Text rows, newline-terminated
 * TabSeparated lines (ingest/tsv.ts), go as one raw body: ClickHouse parses
 * that text far more cheaply than JSON, and no row object is built or
 * serialised on the way. Object rows (spool records of earlier versions) go
 * as JSONEachRow, as they always did. All rows of one call are of one kind.
 */
export async function insertRows(
  store: Store,
  table: string,
  rows: readonly InsertRow[],
  options: InsertOptions,
): Promise<void> {
  if (rows.length === 0) return;
  const settings: ClickHouseSettings =
    store.mode === 'server' && options.id !== undefined
      ? { insert_deduplication_token: options.id }
      : {};
  const text = textOf(rows);
  if (text === null) {
    await store.client.insert({
      table: store.table(table),
      values: rows.map(objectRow),
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    });
    return;
  }
  const { columns } = options;
  if (columns === undefined || columns.length === 0) {
    throw new Error(`no insert columns for text rows of table ${table}`);
  }
  await store.client.insert({
    table: store.table(table),
    columns: [quote(columns[0] ?? ''), ...columns.slice(1).map(quote)],
    values: Readable.from([text], { objectMode: false }),
    format: 'TabSeparated',
    clickhouse_settings: settings,
  });
}

/** The body of text rows, or null for object rows; mixed rows are a programming error. */
function textOf(rows: readonly InsertRow[]): string | null {
  const text = typeof rows[0] === 'string';
  for (const row of rows) {
    if ((typeof row === 'string') !== text)
      throw new TypeError('an INSERT mixes text and object rows');
  }
  return text ? (rows as readonly string[]).join('') : null;
}

function objectRow(row: InsertRow): Readonly<Record<string, unknown>> {
  if (typeof row === 'string') throw new TypeError('an INSERT mixes text and object rows');
  return row;
}
