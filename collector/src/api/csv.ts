/**
 * The API's CSV serializer (RFC 4180): one row per item, nested objects
 * flattened into dotted columns (`latencyP50Ms.value`), arrays as JSON text,
 * null as an empty cell, CRLF line ends. Cells holding `,` `"` CR or LF are
 * quoted with inner quotes doubled. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @ TAB CR) get a leading apostrophe:
 * error messages come from orchestrators and must not execute anywhere.
 */

export type CsvRow = Readonly<Record<string, unknown>>;

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function flattenInto(out: Record<string, unknown>, value: unknown, prefix: string): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix !== '') out[prefix] = null;
    for (const [k, v] of entries) flattenInto(out, v, prefix === '' ? k : `${prefix}.${k}`);
    return;
  }
  out[prefix] = value;
}

/** `{a: {b: 1}, c: [1, 2]}` → `{'a.b': 1, c: [1, 2]}`. */
export function flatten(row: CsvRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  flattenInto(out, row, '');
  return out;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (typeof value === 'string') text = FORMULA.test(value) ? `'${value}` : value;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = '';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Columns: `columns` when given, else every flattened key in first-seen order. */
export function toCsv(rows: readonly CsvRow[], columns?: readonly string[]): string {
  const flat = rows.map(flatten);
  let header = columns;
  if (header === undefined) {
    const seen = new Set<string>();
    for (const r of flat) for (const k of Object.keys(r)) seen.add(k);
    header = [...seen];
  }
  const lines = [header.map(csvCell).join(',')];
  for (const r of flat) lines.push(header.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
