/**
 * Time formatting: local time in labels (the zone is stated once on the
 * page), UTC in tooltips and titles (dashboard.md "one time axis convention").
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-27 14:05:09 UTC". */
export function utcLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** "14:05" for today's times, "27 Nov 14:05" otherwise, in the viewer's zone. */
export function localLabel(ms: number, nowMs: number, timeZone?: string): string {
  const d = new Date(ms);
  const sameDay =
    new Date(nowMs).toLocaleDateString('en-GB', { timeZone }) ===
    d.toLocaleDateString('en-GB', { timeZone });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  if (sameDay) return time;
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone });
  return `${day} ${time}`;
}

/** "12 s ago", "5 min ago", "3 h ago", "4 d ago"; "just now" under a second. */
export function ago(ms: number, nowMs: number): string {
  const s = Math.round((nowMs - ms) / 1000);
  if (s < 1) return 'just now';
  if (s < 90) return `${s}\u202fs ago`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min}\u202fmin ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h}\u202fh ago`;
  return `${Math.round(h / 24)}\u202fd ago`;
}

/** The viewer's zone name for the "times are local (…)" note; UTC on the server. */
export function zoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
