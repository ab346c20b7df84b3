/**
 * The statement a request runs, assembled as the server's `HTTPHandler` does:
 * the body is appended to the `query` parameter (after a newline), is the
 * query itself when there is none, or holds the query and its parameters as
 * `multipart/form-data`. Like the server, and unlike clickhouse-local, one
 * request runs one statement.
 */
import type { RawInsertFormat } from 'chdb';
import { parseFormData } from './body.js';
import type { Job } from './engine.js';
import { ShimError } from './errors.js';
import type { ParsedUrl } from './request.js';

export interface Statement {
  readonly job: Job;
  /** The format of the response body (`X-ClickHouse-Format`). */
  readonly outputFormat: string;
}

export function toStatement(
  parsed: ParsedUrl,
  rawBody: Buffer,
  contentType: string | undefined,
): Statement {
  const form = parseFormData(contentType, rawBody);
  const query = form?.query ?? parsed.query;
  const params = { ...parsed.params, ...form?.params };
  const body = form ? Buffer.alloc(0) : rawBody;
  const { settings, database, defaultFormat } = parsed;
  const insert =
    query !== undefined && Object.keys(params).length === 0 ? simpleInsert(query) : undefined;
  if (insert) {
    const work = { kind: 'insert', ...insert, data: body } as const;
    return { job: { work, settings, database }, outputFormat: defaultFormat };
  }
  const text = body.toString('utf8');
  const statement = query ?? text;
  assertSingleStatement(statement);
  const sql = query === undefined ? text : body.length > 0 ? `${query}\n${text}` : query;
  const work = { kind: 'query', sql, params, format: defaultFormat } as const;
  const outputFormat = /^\s*INSERT\b/i.test(statement)
    ? defaultFormat
    : (formatClause(statement) ?? defaultFormat);
  return { job: { work, settings, database }, outputFormat };
}

/** `INSERT INTO t [(a, b)] FORMAT F`, as `client.insert` writes it. */
const SIMPLE_INSERT =
  /^\s*INSERT\s+INTO\s+((?:`?\w+`?\.)?`?\w+`?)\s*(?:\(([\w`,\s]+)\))?\s*FORMAT\s+(\w+)\s*$/i;
const RAW_FORMATS = new Set<string>([
  'JSONEachRow',
  'JSONCompactEachRow',
  'CSV',
  'CSVWithNames',
  'TSV',
  'TabSeparated',
  'TSVWithNames',
  'TabSeparatedWithNames',
]);

export interface SimpleInsert {
  readonly table: string;
  readonly columns: string[] | undefined;
  readonly format: RawInsertFormat;
}

/**
 * The target of a plain insert, which goes through chDB's raw insert (the body
 * stays bytes, and the engine reports the rows written); undefined for any
 * other statement, which runs as SQL with the body appended.
 */
export function simpleInsert(query: string): SimpleInsert | undefined {
  const [, table, columns, format] = SIMPLE_INSERT.exec(query) ?? [];
  if (table === undefined || format === undefined || !isRawFormat(format)) return undefined;
  return {
    table: table.replace(/`/g, ''),
    columns: columns?.split(',').map((c) => c.trim().replace(/`/g, '')),
    format,
  };
}

function isRawFormat(format: string): format is RawInsertFormat {
  return RAW_FORMATS.has(format);
}

/** The output format a statement asks for with a trailing FORMAT clause. */
export function formatClause(sql: string): string | undefined {
  return /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(sql)?.[1];
}

/** The server's refusal of a second statement (chDB would run them all). */
export function assertSingleStatement(sql: string): void {
  const end = statementEnd(sql);
  if (end !== undefined && !/^[\s;]*$/.test(sql.slice(end))) {
    throw new ShimError(
      62,
      'SYNTAX_ERROR',
      `Syntax error (Multi-statements are not allowed): failed at position ${end + 1} (end of query)`,
    );
  }
}

/** Where the first `;` outside quotes and comments is; undefined when an INSERT's inline data begins first. */
function statementEnd(sql: string): number | undefined {
  const insert = /^\s*INSERT\b/i.test(sql);
  const inlineData = /\b(?:FORMAT|VALUES)\b/iy;
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    inlineData.lastIndex = i;
    if (c === ';') return i;
    if (insert && inlineData.test(sql)) return undefined;
    if (c === "'" || c === '"' || c === '`') i = quotedEnd(sql, i);
    else if (sql.startsWith('--', i)) i = end(sql.indexOf('\n', i), sql);
    else if (sql.startsWith('/*', i)) i = end(sql.indexOf('*/', i + 2), sql) + 2;
    else i += 1;
  }
  return undefined;
}

/** The index after a quoted string or identifier (backslash escapes and doubled quotes). */
function quotedEnd(sql: string, start: number): number {
  const quote = sql.charAt(start);
  let i = start + 1;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (c === '\\') i += 2;
    else if (c === quote && sql.charAt(i + 1) === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return i;
}

function end(index: number, sql: string): number {
  return index < 0 ? sql.length : index;
}
