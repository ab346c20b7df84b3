/** Formatting the way go-livepeer's Go code prints values in its logs. */

function fraction(whole: number, frac: number, digits: number): string {
  const text = frac.toString().padStart(digits, '0').replace(/0+$/, '');
  return text === '' ? `${whole}` : `${whole}.${text}`;
}

/** Go's `time.Duration.String()` of a duration in milliseconds: `850ms`, `1.234567s`, `1m2.5s`. */
export function goDuration(ms: number): string {
  const ns = Math.max(0, Math.round(ms * 1e6));
  if (ns === 0) return '0s';
  if (ns < 1_000) return `${ns}ns`;
  if (ns < 1_000_000) return `${fraction(Math.floor(ns / 1_000), ns % 1_000, 3)}µs`;
  if (ns < 1_000_000_000) {
    return `${fraction(Math.floor(ns / 1_000_000), ns % 1_000_000, 6)}ms`;
  }
  const totalSeconds = Math.floor(ns / 1e9);
  const seconds = fraction(totalSeconds % 60, ns % 1e9, 9);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes === 0) return `${seconds}s`;
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes}m${seconds}s`;
  return `${hours}h${minutes % 60}m${seconds}s`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A glog line header: `I0412 19:33:09.215692    5384 ai_process.go:412] `
 * (severity, month-day, UTC time with µs, thread id padded to 7, file:line).
 */
export function glogPrefix(severity: 'I' | 'W' | 'E', atMs: number, file: string): string {
  const d = new Date(atMs);
  const micros = pad(d.getUTCMilliseconds(), 3) + '000';
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros}`;
  return `${severity}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${time} ${String(4242).padStart(7)} ${file}] `;
}

/** clog prepends its context values as `key=value` pairs, in insertion order. */
export function clogValues(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v} `)
    .join('');
}
