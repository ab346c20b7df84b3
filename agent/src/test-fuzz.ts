/**
 * Test support for fuzzing the agent's parsers: a seeded PRNG (a failure
 * replays from its seed and case number) and mutators of real inputs —
 * character and line edits, truncation, duplication, crossovers of two
 * inputs, huge values and lines, control characters.
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

/** Pieces that break line formats: separators, sentinels, huge numbers, control and odd Unicode. */
const PIECES = [
  ', ',
  ',',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '=',
  '"',
  '\\',
  '{',
  '}',
  '#',
  ']',
  '[N/A]',
  '[Not Supported]',
  'N/A',
  'MiB',
  ' W',
  'GPU-',
  'NaN',
  '+Inf',
  '-1',
  '1e309',
  '99999999999999999999999',
  '0x',
  '%!v(MISSING)',
  'took=',
  'cap=',
  '\u0000',
  '\u001b[31m',
  '\ufffd',
  '\ud800',
  '\u202e',
  'é',
];

function randomText(next: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(int(next, 0x3000));
  return s;
}

/** One mutation of a text input. */
export function mutateText(text: string, next: Rng, other?: string): string {
  if (text.length === 0) return pick(next, PIECES);
  const at = int(next, text.length);
  switch (int(next, 8)) {
    case 0: {
      // replace a few characters (UTF-16 units: lone surrogates are welcome)
      const chars = text.split('');
      for (let i = 0; i < 1 + int(next, 4); i++)
        chars[int(next, chars.length)] = pick(next, PIECES);
      return chars.join('');
    }
    case 1: // insert a piece
      return text.slice(0, at) + pick(next, PIECES) + text.slice(at);
    case 2: // truncate
      return text.slice(0, at);
    case 3: // duplicate a slice
      return text.slice(0, at) + text.slice(at, at + 1 + int(next, 200)) + text.slice(at);
    case 4: {
      // crossover: the head of this input, the tail of another
      const tail = other ?? text;
      return text.slice(0, at) + tail.slice(int(next, tail.length));
    }
    case 5: // random characters
      return text.slice(0, at) + randomText(next, 1 + int(next, 20)) + text.slice(at + 1);
    case 6: // a very long run
      return (
        text.slice(0, at) +
        pick(next, ['9', 'a', ' ', ',', '=']).repeat(int(next, 20_000)) +
        text.slice(at)
      );
    default: // remove a slice
      return text.slice(0, at) + text.slice(at + 1 + int(next, 50));
  }
}

/** Applies 1–3 mutations. */
export function mutateTextN(text: string, next: Rng, corpus: readonly string[]): string {
  let out = text;
  for (let i = 0, n = 1 + int(next, 3); i < n; i++) out = mutateText(out, next, pick(next, corpus));
  return out;
}

/** Random text (random code units) of up to `max` characters. */
export const randomInput = (next: Rng, max: number): string => randomText(next, int(next, max));

/** Cases run and the slowest one. */
export interface FuzzTally {
  cases: number;
  slowestMs: number;
  slowestChars: number;
}

export const tally = (): FuzzTally => ({ cases: 0, slowestMs: 0, slowestChars: 0 });

/** Runs one case; a throw fails with the case's label (the agent's parsers never throw). */
export function fuzzCase(t: FuzzTally, label: string, size: number, run: () => void): void {
  const started = performance.now();
  try {
    run();
  } catch (err) {
    throw new Error(`${label}: ${String(err)}`, { cause: err });
  }
  t.cases++;
  const ms = performance.now() - started;
  if (ms > t.slowestMs) {
    t.slowestMs = ms;
    t.slowestChars = size;
  }
}

/** Far above any honest parse of these sizes: a hang detector. */
export const HANG_MS = 1000;
