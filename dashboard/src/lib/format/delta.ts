import { formatValue } from './units.js';

/** Which way is better for a figure: up (success rate, FPS) or down (latency, failures). */
export type Better = 'up' | 'down' | 'neutral';

export interface Delta {
  /** "+0.4 pp", "−12 %", "+3" — empty when either side is missing. */
  readonly text: string;
  readonly direction: 'up' | 'down' | 'flat';
  /** Whether the change is an improvement, a regression, or neither. */
  readonly tone: 'better' | 'worse' | 'flat';
}

const MINUS = '\u2212';
const FLAT: Delta = { text: '', direction: 'flat', tone: 'flat' };

function signed(x: number, body: string): string {
  return `${x > 0 ? '+' : x < 0 ? MINUS : '±'}${body}`;
}

/**
 * The change of a figure versus the previous window. Ratios change in
 * percentage points; counts by their difference; everything else by its
 * relative change.
 */
export function delta(
  current: number | null | undefined,
  previous: number | null | undefined,
  unit: string,
  better: Better,
): Delta {
  if (current === null || current === undefined || previous === null || previous === undefined) {
    return FLAT;
  }
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return FLAT;
  const diff = current - previous;
  let text: string;
  let flat: boolean;
  if (unit === '1') {
    const pp = diff * 100;
    flat = Math.abs(pp) < 0.05;
    text = signed(flat ? 0 : pp, `${Math.abs(pp).toFixed(1)}\u202fpp`);
  } else if (unit === '{score}' || (unit.startsWith('{') && previous === 0)) {
    flat = Math.abs(diff) < 0.5;
    text = signed(flat ? 0 : diff, formatValue(Math.abs(diff), unit));
  } else if (previous === 0) {
    flat = diff === 0;
    text = flat ? '±0' : signed(diff, formatValue(Math.abs(diff), unit));
  } else {
    const rel = (diff / Math.abs(previous)) * 100;
    flat = Math.abs(rel) < 0.5;
    text = signed(
      flat ? 0 : rel,
      `${Math.abs(rel) < 10 ? Math.abs(rel).toFixed(1) : Math.abs(rel).toFixed(0)}\u202f%`,
    );
  }
  if (flat) return { text, direction: 'flat', tone: 'flat' };
  const direction = diff > 0 ? 'up' : 'down';
  const tone = better === 'neutral' ? 'flat' : better === direction ? 'better' : 'worse';
  return { text, direction, tone };
}
