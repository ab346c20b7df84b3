/** Parses durations like `90s`, `15m`, `24h`, `7d` into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (m === null) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as 'ms' | 's' | 'm' | 'h' | 'd'
  ];
  const value = Number(m[1]) * unit;
  return Number.isFinite(value) ? value : null;
}

/**
 * Parses a point in time: an ISO 8601 timestamp, `now`, or an offset from
 * now such as `-7d` or `+2h`. Null when malformed.
 */
export function parseTime(text: string, nowMs: number): number | null {
  const t = text.trim();
  if (t === 'now') return nowMs;
  if (t.startsWith('-') || t.startsWith('+')) {
    const d = parseDuration(t.slice(1));
    return d === null ? null : t.startsWith('-') ? nowMs - d : nowMs + d;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}
