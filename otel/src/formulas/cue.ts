import { clamp, nonNegative, ratio } from './guards.js';

export type CueSource = 'dcgm' | 'proxy';

export interface Cue {
  readonly value: number;
  readonly source: CueSource;
}

export interface CueProxyInput {
  /** nvidia-smi utilization.gpu as a ratio 0–1. */
  readonly utilization: number;
  /** Current SM clock, MHz. */
  readonly smClockMhz: number;
  /** Maximum SM clock, MHz. */
  readonly smClockMaxMhz: number;
}

/**
 * CUE proxy = utilization.gpu × clocks.sm / clocks.max.sm (metrics.md §2),
 * always labelled `proxy`: it is an estimate, never presented as measured.
 * Null when the maximum clock is unknown (0). Capped at 1.
 */
export function cueProxy(input: CueProxyInput): Cue | null {
  const u = ratio('utilization', input.utilization);
  const sm = nonNegative('smClockMhz', input.smClockMhz);
  const max = nonNegative('smClockMaxMhz', input.smClockMaxMhz);
  if (max === 0) return null;
  return { value: clamp((u * sm) / max, 0, 1), source: 'proxy' };
}

/**
 * Pipe activity ratios from DCGM profiling (`dcgmi dmon`, fields
 * DCGM_FI_PROF_PIPE_*_ACTIVE): the share of cycles each pipe ran at its peak
 * rate, i.e. achieved / peak throughput for that pipe.
 */
export interface DcgmPipeActivity {
  readonly tensor?: number;
  readonly fp16?: number;
  readonly fp32?: number;
  readonly fp64?: number;
}

/**
 * Measured CUE = achieved / peak FLOPS of the workload's dominant pipe: the
 * largest DCGM pipe activity. Null when DCGM reported no pipe at all.
 */
export function cueMeasured(activity: DcgmPipeActivity): Cue | null {
  const values = Object.entries(activity)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .map(([pipe, v]) => ratio(`${pipe} pipe activity`, v));
  if (values.length === 0) return null;
  return { value: Math.max(...values), source: 'dcgm' };
}
