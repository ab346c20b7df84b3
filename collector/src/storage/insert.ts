import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
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

/**
 * One INSERT of the first `file.bytes` bytes of a TabSeparated file (a
 * write-ahead log segment) into `table`; the rows never become JavaScript
 * strings. Embedded: the bytes are read into one Buffer handed to chDB as is.
 * Server: streamed from disk as the request body, `file.id` sent as the
 * deduplication token (as for insertRows).
 */
export async function insertTextFile(
  store: Store,
  table: string,
  file: { readonly path: string; readonly bytes: number; readonly id: string },
  columns: readonly string[],
): Promise<void> {
  if (file.bytes <= 0) return;
  if (columns.length === 0) throw new Error(`no insert columns for table ${table}`);
  if (store.rawInsert !== undefined) {
    await store.rawInsert({ table: store.table(table), columns, body: await readPrefix(file) });
    return;
  }
  const settings: ClickHouseSettings =
    store.mode === 'server' ? { insert_deduplication_token: file.id } : {};
  await store.client.insert({
    table: store.table(table),
    columns: [quote(columns[0] ?? ''), ...columns.slice(1).map(quote)],
    values: createReadStream(file.path, { start: 0, end: file.bytes - 1, highWaterMark: 1 << 20 }),
    format: 'TabSeparated',
    clickhouse_settings: settings,
  });
}

async function readPrefix(file: {
  readonly path: string;
  readonly bytes: number;
}): Promise<Buffer> {
  const handle = await open(file.path, 'r');
  try {
    const body = Buffer.allocUnsafe(file.bytes);
    let done = 0;
    while (done < file.bytes) {
      const { bytesRead } = await handle.read(body, done, file.bytes - done, done);
      if (bytesRead === 0) throw new Error(`${file.path} is shorter than ${file.bytes} bytes`);
      done += bytesRead;
    }
    return body;
  } finally {
    await handle.close();
  }
}
