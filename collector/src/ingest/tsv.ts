/**
 * Field values in ClickHouse's TabSeparated input format, the form in which
 * the collector hands its rows to storage (one line per row, fields in the
 * order of `columns.ts`). Text is far cheaper for ClickHouse to parse than
 * JSONEachRow, and the mappers write each line once, without row objects.
 *
 * - A String field escapes `\`, tab, newline, CR and NUL with a backslash;
 *   every other character (quotes included) stands as it is.
 * - Strings inside a Map or Array are single-quoted and escape `'` as well.
 * - A Map is `{'key':'value',…}`, an Array `[v,…]`, a Bool `true`/`false`.
 * - Numbers are JavaScript's shortest round-trip text (`String(n)`), the same
 *   text `JSON.stringify` writes; ClickHouse reads it back to the same double.
 * - DateTime64(9) values are 19-digit nanosecond counts (see `nanos`).
 */

const FIELD_SPECIAL = /[\\\t\n\r\0]/;
const FIELD_SPECIAL_ALL = /[\\\t\n\r\0]/g;
const QUOTED_SPECIAL = /[\\'\t\n\r\0]/;
const QUOTED_SPECIAL_ALL = /[\\'\t\n\r\0]/g;

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
};

const escapeChar = (c: string): string => ESCAPES[c] ?? c;

/** A String field. */
export function tsvText(s: string): string {
  return FIELD_SPECIAL.test(s) ? s.replace(FIELD_SPECIAL_ALL, escapeChar) : s;
}

/** A string inside a Map or an Array: single-quoted. */
export function tsvQuoted(s: string): string {
  return QUOTED_SPECIAL.test(s) ? `'${s.replace(QUOTED_SPECIAL_ALL, escapeChar)}'` : `'${s}'`;
}

/** A `Map(LowCardinality(String), String)` field, entries in the object's key order. */
export function tsvMap(map: Readonly<Record<string, string>>): string {
  let out = '';
  for (const key of Object.keys(map)) {
    out += `${out === '' ? '' : ','}${tsvQuoted(key)}:${tsvQuoted(map[key] ?? '')}`;
  }
  return `{${out}}`;
}

/** An `Array(Float64)` or `Array(UInt64)` field. */
export function tsvNumbers(values: readonly number[]): string {
  return `[${values.join(',')}]`;
}

/**
 * A DateTime64(9) as its nanosecond count in 19 digits: ClickHouse reads a
 * digit string of that length exactly as nanoseconds since the epoch (shorter
 * ones it would read as other formats). The same text JSONEachRow rows
 * carried as a JSON string.
 */
export function nanos(t: bigint): string {
  return t.toString().padStart(19, '0');
}
