import { MAX_RANGE_MS, WINDOWS, type WindowName } from '@naap/otel/api';
import { ApiError, invalidParameter } from '../problem.js';

/** A time range [fromMs, toMs), Unix ms. */
export interface Range {
  readonly fromMs: number;
  readonly toMs: number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** Latest instant accepted (year 2200): protects every later conversion. */
const MAX_TIME_MS = 7_258_118_400_000;

/** ISO 8601 date-time (with a zone when a time is given) or Unix ms, to Unix ms. */
export function parseTime(parameter: string, value: string): number {
  const text = value.trim();
  let ms: number;
  if (/^\d{1,16}$/.test(text)) ms = Number(text);
  else {
    const m = ISO.exec(text);
    if (m === null)
      throw invalidParameter(parameter, 'must be an ISO 8601 date-time or Unix milliseconds');
    if (m[4] !== undefined && m[8] === undefined)
      throw invalidParameter(parameter, 'needs a time zone (Z or ±hh:mm)');
    ms = Date.parse(text.replace(' ', 'T'));
    if (!Number.isFinite(ms)) throw invalidParameter(parameter, 'is not a valid date');
  }
  if (ms > MAX_TIME_MS) throw invalidParameter(parameter, 'is too far in the future');
  return ms;
}

export interface RangeQuery {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly window?: WindowName | undefined;
}

/**
 * The range a query asks for: `window` ending now, or `from`/`to` (`to`
 * defaults to now, `from` to `to` minus the default window). At most
 * MAX_RANGE_MS long; `from` before `to`.
 */
export function resolveRange(q: RangeQuery, nowMs: number, fallback: WindowName = '1h'): Range {
  if (q.window !== undefined && q.from !== undefined)
    throw invalidParameter('window', 'give either window or from/to, not both');
  const toMs = q.to === undefined ? nowMs : parseTime('to', q.to);
  const fromMs =
    q.from === undefined ? toMs - WINDOWS[q.window ?? fallback] : parseTime('from', q.from);
  if (fromMs >= toMs) throw invalidParameter('from', 'must be before to');
  if (toMs - fromMs > MAX_RANGE_MS)
    throw new ApiError(
      'range_too_large',
      `from: the range may span at most ${MAX_RANGE_MS / 86_400_000} days`,
      'from',
    );
  return { fromMs, toMs };
}

/** The window before `r`, of the same length. */
export function previousRange(r: Range): Range {
  return { fromMs: 2 * r.fromMs - r.toMs, toMs: r.fromMs };
}

const UNIT_S: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `10s`, `5m`, `1h`, `1d` or plain seconds, to ms. */
export function parseStep(value: string): number {
  const m = /^(\d{1,7})([smhd]?)$/.exec(value.trim());
  const n = Number(m?.[1]);
  if (m === null || !(n > 0)) throw invalidParameter('step', 'must be like 10s, 5m, 1h or 1d');
  return n * (UNIT_S[m[2] || 's'] ?? 1) * 1000;
}
