import { MAX_SERIES_POINTS } from '@naap/otel/api';
import type { Range } from './time.js';

/**
 * Server-side downsampling of a series: the step is at least what was asked,
 * at least span / MAX_SERIES_POINTS (rounded up to a round step), and a
 * whole number of the resolution's unit. Raw points are read only for
 * ranges within the last hour; minute rollups while they are retained;
 * hourly rollups otherwise.
 */
export type Resolution = 'raw' | 'minute' | 'hour';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const ROUND_STEPS = [
  1 * S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  1 * M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  1 * H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  24 * H,
  48 * H,
  168 * H,
];
export const RAW_WINDOW_MS = H;
/** Longest span read from minute rollups (longer spans read far fewer hourly rows). */
export const MINUTE_SPAN_MS = 7 * 24 * H;

export function roundStepAtLeast(ms: number): number {
  return ROUND_STEPS.find((s) => s >= ms) ?? Math.ceil(ms / (168 * H)) * 168 * H;
}

export interface Plan {
  readonly stepMs: number;
  readonly resolution: Resolution;
  /** Range with `from` aligned to the step. */
  readonly range: Range;
}

export function planSeries(
  range: Range,
  requestedStepMs: number | undefined,
  nowMs: number,
  minuteRetentionMs: number,
): Plan {
  const span = range.toMs - range.fromMs;
  let step = Math.max(requestedStepMs ?? 0, roundStepAtLeast(span / MAX_SERIES_POINTS));
  let resolution: Resolution;
  if (step < M && range.fromMs >= nowMs - RAW_WINDOW_MS) resolution = 'raw';
  else if (step < H && span <= MINUTE_SPAN_MS && range.fromMs >= nowMs - minuteRetentionMs)
    resolution = 'minute';
  else resolution = 'hour';
  const unit = resolution === 'raw' ? S : resolution === 'minute' ? M : H;
  step = Math.ceil(step / unit) * unit;
  return {
    stepMs: step,
    resolution,
    range: { fromMs: Math.floor(range.fromMs / step) * step, toMs: range.toMs },
  };
}
