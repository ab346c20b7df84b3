import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { DecodeError } from './model.js';
import type { DecodeLimits } from './model.js';
import { Path } from './path.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `Buffer#latin1Slice`: Node's own fast path of `toString('latin1', start, end)`. */
type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;
const latin1Slice: Latin1Slice | null = (() => {
  const fn: unknown = Reflect.get(Buffer.prototype, 'latin1Slice');
  return typeof fn === 'function' ? (fn as Latin1Slice) : null;
})();

/** An ASCII run of bytes as a string (null when some byte is not ASCII). */
function asciiText(buf: Uint8Array, start: number, end: number): string | null {
  let bits = 0;
  for (let i = start; i < end; i++) bits |= buf[i] ?? 0;
  if (bits > 0x7f) return null;
  if (latin1Slice !== null) return latin1Slice.call(buf, start, end);
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
}

/** What the readers of one request share. */
interface Source {
  readonly r: BinaryReader;
  readonly buf: Uint8Array;
  readonly view: DataView;
  readonly limits: DecodeLimits;
}
const TWO_POW_32 = 0x1_0000_0000;
/** UTF-8 uses at most 3 bytes per UTF-16 unit: a longer byte run is too long for sure. */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/** Wire types by number; 6 and 7 are invalid. */
const WIRE_TYPES: readonly (WireType | undefined)[] = [
  WireType.Varint,
  WireType.Bit64,
  WireType.LengthDelimited,
  WireType.StartGroup,
  WireType.EndGroup,
  WireType.Bit32,
];
const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start-group', 'end-group', '32-bit'];

/**
 * Reads one protobuf message: the bytes of `r` from its position up to `end`.
 * All readers of a request share one @bufbuild/protobuf BinaryReader; a
 * nested message's reader (`message()`) must be read to its end before its
 * parent goes on, which the decoders' `while (r.next())` loops guarantee.
 * Every read checks the wire type of the current field and the bytes left,
 * so a malformed body ends in a DecodeError naming `path` and the field
 * number, never in a RangeError. A reader's path is built only when an error
 * needs it, from its parent and its place there (`message(name, index)`).
 *
 * Usage: `while (r.next()) switch (r.field) { case 1: x = r.string(); break; default: r.skip(); }`
 */
export class WireReader {
  /** Field number of the current field (after `next()`). */
  field = 0;
  /** Wire type of the current field. */
  wire: WireType = WireType.Varint;
  /** The key and value the last successful `stringKeyValue()` read. */
  kvKey = '';
  kvValue = '';

  readonly limits: DecodeLimits;
  private readonly r: BinaryReader;
  private readonly buf: Uint8Array;
  private cachedPath: Path | null;

  private constructor(
    private readonly src: Source,
    private readonly end: number,
    private readonly parent: WireReader | null,
    private readonly name: string | null,
    private readonly index: number,
    path: Path | null,
  ) {
    this.r = src.r;
    this.buf = src.buf;
    this.limits = src.limits;
    this.cachedPath = path;
  }

  /** A reader of a whole buffer (a request, or a packed run) at `path`. */
  static of(bytes: Uint8Array, path: Path, limits: DecodeLimits): WireReader {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const src: Source = { r: new BinaryReader(bytes), buf: bytes, view, limits };
    return new WireReader(src, bytes.length, null, null, -1, path);
  }

  /** Where this message is in the request. */
  get path(): Path {
    let path = this.cachedPath;
    if (path === null) {
      path = this.parent?.path ?? Path.root;
      if (this.name !== null) path = path.field(this.name);
      if (this.index >= 0) path = path.index(this.index);
      this.cachedPath = path;
    }
    return path;
  }

  /** Advances to the next field; false at the end of the message. */
  next(): boolean {
    const pos = this.r.pos;
    if (pos === this.end) return false;
    if (pos > this.end) throw this.error(`field ${this.field} overruns the message`);
    let tag: number;
    try {
      tag = this.r.uint32();
    } catch (err) {
      throw this.error(`bad field tag at byte ${pos} (${errorText(err)})`);
    }
    // As BinaryReader.tag() checks, without allocating a tuple per field.
    const overflow =
      this.r.pos - pos > 5 || (this.r.pos - pos === 5 && (this.buf[pos + 4] ?? 0) > 0x0f);
    const wire = WIRE_TYPES[tag & 7];
    this.field = tag >>> 3;
    if (overflow || this.field === 0 || wire === undefined) {
      throw this.error(`bad field tag at byte ${pos} (field ${this.field}, wire type ${tag & 7})`);
    }
    this.wire = wire;
    return true;
  }

  /** Skips the current field (unknown fields are ignored for forward compatibility). */
  skip(): void {
    try {
      this.r.skip(this.wire, this.field);
    } catch (err) {
      throw this.fieldError(`cannot skip (${errorText(err)})`);
    }
  }

  /** An error at this message, prefixed with the current field. */
  fieldError(message: string): DecodeError {
    return this.error(`field ${this.field}: ${message}`);
  }

  error(message: string): DecodeError {
    return new DecodeError(message, this.path.toString());
  }

  /**
   * The current length-delimited field as a message reader (sharing this one's
   * position), at `<this path>.name` or `<this path>.name[index]`.
   */
  message(name: string, index = -1): WireReader {
    this.expect(WireType.LengthDelimited);
    const length = this.length();
    return new WireReader(this.src, this.r.pos + length, this, name, index, null);
  }

