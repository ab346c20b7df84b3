/**
 * Reads the collector's TabSeparated rows back into objects, for assertions in
 * tests: String fields unescaped, Map fields as objects, Array fields as
 * number arrays, numeric and Bool columns as numbers and booleans,
 * DateTime64 fields as their digit strings.
 */
import { insertColumns } from './columns.js';

const UNESCAPE: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  t: '\t',
  n: '\n',
  r: '\r',
  '0': '\0',
};

const MAPS = new Set(['ResourceAttributes', 'ScopeAttributes', 'Attributes', 'LogAttributes']);
const ARRAYS = new Set([
  'BucketCounts',
  'ExplicitBounds',
  'PositiveBucketCounts',
  'NegativeBucketCounts',
  'ValueAtQuantiles.Quantile',
  'ValueAtQuantiles.Value',
]);
const TEXT = new Set([
  'ResourceSchemaUrl',
  'ServiceName',
  'ScopeName',
  'ScopeVersion',
  'ScopeSchemaUrl',
  'MetricName',
  'MetricDescription',
  'MetricUnit',
  'StartTimeUnix',
  'TimeUnix',
  'Timestamp',
  'TraceId',
  'SpanId',
  'SeverityText',
  'Body',
  'EventName',
]);

function unescape(s: string): string {
  return s.replace(/\\(.)/gs, (_, c: string) => UNESCAPE[c] ?? c);
}

/** `{'k':'v',…}` as an object; quoted strings may hold any escaped character. */
function parseMap(text: string): Record<string, string> {
  const quoted = /'((?:[^'\\]|\\.)*)'/gs;
  const parts = [...text.matchAll(quoted)].map((m) => unescape(m[1] ?? ''));
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    Object.defineProperty(out, parts[i] ?? '', {
      value: parts[i + 1],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function value(column: string, field: string): unknown {
  if (MAPS.has(column)) return parseMap(field);
  if (ARRAYS.has(column)) return field === '[]' ? [] : field.slice(1, -1).split(',').map(Number);
  if (TEXT.has(column)) return unescape(field);
  if (column === 'IsMonotonic') return field === 'true';
  return Number(field);
}

/** One line of `table` as an object keyed by column. */
export function parseRow(table: string, line: string): Record<string, unknown> {
  const columns = insertColumns(table);
  if (columns === undefined) throw new Error(`no columns for ${table}`);
  if (!line.endsWith('\n')) throw new Error('a row ends with a newline');
  const fields = line.slice(0, -1).split('\t');
  if (fields.length !== columns.length) {
    throw new Error(`${fields.length} fields for ${columns.length} columns`);
  }
  return Object.fromEntries(columns.map((c, i) => [c, value(c, fields[i] ?? '')]));
}

/** Every row a mapping produced for `table`, parsed. */
export function parsedRows(
  tables: ReadonlyMap<string, readonly string[]>,
  table: string,
): Record<string, unknown>[] {
  return (tables.get(table) ?? []).map((line) => parseRow(table, line));
}
