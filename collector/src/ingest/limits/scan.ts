import type { AnyValue, Attributes } from '../../otlp/model.js';

/**
 * One pass over an attribute set: checks the count and the lengths, and
 * hashes the set for the series budget. The hash has two 32-bit lanes, each
 * the sum of a hash per key/value pair, so it does not depend on the order of
 * the attributes. Strings repeat within a request (the same GPU, model and
 * metric names in every sample), so their hashes are kept for the request
 * (`beginRequest` forgets them, so no string outlives its request here).
 * Results are left in `scan`: no allocation per point.
 */

/** Why an attribute set was refused (or `OK`). */
export const OK = 0;
export const TOO_MANY = 1;
export const TOO_LONG = 2;
export type ScanResult = typeof OK | typeof TOO_MANY | typeof TOO_LONG;

/** The hash of the last set or name scanned (lanes as unsigned 32-bit integers). */
export const scan = { lo: 0, hi: 0 };

/** String → its two lanes as one number (hi · 2^32 + lo), for the current request. */
const known = new Map<string, number>();
const KNOWN_MAX = 10_000;
/** Strings longer than this are hashed every time rather than kept. */
const KNOWN_LENGTH = 256;
const TWO_32 = 0x100000000;

/** Forgets the strings of the previous request. */
export function beginRequest(): void {
  known.clear();
}

/** Both lanes of a string, as hi · 2^32 + lo. */
function hashString(s: string): number {
  const cached = known.get(s);
  if (cached !== undefined) return cached;
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const h = fmix(b ^ s.length) * TWO_32 + fmix(a);
  if (s.length <= KNOWN_LENGTH && known.size < KNOWN_MAX) known.set(s, h);
  return h;
}

/** Final mixing of a 32-bit lane (MurmurHash3's fmix32). */
function fmix(h0: number): number {
  let h = h0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const lo = (h: number): number => h >>> 0;
const hi = (h: number): number => Math.floor(h / TWO_32);

/** The text of a value for length and hashing: strings as they are, others with a type mark. */
function valueText(v: AnyValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return `\u0001${String(v)}`;
  return `\u0002${JSON.stringify(v)}`;
}

/** Scans an attribute set; on OK, its hash is in `scan`. */
export function scanAttributes(
  attributes: Attributes,
  maxAttributes: number,
  maxLength: number,
): ScanResult {
  let n = 0;
  let sumLo = 0;
  let sumHi = 0;
  for (const key in attributes) {
    if (++n > maxAttributes) return TOO_MANY;
    const raw = attributes[key];
    const value = raw === undefined ? '' : valueText(raw);
    if (key.length > maxLength || value.length > maxLength) return TOO_LONG;
    const k = hashString(key);
    const v = hashString(value);
    sumLo = (sumLo + fmix((lo(k) ^ Math.imul(lo(v), 0x9e3779b1)) >>> 0)) >>> 0;
    sumHi = (sumHi + fmix((hi(k) + Math.imul(hi(v), 0x85ebca77)) >>> 0)) >>> 0;
  }
  scan.lo = sumLo;
  scan.hi = sumHi;
  return OK;
}

/** Hash of a name (e.g. the metric's) under a parent hash, in `scan`. */
export function scanName(name: string, parentLo: number, parentHi: number): void {
  const h = hashString(name);
  scan.lo = fmix((parentLo ^ Math.imul(lo(h), 0x27d4eb2f)) >>> 0);
  scan.hi = fmix((parentHi + Math.imul(hi(h), 0x165667b1)) >>> 0);
}

/** A series' key: 53 bits of the two lanes of a parent and a child hash. */
export function seriesKey(
  parentLo: number,
  parentHi: number,
  childLo: number,
  childHi: number,
): number {
  const a = fmix((parentLo ^ Math.imul(childLo, 0x9e3779b1)) >>> 0);
  const b = fmix((parentHi + Math.imul(childHi, 0x85ebca77)) >>> 0);
  return (b & 0x1fffff) * TWO_32 + a;
}
