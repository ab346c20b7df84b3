import type { AnyValue, Attributes } from '../otlp/model.js';

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
