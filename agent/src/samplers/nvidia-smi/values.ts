import { parseThrottleBitmask } from '@naap/otel';
import type { FieldKind } from './fields.js';

/** Bytes in one MiB: nvidia-smi reports memory in MiB. */
export const MIB = 1_048_576;

/**
 * Values nvidia-smi prints for "no value": `[N/A]`, `[Not Supported]`,
 * `[Requested functionality has been deprecated]`, `[Unknown Error]`,
 * `[Insufficient Permissions]`, … (any bracketed text), bare `N/A`, `ERR!`
 * and the empty field. Such a field is omitted, never read as 0.
 */
export function isSentinel(text: string): boolean {
  if (text === '' || text === 'N/A' || text === 'ERR!' || text === 'Not Supported') return true;
  return text.startsWith('[') && text.endsWith(']');
}

const UNIT_SUFFIX = / (?:MiB|W|MHz|%)$/;
const DECIMAL = /^-?\d{1,15}(?:\.\d{1,9})?$/;
const INTEGER = /^\d{1,15}$/;

/** The field's text without surrounding spaces or a unit suffix (`214 MiB` → `214`). */
export function stripUnit(text: string): string {
  return text.trim().replace(UNIT_SUFFIX, '');
}

/** What a field's text means: a value, nothing (sentinel), or malformed text. */
export type ValueResult =
  { readonly ok: true; readonly value: number | string | undefined } | { readonly ok: false };

const OMIT: ValueResult = { ok: true, value: undefined };
const BAD: ValueResult = { ok: false };
const ok = (value: number | string): ValueResult => ({ ok: true, value });

function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function nonNegative(text: string, scale = 1): ValueResult {
  const n = decimal(text);
  return n === undefined || n < 0 ? BAD : ok(n * scale);
}

function percent(text: string): ValueResult {
  const n = decimal(text);
  if (n === undefined) return BAD;
  // Out-of-range percentages are a driver oddity, not a line to drop: omit the value.
  return n < 0 || n > 100 ? OMIT : ok(n / 100);
}

function mig(text: string): ValueResult {
  if (text === 'Enabled') return ok('enabled');
  if (text === 'Disabled') return ok('disabled');
  return OMIT;
}

/** Reads one field's text (units allowed) as the value its kind calls for. */
export function readValue(kind: FieldKind, raw: string): ValueResult {
  const text = stripUnit(raw);
  if (isSentinel(text)) return OMIT;
  switch (kind) {
    case 'text':
      return ok(text);
    case 'int':
      return INTEGER.test(text) ? ok(Number(text)) : BAD;
    case 'ratio':
      return percent(text);
    case 'mib':
      return nonNegative(text, MIB);
    case 'amount':
      return nonNegative(text);
    case 'signed': {
      const n = decimal(text);
      return n === undefined ? BAD : ok(n);
    }
    case 'bitmask': {
      const n = parseThrottleBitmask(text);
      return n === null ? BAD : ok(n);
    }
    case 'mig':
      return mig(text);
  }
}
