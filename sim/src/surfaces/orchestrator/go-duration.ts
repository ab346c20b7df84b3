/**
 * Go's `time.Duration.String()`, exactly: go-livepeer prints `took=%v` with
 * a `time.Duration`, so the job log must carry Go's formatting (`1.234567s`,
 * `850ms`, `1m2.5s`, `2.001µs`, `0s`). Port of `Duration.format` in Go's
 * `src/time/time.go`: below one second the largest unit among ns/µs/ms is
 * used with a fraction; from one second on, `h`/`m`/`s` with the seconds'
 * fraction; trailing zeros of a fraction are dropped, and so is a bare `.`.
 */

const NS_PER_US = 1_000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

/** `v / 10**prec` as `int.frac`, the fraction without trailing zeros (Go's fmtFrac + fmtInt). */
function withFraction(v: bigint, prec: number): string {
  const scale = 10n ** BigInt(prec);
  const int = v / scale;
  const frac = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return frac === '' ? int.toString() : `${int.toString()}.${frac}`;
}

function belowSecond(u: bigint): string {
  if (u === 0n) return '0s';
  if (u < NS_PER_US) return `${u.toString()}ns`;
  if (u < NS_PER_MS) return `${withFraction(u, 3)}µs`;
  return `${withFraction(u, 6)}ms`;
}

function fromSecond(u: bigint): string {
  const seconds = `${withFraction(u % (60n * NS_PER_S), 9)}s`;
  const minutes = u / (60n * NS_PER_S);
  if (minutes === 0n) return seconds;
  const hours = minutes / 60n;
  const m = `${(minutes % 60n).toString()}m${seconds}`;
  return hours === 0n ? m : `${hours.toString()}h${m}`;
}

/** Go's `time.Duration(ns).String()`. */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  const text = u < NS_PER_S ? belowSecond(u) : fromSecond(u);
  return neg ? `-${text}` : text;
}

/** Go's formatting of a duration given in (fractional) milliseconds, rounded to the nanosecond. */
export function goDurationFromMs(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`duration must be finite, got ${ms}`);
  return formatGoDuration(BigInt(Math.round(ms * 1e6)));
}