  /**
   * Reads the current field if it is a KeyValue in its usual form (string key,
   * AnyValue holding only a string value, both ASCII, single-byte lengths)
   * into `kvKey` / `kvValue` and returns true; otherwise reads nothing and
   * returns false, leaving the field to the general decoder (which also
   * reports anything malformed).
   */
  stringKeyValue(): boolean {
    if (this.wire !== WireType.LengthDelimited) return false;
    const { buf } = this;
    const at = this.r.pos;
    const length = buf[at] ?? 0x80;
    const keyLength = buf[at + 2] ?? 0x80;
    const end = at + 1 + length;
    if (length > 0x7f || end > this.end || buf[at + 1] !== 0x0a || keyLength > 0x7f) return false;
    const keyEnd = at + 3 + keyLength;
    const anyLength = buf[keyEnd + 1] ?? 0x80;
    const valueLength = buf[keyEnd + 3] ?? 0x80;
    const max = this.limits.maxStringLength;
    if (
      buf[keyEnd] !== 0x12 ||
      buf[keyEnd + 2] !== 0x0a ||
      anyLength > 0x7f ||
      anyLength !== valueLength + 2 ||
      keyEnd + 4 + valueLength !== end ||
      keyLength > max ||
      valueLength > max
    ) {
      return false;
    }
    const key = asciiText(buf, at + 3, keyEnd);
    const value = key === null ? null : asciiText(buf, keyEnd + 4, end);
    if (key === null || value === null) return false;
    this.kvKey = key;
    this.kvValue = value;
    this.r.pos = end;
    return true;
  }

  bytes(): Uint8Array {
    this.expect(WireType.LengthDelimited);
    return this.lengthDelimited();
  }

  /** A UTF-8 string, bounded by `limits.maxStringLength` UTF-16 units. */
  string(): string {
    this.expect(WireType.LengthDelimited);
    const length = this.length();
    const start = this.r.pos;
    const max = this.limits.maxStringLength;
    if (length <= max) {
      const ascii = asciiText(this.buf, start, start + length);
      if (ascii !== null) {
        this.r.pos += length;
        return ascii;
      }
    }
    const bytes = this.lengthDelimitedAt(start, length);
    if (bytes.length > max * MAX_UTF8_BYTES_PER_UNIT) throw this.tooLong();
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw this.fieldError('invalid UTF-8');
    }
    if (text.length > max) throw this.tooLong();
    return text;
  }

  bool(): boolean {
    return this.uint64() !== 0;
  }

  /** uint32 (and the low 32 bits of a longer varint, as protobuf truncates). */
  uint32(): number {
    this.expect(WireType.Varint);
    try {
      return this.r.uint32();
    } catch (err) {
      throw this.varintError(err);
    }
  }

  /** int32 and enums. */
  int32(): number {
    return this.uint32() | 0;
  }

  sint32(): number {
    const zz = this.uint32();
    return (zz >>> 1) ^ -(zz & 1);
  }

  /** int64 as a number (exact up to 2^53). */
  int64(): number {
    this.expect(WireType.Varint);
    try {
      return Number(this.r.int64());
    } catch (err) {
      throw this.varintError(err);
    }
  }

  /** uint64 as a number (exact up to 2^53). */
  uint64(): number {
    this.expect(WireType.Varint);
    return this.rawUint64();
  }

  /** A uint64 varint without a tag (inside a packed field). */
  rawUint64(): number {
    try {
      return Number(this.r.uint64());
    } catch (err) {
      throw this.varintError(err);
    }
  }

  /** fixed64 as a bigint (timestamps). */
  fixed64(): bigint {
    this.expect(WireType.Bit64);
    this.need(8);
    const at = this.r.pos;
    this.r.pos = at + 8;
    return this.src.view.getBigUint64(at, true);
  }

  /** fixed64 as a number (counts; exact up to 2^53). */
  fixed64Number(): number {
    this.expect(WireType.Bit64);
    this.need(8);
    const lo = this.r.fixed32();
    return this.r.fixed32() * TWO_POW_32 + lo;
  }

  /** sfixed64 as a number (exact within ±2^53). */
  sfixed64(): number {
    this.expect(WireType.Bit64);
    this.need(8);
    const lo = this.r.fixed32();
    return this.r.sfixed32() * TWO_POW_32 + lo;
  }

  double(): number {
    this.expect(WireType.Bit64);
    this.need(8);
    return this.r.double();
  }

  fixed32(): number {
    this.expect(WireType.Bit32);
    this.need(4);
    return this.r.fixed32();
  }

  /** Throws unless the current field has wire type `wire`. */
  expect(wire: WireType): void {
    if (this.wire !== wire) {
      const got = WIRE_NAMES[this.wire] ?? String(this.wire);
      throw this.fieldError(`wire type ${got} where ${WIRE_NAMES[wire] ?? wire} was expected`);
    }
  }

  /** Reads a length prefix and that many bytes. */
  lengthDelimited(): Uint8Array {
    const length = this.length();
    return this.lengthDelimitedAt(this.r.pos, length);
  }

  private lengthDelimitedAt(start: number, length: number): Uint8Array {
    this.r.pos = start + length;
    return this.buf.subarray(start, start + length);
  }

  /** Bytes left in this message. */
  remaining(): number {
    return this.end - this.r.pos;
  }

  /** A length prefix, checked against the bytes left in this message. */
  private length(): number {
    let length: number;
    try {
      length = this.r.uint32();
    } catch (err) {
      throw this.varintError(err);
    }
    this.need(length);
    return length;
  }

  private need(n: number): void {
    if (n > this.remaining()) {
      throw this.fieldError(`truncated: needs ${n} bytes, ${Math.max(0, this.remaining())} left`);
    }
  }

  private varintError(err: unknown): DecodeError {
    return this.fieldError(`truncated or invalid varint (${errorText(err)})`);
  }

  private tooLong(): DecodeError {
    return this.fieldError(
      `string longer than ${this.limits.maxStringLength} characters (limit maxStringLength)`,
    );
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
