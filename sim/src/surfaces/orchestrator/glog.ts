import { GLOG_PID } from './identity.js';

/**
 * go-livepeer's log line format. It logs through github.com/golang/glog
 * (stderr), whose header is `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`
 * with the pid right-aligned in 7 columns, e.g. (a real orchestrator start):
 *   I1204 21:12:42.364113       1 webserver.go:68] CLI server listening on 127.0.0.1:7935
 * Lines logged through `clog` (clog/clog.go) start with the context's values
 * as `key=value ` pairs: the standard keys first in the order manifestID,
 * sessionID, nonce, seqNo, orchSessionID, ethaddress, orchestrator, then the
 * other keys in the order they were added (e.g. clientIP).
 */

export type Severity = 'I' | 'W' | 'E';

/** Where glog says a line was logged from. */
export interface Source {
  readonly file: string;
  readonly line: number;
}

export interface LogLine {
  readonly atMs: number;
  readonly text: string;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** glog's header for a line logged at `atMs` (UTC: containers run in UTC). */
export function glogHeader(severity: Severity, atMs: number, src: Source): string {
  const us = Math.round(atMs * 1000);
  const seconds = Math.floor(us / 1e6);
  const micros = us - seconds * 1e6;
  const d = new Date(seconds * 1000);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const pid = String(GLOG_PID).padStart(7, ' ');
  return `${severity}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${time}.${String(micros).padStart(6, '0')} ${pid} ${src.file}:${src.line}] `;
}

export function glogLine(severity: Severity, atMs: number, src: Source, message: string): LogLine {
  return { atMs, text: glogHeader(severity, atMs, src) + message };
}

const STD_KEYS = [
  'manifestID',
  'sessionID',
  'nonce',
  'seqNo',
  'orchSessionID',
  'ethaddress',
  'orchestrator',
];

/** clog's context prefix: `key=value ` for each value, standard keys first. */
export function clogPrefix(values: readonly (readonly [string, string])[]): string {
  const std = STD_KEYS.flatMap((k) => values.filter(([key]) => key === k));
  const rest = values.filter(([key]) => !STD_KEYS.includes(key));
  return [...std, ...rest].map(([k, v]) => `${k}=${v} `).join('');
}

/** Go's `%q` of a string (strconv.Quote) for the ASCII and printable text errors carry. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
