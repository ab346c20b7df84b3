import type { AnyValue, Attributes } from '../otlp/model.js';
import { tsvQuoted } from './tsv.js';

/**
 * Attributes as the ClickHouse exporter layout stores them,
 * `Map(LowCardinality(String), String)`: strings as they are, numbers and
 * booleans in their text form, arrays and maps as JSON (like pcommon's AsString).
 */
export function stringifyValue(value: AnyValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function toStringMap(attributes: Attributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) out[k] = stringifyValue(v);
  return out;
}

/** One attribute's stored text, or undefined when the list does not have it. */
export function attributeText(attributes: Attributes, key: string): string | undefined {
  return Object.hasOwn(attributes, key) ? stringifyValue(attributes[key] ?? null) : undefined;
}

/**
 * The attributes as a TabSeparated Map field (see tsv.ts), written straight
 * from the decoded list: the same entries, in the same order, as
 * `tsvMap(toStringMap(attributes))`, without the intermediate object.
 */
export function attributesField(attributes: Attributes): string {
  let out = '';
  for (const key of Object.keys(attributes)) {
    const text = tsvQuoted(stringifyValue(attributes[key] ?? null));
    out += out === '' ? `${tsvQuoted(key)}:${text}` : `,${tsvQuoted(key)}:${text}`;
  }
  return `{${out}}`;
}
