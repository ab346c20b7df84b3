/**
 * common.proto and resource.proto in OTLP/JSON: AnyValue, KeyValue,
 * KeyValueList, ArrayValue, InstrumentationScope, Resource.
 */
import { AttributeSink, NO_ATTRIBUTES } from './attributes.js';
import type { JsonMessage } from './json-reader.js';
import { DecodeError } from './model.js';
import type { AnyValue, Attributes, InstrumentationScope, Resource } from './model.js';

const ANY_VALUE_FIELDS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
] as const;

/**
 * AnyValue: `{ "stringValue": "x" }`, `{ "intValue": "5" }`, `{ "arrayValue": { "values": [...] } }`,
 * `{ "kvlistValue": { "values": [{ "key": ..., "value": ... }] } }`, `{ "bytesValue": "<base64>" }`;
 * `{}` is null. `depth` counts the enclosing arrays/kvlists.
 */
export function jsonAnyValue(m: JsonMessage, depth: number): AnyValue {
  const field = m.oneof(ANY_VALUE_FIELDS);
  switch (field) {
    case undefined:
      return null;
    case 'stringValue':
      return m.string(field);
    case 'boolValue':
      return m.bool(field);
    case 'intValue':
      return m.int64(field);
    case 'doubleValue':
      return m.double(field);
    case 'bytesValue':
      return m.base64(field);
    case 'arrayValue':
      return jsonArrayValue(m.message(field), nested(m, depth));
    case 'kvlistValue':
      return jsonKvlistValue(m.message(field), nested(m, depth));
  }
}

/** A `repeated KeyValue` field (`attributes`), bounded by maxAttributes. */
export function jsonAttributes(m: JsonMessage, name: string, depth = 0): Attributes {
  const sink = new AttributeSink(m.limits, m.at(name));
  m.messages(name, (kv) => {
    sink.next();
    sink.set(kv.string('key'), jsonValueOf(kv, depth));
  });
  return sink.build();
}

/** Resource: `attributes`, `droppedAttributesCount` (`entityRefs` ignored). */
export function jsonResource(m: JsonMessage | null): Resource {
  if (m === null) return { attributes: NO_ATTRIBUTES, droppedAttributesCount: 0 };
  return {
    attributes: jsonAttributes(m, 'attributes'),
    droppedAttributesCount: m.uint32('droppedAttributesCount'),
  };
}

/** InstrumentationScope: `name`, `version`, `attributes`, `droppedAttributesCount`. */
export function jsonScope(m: JsonMessage | null): InstrumentationScope {
  if (m === null) return { name: '', version: '', ...jsonResource(null) };
  return {
    name: m.string('name'),
    version: m.string('version'),
    ...jsonResource(m),
  };
}

/** The `value` of a KeyValue (an AnyValue message), null when absent. */
function jsonValueOf(kv: JsonMessage, depth: number): AnyValue {
  const value = kv.message('value');
  return value === null ? null : jsonAnyValue(value, depth);
}

function jsonArrayValue(m: JsonMessage | null, depth: number): AnyValue[] {
  return m === null ? [] : m.messages('values', (v) => jsonAnyValue(v, depth));
}

function jsonKvlistValue(m: JsonMessage | null, depth: number): AnyValue {
  return m === null ? NO_ATTRIBUTES : jsonAttributes(m, 'values', depth);
}

function nested(m: JsonMessage, depth: number): number {
  if (depth >= m.limits.maxDepth) {
    throw new DecodeError(
      `AnyValue nested deeper than ${m.limits.maxDepth} (limit maxDepth)`,
      m.path.toString(),
    );
  }
  return depth + 1;
}
