/**
 * Test support for fuzzing: a seeded PRNG (every failure replays from its
 * seed and case number) and mutators of real inputs — bit flips, boundary
 * bytes, truncation, duplication, random splices, crossovers of two inputs,
 * huge protobuf lengths, overlong varints.
 */

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG with [0, 1) output. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (next: Rng, n: number): number => Math.floor(next() * n);

export function pick<T>(next: Rng, items: readonly T[]): T {
  const item = items[int(next, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function randomBytes(next: Rng, length: number): Uint8Array {
  return Uint8Array.from({ length: Math.floor(length) }, () => int(next, 256));
}

/** Varint encodings a length can be forged with: huge, negative as 64-bit, overlong. */
const HUGE_VARINTS: readonly Uint8Array[] = [
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07), // 2^31 - 1
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x10), // 2^32
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // 2^64 - 1
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // 11 bytes
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80), // never ends
  Uint8Array.of(0xe8, 0x07), // 1000: a little past most ends
];

/** Byte position of a length-delimited field's tag (wire type 2), or -1. */
function findLengthTag(body: Uint8Array, next: Rng): number {
  const start = int(next, body.length);
  for (let k = 0; k < body.length; k++) {
    const i = (start + k) % body.length;
    const b = body[i] ?? 0;
    if ((b & 0x07) === 2 && b >> 3 > 0 && b < 0x80) return i;
  }
  return -1;
}

/** One mutation of a binary input. */
export function mutateBytes(body: Uint8Array, next: Rng, other?: Uint8Array): Uint8Array {
  if (body.length === 0) return randomBytes(next, 1 + int(next, 16));
  const at = int(next, body.length);
  const out = Uint8Array.from(body);
  switch (int(next, 8)) {
    case 0: // flip bits in a few bytes
      for (let i = 0; i < 1 + int(next, 4); i++) {
        const j = int(next, out.length);
        out[j] = (out[j] ?? 0) ^ (1 << int(next, 8));
      }
      return out;
    case 1: // a boundary value
      out[at] = pick(next, [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x12, 0x1a, 0x22, 0x08]);
      return out;
    case 2: // truncate
      return out.subarray(0, at);
    case 3: // duplicate a slice in place
      return concat(
        out.subarray(0, at),
        out.subarray(at, at + 1 + int(next, 64)),
        out.subarray(at),
      );
    case 4: // random bytes spliced in
      return concat(
        out.subarray(0, at),
        randomBytes(next, 1 + int(next, 16)),
        out.subarray(at + 1),
      );
    case 5: {
      // a length-delimited field claims a huge or overlong length
      const tag = findLengthTag(out, next);
      if (tag < 0) return out.subarray(0, at);
      let end = tag + 1;
      while (end < out.length && ((out[end] ?? 0) & 0x80) !== 0) end++;
      return concat(out.subarray(0, tag + 1), pick(next, HUGE_VARINTS), out.subarray(end + 1));
    }
    case 6: {
      // crossover: the head of this input, the tail of another
      const tail = other ?? out;
      return concat(out.subarray(0, at), tail.subarray(int(next, tail.length)));
    }
    default: // remove a slice
      return concat(out.subarray(0, at), out.subarray(at + 1 + int(next, 32)));
  }
}

const SPECIAL = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\',
  '0',
  '-',
  'e',
  '.',
  'n',
  't',
  '\u0000',
  '\ud800',
  '\u2028',
  '\ufeff',
];

/** One mutation of a text input. */
export function mutateText(text: string, next: Rng, other?: string): string {
  if (text.length === 0) return pick(next, SPECIAL);
  const at = int(next, text.length);
  switch (int(next, 6)) {
    case 0: {
      // replace a few characters
      const chars = text.split(''); // UTF-16 units: lone surrogates are welcome here
      for (let i = 0; i < 1 + int(next, 4); i++)
        chars[int(next, chars.length)] = pick(next, SPECIAL);
      return chars.join('');
    }
    case 1: // insert
      return text.slice(0, at) + pick(next, SPECIAL) + text.slice(at);
    case 2: // truncate
      return text.slice(0, at);
    case 3: // duplicate a slice
      return text.slice(0, at) + text.slice(at, at + 1 + int(next, 200)) + text.slice(at);
    case 4: {
      // crossover
      const tail = other ?? text;
      return text.slice(0, at) + tail.slice(int(next, tail.length));
    }
    default: // remove a slice
      return text.slice(0, at) + text.slice(at + 1 + int(next, 50));
  }
}

/** Applies 1–3 mutations. */
export function mutateBytesN(
  body: Uint8Array,
  next: Rng,
  corpus: readonly Uint8Array[],
): Uint8Array {
  let out = body;
  for (let i = 0, n = 1 + int(next, 3); i < n; i++)
    out = mutateBytes(out, next, pick(next, corpus));
  return out;
}

export function mutateTextN(text: string, next: Rng, corpus: readonly string[]): string {
  let out = text;
  for (let i = 0, n = 1 + int(next, 3); i < n; i++) out = mutateText(out, next, pick(next, corpus));
  return out;
}

/** Outcome counts of a fuzz run, and the slowest case. */
export interface FuzzTally {
  ok: number;
  rejected: number;
  slowestMs: number;
  slowestBytes: number;
}

export const tally = (): FuzzTally => ({ ok: 0, rejected: 0, slowestMs: 0, slowestBytes: 0 });

/**
 * Runs one case: returns normally or throws an error of the accepted type
 * (counted as rejected); anything else fails with the case's label, so it
 * can be replayed.
 */
export function fuzzCase(
  t: FuzzTally,
  label: string,
  size: number,
  run: () => unknown,
  accepted: (err: unknown) => boolean,
): void {
  const started = performance.now();
  try {
    run();
    t.ok++;
  } catch (err) {
    if (!accepted(err)) throw new Error(`${label}: ${String(err)}`, { cause: err });
    t.rejected++;
  }
  const ms = performance.now() - started;
  if (ms > t.slowestMs) {
    t.slowestMs = ms;
    t.slowestBytes = size;
  }
}
