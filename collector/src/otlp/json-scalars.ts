/**
 * Scalars of the protobuf JSON mapping as OTLP/JSON senders write them:
 * 64-bit integers as numbers or decimal strings, doubles as numbers or strings
 * (incl. "NaN", "Infinity"), enums as numbers or names, bytes as base64, and
 * trace/span ids as hex (OTLP/JSON) or base64 (plain proto3 JSON).
 */
import { DecodeError } from './model.js';
import type { Path } from './path.js';

const DECIMAL = /^-?\d+$/;
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;
const SPECIAL_DOUBLES: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

export const UINT32: IntRange = { min: 0, max: 0xffff_ffff };
export const INT32: IntRange = { min: -0x8000_0000, max: 0x7fff_ffff };
export const INT64: IntRange = { min: -(2 ** 63), max: 2 ** 63 };
export const UINT64: IntRange = { min: 0, max: 2 ** 64 };

export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** What a JSON value is, for error messages. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function typeError(expected: string, value: unknown, path: Path): DecodeError {
  return new DecodeError(`expected ${expected}, got ${jsonType(value)}`, path.toString());
}

export function jsonString(value: unknown, path: Path, maxLength: number): string {
  if (typeof value !== 'string') throw typeError('a string', value, path);
  if (value.length > maxLength) {
    throw new DecodeError(
      `string longer than ${maxLength} characters (limit maxStringLength)`,
      path.toString(),
    );
  }
  return value;
}

export function jsonBool(value: unknown, path: Path): boolean {
  if (typeof value !== 'boolean') throw typeError('a boolean', value, path);
  return value;
}

/** An integer given as a JSON number or a decimal string, within `range` (exact up to 2^53). */
export function jsonInteger(value: unknown, path: Path, range: IntRange): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && DECIMAL.test(value)) n = Number(value);
  else throw typeError('an integer (number or decimal string)', value, path);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new DecodeError(`integer out of range: ${String(value)}`, path.toString());
  }
  return n;
}

/** A fixed64 (timestamps) as a bigint, exact over the whole range when given as a string. */
export function jsonUint64Big(value: unknown, path: Path): bigint {
  let n: bigint;
  if (typeof value === 'string' && DECIMAL.test(value)) n = BigInt(value);
  else if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
  else throw typeError('an unsigned integer (number or decimal string)', value, path);
  if (n < 0n || n >= 1n << 64n) {
    throw new DecodeError(`integer out of range: ${String(value)}`, path.toString());
  }
  return n;
}

/** A double as a number, a numeric string, or "NaN" / "Infinity" / "-Infinity". */
export function jsonDouble(value: unknown, path: Path): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const special = SPECIAL_DOUBLES.get(value);
    if (special !== undefined) return special;
    if (NUMERIC.test(value)) return Number(value);
  }
  throw typeError('a number (or "NaN", "Infinity", "-Infinity")', value, path);
}

/** An enum as its number or its name. */
export function jsonEnum(
  value: unknown,
  path: Path,
  names: Readonly<Record<string, number>>,
): number {
  if (typeof value === 'string') {
    const n = Object.hasOwn(names, value) ? names[value] : undefined;
    if (n === undefined) throw new DecodeError(`unknown enum name ${value}`, path.toString());
    return n;
  }
  if (typeof value === 'number') return jsonInteger(value, path, INT32);
  throw typeError('an enum number or name', value, path);
}

/** Standard or URL-safe base64, padded or not. */
function isBase64(text: string): boolean {
  return BASE64.test(text) && text.replace(/=+$/, '').length % 4 !== 1;
}

/** Standard or URL-safe base64, padded or not, decoded. */
export function jsonBase64(value: unknown, path: Path, maxLength: number): Uint8Array {
  const text = jsonString(value, path, maxLength);
  if (!isBase64(text)) throw new DecodeError('invalid base64', path.toString());
  return Buffer.from(text, 'base64');
}

/** A trace id (16 bytes) or span id (8 bytes): hex of any case or base64, as lower-case hex. */
export function jsonId(value: unknown, path: Path, size: number): string {
  if (typeof value !== 'string') throw typeError('a hex or base64 id', value, path);
  if (value === '') return '';
  if (value.length === size * 2 && HEX.test(value)) return value.toLowerCase();
  const bytes = value.length < size * 2 && isBase64(value) ? Buffer.from(value, 'base64') : null;
  if (bytes?.length !== size) {
    throw new DecodeError(`id must be ${size} bytes as hex or base64`, path.toString());
  }
  return bytes.toString('hex');
}
