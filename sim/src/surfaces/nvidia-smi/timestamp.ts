const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * nvidia-smi's `timestamp` field: `YYYY/MM/DD HH:MM:SS.mmm` in the host's
 * local time zone, as the real tool prints it (e.g. `2026/07/14 08:12:53.353`).
 */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date} ${time}.${pad(d.getMilliseconds(), 3)}`;
}
