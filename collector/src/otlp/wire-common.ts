/**
 * common.proto and resource.proto over the wire: AnyValue, KeyValue,
 * KeyValueList, ArrayValue, InstrumentationScope, Resource.
 */
import { AttributeSink, NO_ATTRIBUTES } from './attributes.js';
import type { AnyValue, InstrumentationScope, Resource } from './model.js';
import type { WireReader } from './wire-reader.js';

export const EMPTY_RESOURCE: Resource = Object.freeze({
  attributes: NO_ATTRIBUTES,
  droppedAttributesCount: 0,
});

export const EMPTY_SCOPE: InstrumentationScope = Object.freeze({
  name: '',
  version: '',
  attributes: NO_ATTRIBUTES,
  droppedAttributesCount: 0,
});

/**
 * AnyValue { oneof value { string string_value = 1; bool bool_value = 2;
 * int64 int_value = 3; double double_value = 4; ArrayValue array_value = 5;
 * KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }. An empty AnyValue
 * is null; the last member of the oneof wins. `depth` counts the enclosing
 * arrays/kvlists.
 */
export function readAnyValue(r: WireReader, depth: number): AnyValue {
  let value: AnyValue = null;
  while (r.next()) {
    switch (r.field) {
      case 1:
        value = r.string();
        break;
      case 2:
        value = r.bool();
        break;
      case 3:
        value = r.int64();
        break;
      case 4:
        value = r.double();
        break;
      case 5:
        value = readArrayValue(r, nested(r, depth));
        break;
      case 6:
        value = readKvlistValue(r, nested(r, depth));
        break;
      case 7:
        value = readBytesValue(r);
        break;
      default:
        r.skip();
    }
  }
  return value;
}

/**
 * Reads one `repeated KeyValue` entry of the current field into `sink`, whose
 * list is field `sink.field` of `r`'s message.
 */
export function readAttribute(r: WireReader, sink: AttributeSink, depth = 0): void {
  const index = sink.next();
  if (r.stringKeyValue()) {
    sink.set(r.kvKey, r.kvValue);
    return;
  }
  const kv = r.message(sink.field, index);
  // KeyValue { string key = 1; AnyValue value = 2; }
  let key = '';
  let value: AnyValue = null;
  while (kv.next()) {
    if (kv.field === 1) key = kv.string();
    else if (kv.field === 2) value = readAnyValue(kv.message('value'), depth);
    else kv.skip();
  }
  sink.set(key, value);
}

/** Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; } (entity_refs = 3 skipped). */
export function readResource(r: WireReader): Resource {
  const attributes = new AttributeSink(r.limits, r, 'attributes');
  let droppedAttributesCount = 0;
  while (r.next()) {
    if (r.field === 1) readAttribute(r, attributes);
    else if (r.field === 2) droppedAttributesCount = r.uint32();
    else r.skip();
  }
  return { attributes: attributes.build(), droppedAttributesCount };
}

/**
 * InstrumentationScope { string name = 1; string version = 2;
 * repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
 */
export function readScope(r: WireReader): InstrumentationScope {
  const attributes = new AttributeSink(r.limits, r, 'attributes');
  let name = '';
  let version = '';
  let droppedAttributesCount = 0;
  while (r.next()) {
    switch (r.field) {
      case 1:
        name = r.string();
        break;
      case 2:
        version = r.string();
        break;
      case 3:
        readAttribute(r, attributes);
        break;
      case 4:
        droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip();
    }
  }
  return { name, version, attributes: attributes.build(), droppedAttributesCount };
}

/** ArrayValue { repeated AnyValue values = 1; } */
function readArrayValue(r: WireReader, depth: number): AnyValue[] {
  const array = r.message('arrayValue');
  const values: AnyValue[] = [];
  while (array.next()) {
    if (array.field !== 1) {
      array.skip();
      continue;
    }
    values.push(readAnyValue(array.message('values', values.length), depth));
  }
  return values;
}

/** KeyValueList { repeated KeyValue values = 1; }: a plain object, bounded like attributes. */
function readKvlistValue(r: WireReader, depth: number): AnyValue {
  const list = r.message('kvlistValue');
  const sink = new AttributeSink(r.limits, list, 'values');
  while (list.next()) {
    if (list.field === 1) readAttribute(list, sink, depth);
    else list.skip();
  }
  return sink.build();
}

/** bytes_value: base64, as the model stores bytes; bounded like strings once encoded. */
function readBytesValue(r: WireReader): string {
  const bytes = r.bytes();
  if (Math.ceil(bytes.length / 3) * 4 > r.limits.maxStringLength) {
    throw r.fieldError(
      `bytes longer than ${r.limits.maxStringLength} base64 characters (limit maxStringLength)`,
    );
  }
  return Buffer.from(bytes).toString('base64');
}

function nested(r: WireReader, depth: number): number {
  if (depth >= r.limits.maxDepth) {
    throw r.fieldError(`AnyValue nested deeper than ${r.limits.maxDepth} (limit maxDepth)`);
  }
  return depth + 1;
}
