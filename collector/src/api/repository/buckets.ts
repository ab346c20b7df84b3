import type { Range } from '../params/time.js';
import { STEP_SECONDS, type Step } from '../../storage/rollups/tables.js';

export type { Step };

/** Longest range read from per-minute rollups; longer ranges read hourly ones. */
export const MINUTE_ROLLUP_MAX_MS = 6 * 3_600_000;

export function stepMsOf(step: Step): number {
  return STEP_SECONDS[step] * 1000;
}

/** The rollup granularity for a range. */
export function stepFor(range: Range): Step {
  return range.toMs - range.fromMs <= MINUTE_ROLLUP_MAX_MS ? 'minute' : 'hour';
}

/**
 * The range that buckets of `step` cover: `from` rounded down to a bucket
 * start (a bucket is read whole), `to` kept (the bucket holding it counts).
 */
export function alignRange(range: Range, step: Step): Range {
  const ms = stepMsOf(step);
  return { fromMs: Math.floor(range.fromMs / ms) * ms, toMs: range.toMs };
}

export const asDate = (ms: number): Date => new Date(ms);
