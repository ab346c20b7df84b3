import { hourRange, type HourRange } from '../read/filters.js';

/** A time range [fromMs, toMs) as the API passes it; widened to whole hours. */
export interface TimeWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

export function hoursOfWindow(w: TimeWindow): HourRange {
  return hourRange(new Date(w.fromMs), new Date(w.toMs));
}

/** A figure and where it comes from (every API figure names its source). */
export interface SourcedValue {
  readonly value: number | null;
  readonly source: 'agent' | 'testload' | null;
}

export const sourced = (value: number | null, source: 'agent' | 'testload'): SourcedValue =>
  value === null || !Number.isFinite(value) ? { value: null, source: null } : { value, source };

export function asSource(s: string): 'agent' | 'testload' {
  return s === 'testload' ? 'testload' : 'agent';
}

/** Compares tuples of strings and numbers (cursor order). */
export function compareKeys(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}
