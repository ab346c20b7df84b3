/**
 * Test support: hand-built protobuf fields, so tests can write any message,
 * including the wrong wire types, unknown fields and odd encodings that real
 * SDKs never send. `sub(3, str(1, 'x'))` is field 3 holding a message whose
 * field 1 is the string 'x'.
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function field(no: number, wire: WireType, write: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter().tag(no, wire);
  write(w);
  return w.finish();
}

/** A length-delimited field holding the concatenated `fields` (a sub-message). */
export function sub(no: number, ...fields: Uint8Array[]): Uint8Array {
  return field(no, WireType.LengthDelimited, (w) => w.bytes(concat(...fields)));
}

export function str(no: number, value: string): Uint8Array {
  return field(no, WireType.LengthDelimited, (w) => w.string(value));
}

export function bytes(no: number, value: Uint8Array): Uint8Array {
  return field(no, WireType.LengthDelimited, (w) => w.bytes(value));
}

export function varint(no: number, value: number | bigint): Uint8Array {
  return field(no, WireType.Varint, (w) => w.int64(value));
}

export function sint32(no: number, value: number): Uint8Array {
  return field(no, WireType.Varint, (w) => w.sint32(value));
}

export function fixed64(no: number, value: number | bigint): Uint8Array {
  return field(no, WireType.Bit64, (w) => w.fixed64(value));
}

export function sfixed64(no: number, value: number | bigint): Uint8Array {
  return field(no, WireType.Bit64, (w) => w.sfixed64(value));
}

export function double(no: number, value: number): Uint8Array {
  return field(no, WireType.Bit64, (w) => w.double(value));
}

export function fixed32(no: number, value: number): Uint8Array {
  return field(no, WireType.Bit32, (w) => w.fixed32(value));
}

export function packedFixed64(no: number, values: readonly number[]): Uint8Array {
  const w = new BinaryWriter();
  for (const v of values) w.fixed64(v);
  return bytes(no, w.finish());
}

export function packedDouble(no: number, values: readonly number[]): Uint8Array {
  const w = new BinaryWriter();
  for (const v of values) w.double(v);
  return bytes(no, w.finish());
}

export function packedVarint(no: number, values: readonly number[]): Uint8Array {
  const w = new BinaryWriter();
  for (const v of values) w.uint64(v);
  return bytes(no, w.finish());
}

/** A group (wire types 3/4, proto2) around `fields`: legal to skip as unknown. */
export function group(no: number, ...fields: Uint8Array[]): Uint8Array {
  const start = new BinaryWriter().tag(no, WireType.StartGroup).finish();
  const end = new BinaryWriter().tag(no, WireType.EndGroup).finish();
  return concat(start, ...fields, end);
}

/** KeyValue { key = 1; value = 2 } with a string, int, double, bool or raw AnyValue fields. */
export function kv(
  no: number,
  key: string,
  value: string | number | boolean | Uint8Array,
): Uint8Array {
  return sub(no, str(1, key), sub(2, anyValue(value)));
}

export function anyValue(value: string | number | boolean | Uint8Array): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return str(1, value);
  if (typeof value === 'boolean') return varint(2, value ? 1 : 0);
  return Number.isInteger(value) ? varint(3, value) : double(4, value);
}
