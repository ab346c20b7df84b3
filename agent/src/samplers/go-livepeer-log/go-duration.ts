/**
 * Parses what Go's `time.Duration.String()` prints (go-livepeer logs
 * `took=%v` and `dur=%v` with a `time.Duration`): `1.234567s`, `850ms`,
 * `1m2.5s`, `1h2m3.004s`, `2.001µs`, `999ns`, `0s`. Follows the grammar of
 * Go's `time.ParseDuration` (`[0-9]*(\.[0-9]*)?unit` repeated; units `ns`,
 * `us`, `µs` (U+00B5), `μs` (U+03BC), `ms`, `s`, `m`, `h`; a bare `0`),
 * computed exactly in integer nanoseconds. Unlike Go it returns null instead
 * of an error, and also for negative durations (a job cannot take less than
 * nothing) and for anything above Go's maximum (2^63 − 1 ns). Exponents
 * (`1.5e-06s`) are rejected as Go rejects them: Duration.String() never
 * prints one.
 */

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

/** Go's largest Duration. */
const MAX_NS = (1n << 63n) - 1n;

/** Longest text examined: Go's longest Duration.String() is 24 characters. */
const MAX_TEXT = 64;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

function digitsFrom(s: string, start: number): number {
  let i = start;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** A Go duration in nanoseconds, or null when the text is not a non-negative Go duration. */
export function parseGoDurationNs(text: string): bigint | null {
  let s = text.trim();
  if (s.length === 0 || s.length > MAX_TEXT) return null;
  if (s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0n;
  if (s === '' || s.startsWith('-')) return null;
  let total = 0n;
  let i = 0;
  while (i < s.length) {
    const intEnd = digitsFrom(s, i);
    const intDigits = s.slice(i, intEnd);
    i = intEnd;
    let fracDigits = '';
    if (s[i] === '.') {
      const fracEnd = digitsFrom(s, i + 1);
      fracDigits = s.slice(i + 1, fracEnd);
      i = fracEnd;
    }
    if (intDigits === '' && fracDigits === '') return null;
    const unitStart = i;
    while (i < s.length && s[i] !== '.' && !isDigit(s.charCodeAt(i))) i++;
    const unit = UNITS.get(s.slice(unitStart, i));
    if (unit === undefined) return null;
    total += BigInt(intDigits === '' ? '0' : intDigits) * unit;
    if (fracDigits !== '') {
      total += (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    }
    if (total > MAX_NS) return null;
  }
  return total;
}

/** A Go duration in seconds, or null (see `parseGoDurationNs`). */
export function parseGoDuration(text: string): number | null {
  const ns = parseGoDurationNs(text);
  return ns === null ? null : Number(ns) / 1e9;
}
