import { WireType } from '@bufbuild/protobuf/wire';
import { WireReader } from './wire-reader.js';

const TWO_POW_32 = 0x1_0000_0000;

/**
 * Repeated numeric fields (bucket_counts, explicit_bounds): proto3 writers
 * pack them, but parsers must accept both the packed (one length-delimited
 * run) and the unpacked (one tag per value) forms. `max` bounds the total.
 */
export function readRepeatedFixed64(r: WireReader, out: number[], max: number): void {
  if (r.wire === WireType.Bit64) {
    room(r, out, 1, max);
    out.push(r.fixed64Number());
    return;
  }
  const view = packedFixed(r, out, max);
  for (let off = 0; off < view.byteLength; off += 8) {
    out.push(view.getUint32(off + 4, true) * TWO_POW_32 + view.getUint32(off, true));
  }
}

export function readRepeatedDouble(r: WireReader, out: number[], max: number): void {
  if (r.wire === WireType.Bit64) {
    room(r, out, 1, max);
    out.push(r.double());
    return;
  }
  const view = packedFixed(r, out, max);
  for (let off = 0; off < view.byteLength; off += 8) out.push(view.getFloat64(off, true));
}

export function readRepeatedUint64(r: WireReader, out: number[], max: number): void {
  if (r.wire === WireType.Varint) {
    room(r, out, 1, max);
    out.push(r.uint64());
    return;
  }
  r.expect(WireType.LengthDelimited);
  const packed = WireReader.of(r.lengthDelimited(), r.path, r.limits);
  while (packed.remaining() > 0) {
    room(r, out, 1, max);
    out.push(packed.rawUint64());
  }
}

/** A packed run of 8-byte values, checked for length and count before reading. */
function packedFixed(r: WireReader, out: number[], max: number): DataView {
  r.expect(WireType.LengthDelimited);
  const bytes = r.lengthDelimited();
  if (bytes.length % 8 !== 0) {
    throw r.fieldError(`packed 64-bit values: ${bytes.length} bytes is not a multiple of 8`);
  }
  room(r, out, bytes.length / 8, max);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function room(r: WireReader, out: number[], adding: number, max: number): void {
  if (out.length + adding > max) {
    throw r.fieldError(`more than ${max} values (limit maxBuckets)`);
  }
}
