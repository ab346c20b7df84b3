import type { GlogHeader } from './events.js';

/** Longest line examined (longer ones are cut: job lines are short). */
export const MAX_LINE_CHARS = 64 * 1024;

const ESC = 0x1b;

/** Removes ANSI CSI sequences (`ESC [ params intermediates final`), e.g. colour codes. */
function stripAnsi(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (code !== ESC) {
      const next = s.indexOf('\u001b', i);
      const end = next === -1 ? s.length : next;
      out += s.slice(i, end);
      i = end;
      continue;
    }
    i++;
    if (s[i] !== '[') continue;
    i++;
    while (i < s.length && s.charCodeAt(i) >= 0x20 && s.charCodeAt(i) <= 0x3f) i++;
    if (i < s.length && s.charCodeAt(i) >= 0x40 && s.charCodeAt(i) <= 0x7e) i++;
  }
  return out;
}

/** Bounded, colour-free, without the trailing CR of CRLF. */
export function cleanLine(raw: string): string {
  let s = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw;
  if (s.includes('\u001b')) s = stripAnsi(s);
  while (s.endsWith('\r') || s.endsWith('\n')) s = s.slice(0, -1);
  return s;
}

const HEADER = /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) +\d+ ([^\s\]]+):(\d+)\] /;

/** glog's `Lmmdd hh:mm:ss.uuuuuu threadid file:line] ` and the message offset. */
export function parseGlogHeader(s: string): { header: GlogHeader; length: number } | null {
  const m = HEADER.exec(s);
  if (m === null) return null;
  const [all, sev, mo, d, h, mi, se, us, file, line] = m;
  const month = Number(mo);
  const day = Number(d);
  const secondOfDay = Number(h) * 3600 + Number(mi) * 60 + Number(se) + Number(us) / 1e6;
  if (month < 1 || month > 12 || day < 1 || day > 31 || secondOfDay >= 86_401) return null;
  const severity = sev === 'I' || sev === 'W' || sev === 'E' ? sev : 'F';
  return {
    header: {
      severity,
      month,
      day,
      secondOfDay,
      timeKey: (month * 32 + day) * 86_400 + secondOfDay,
      file: file ?? '',
      line: Number(line),
    },
    length: all.length,
  };
}

const KEY = /^[A-Za-z_][\w.-]{0,63}$/;
const MAX_CONTEXT_CHARS = 4096;
const MAX_CONTEXT_KEYS = 16;
const MAX_VALUE_CHARS = 256;

/** clog's `key=value ` context pairs before the message. */
export function parseContext(prefix: string): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  if (prefix.length > MAX_CONTEXT_CHARS) return values;
  for (const token of prefix.split(' ')) {
    const eq = token.indexOf('=');
    if (eq <= 0) continue;
    const key = token.slice(0, eq);
    const value = token.slice(eq + 1);
    if (!KEY.test(key) || value.length > MAX_VALUE_CHARS) continue;
    values.set(key, value);
    if (values.size >= MAX_CONTEXT_KEYS) break;
  }
  return values;
}

/** Where ` key=` (or `key=` at the start) is in `s`, from `from`; -1 when absent. */
export function keyIndex(s: string, key: string, from = 0): number {
  if (from === 0 && s.startsWith(`${key}=`)) return 0;
  const i = s.indexOf(` ${key}=`, from);
  return i === -1 ? -1 : i + 1;
}

/** The space-free value of `key=` in `s`, or null. */
export function tokenValue(s: string, key: string, from = 0): string | null {
  const i = keyIndex(s, key, from);
  if (i === -1) return null;
  const start = i + key.length + 1;
  const end = s.indexOf(' ', start);
  return s.slice(start, end === -1 ? s.length : end);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function hexEscape(s: string, i: number, digits: number): [string, number] | null {
  const hex = s.slice(i, i + digits);
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return null;
  const code = parseInt(hex, 16);
  return code > 0x10ffff ? null : [String.fromCodePoint(code), i + digits];
}

/**
 * The value of `err=` up to the end: Go's `%q` (strconv.Quote) unquoted, or
 * the raw rest when it is not quoted. A truncated quote yields what is there.
 */
export function errValue(s: string, from: number): string {
  if (s[from] !== '"') return s.slice(from);
  let out = '';
  let i = from + 1;
  while (i < s.length) {
    const ch = s[i] ?? '';
    if (ch === '"') return out;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const e = s[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    let decoded: [string, number] | null = null;
    if (simple !== undefined) decoded = [simple, i + 2];
    else if (e === 'x') decoded = hexEscape(s, i + 2, 2);
    else if (e === 'u') decoded = hexEscape(s, i + 2, 4);
    else if (e === 'U') decoded = hexEscape(s, i + 2, 8);
    if (decoded === null) {
      out += ch;
      i++;
    } else {
      out += decoded[0];
      i = decoded[1];
    }
  }
  return out;
}
