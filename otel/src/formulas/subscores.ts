import { clamp, count, finite, nonNegative } from './guards.js';

/** Fewer hourly rows than this in the cohort: the subscore is 0.5 (metrics.md §4). */
export const COHORT_MIN_HOURLY_ROWS = 48;

/** Samples at which a subscore is no longer shrunk toward 0.5. */
export const FULL_WEIGHT_SAMPLES = { latency: 10, fps: 30 } as const;

/** The neutral value a subscore takes when there is too little to judge. */
export const NEUTRAL_SUBSCORE = 0.5;

/** Network-wide latency benchmark of a (pipeline, model) over the previous 7 days. */
export interface LatencyCohort {
  readonly p50Ms: number;
  readonly p90Ms: number;
  /** Hourly rows the benchmark was computed from. */
  readonly hourlyRows: number;
}

/** Network-wide FPS benchmark of a (pipeline, model) over the previous 7 days. */
export interface FpsCohort {
  readonly p10: number;
  readonly p50: number;
  readonly hourlyRows: number;
}

/**
 * Latency raw subscore: 1 at or below the cohort p50, 0 at or above the cohort
 * p90, linear between. When p90 = p50 the step is at p50.
 */
export function latencyRawSubscore(
  valueMs: number,
  cohort: Pick<LatencyCohort, 'p50Ms' | 'p90Ms'>,
): number {
  const v = nonNegative('latency', valueMs);
  const p50 = nonNegative('cohort.p50Ms', cohort.p50Ms);
  const p90 = nonNegative('cohort.p90Ms', cohort.p90Ms);
  if (p90 < p50) throw new RangeError(`cohort p90 (${p90}) is below p50 (${p50})`);
  if (v <= p50) return 1;
  if (v >= p90) return 0;
  return (p90 - v) / (p90 - p50);
}

/**
 * FPS raw subscore: 1 at or above the cohort p50, 0 at or below the cohort
 * p10, linear between.
 */
export function fpsRawSubscore(fps: number, cohort: Pick<FpsCohort, 'p10' | 'p50'>): number {
  const v = nonNegative('fps', fps);
  const p10 = nonNegative('cohort.p10', cohort.p10);
  const p50 = nonNegative('cohort.p50', cohort.p50);
  if (p50 < p10) throw new RangeError(`cohort p50 (${p50}) is below p10 (${p10})`);
  if (v >= p50) return 1;
  if (v <= p10) return 0;
  return (v - p10) / (p50 - p10);
}

/**
 * Small-sample shrinkage toward 0.5: `0.5 + min(n / full, 1) · (raw − 0.5)`
 * (metrics.md §4; full = 10 for latencies, 30 for FPS).
 */
export function shrink(raw: number, samples: number, fullWeightSamples: number): number {
  const r = clamp(finite('raw subscore', raw), 0, 1);
  const n = count('samples', samples);
  if (!(fullWeightSamples > 0)) throw new RangeError('fullWeightSamples must be > 0');
  return NEUTRAL_SUBSCORE + Math.min(n / fullWeightSamples, 1) * (r - NEUTRAL_SUBSCORE);
}

function cohortTooSmall(cohort: { hourlyRows: number } | null): boolean {
  return cohort === null || count('cohort.hourlyRows', cohort.hourlyRows) < COHORT_MIN_HOURLY_ROWS;
}

/**
 * Latency subscore of one input (PTFF or E2E): 0.5 when the cohort is too
 * small or there are no samples, else the raw subscore of the window's median
 * shrunk by its sample count.
 */
export function latencySubscore(
  medianMs: number | null,
  samples: number,
  cohort: LatencyCohort | null,
): number {
  count('samples', samples);
  if (cohortTooSmall(cohort) || cohort === null || medianMs === null || samples === 0) {
    return NEUTRAL_SUBSCORE;
  }
  return shrink(latencyRawSubscore(medianMs, cohort), samples, FULL_WEIGHT_SAMPLES.latency);
}

/**
 * FPS subscore: 0.5 when the cohort is too small or there are no samples, else
 * the raw subscore of the window's mean FPS shrunk by its sample count.
 */
export function fpsSubscore(
  meanFps: number | null,
  samples: number,
  cohort: FpsCohort | null,
): number {
  count('samples', samples);
  if (cohortTooSmall(cohort) || cohort === null || meanFps === null || samples === 0) {
    return NEUTRAL_SUBSCORE;
  }
  return shrink(fpsRawSubscore(meanFps, cohort), samples, FULL_WEIGHT_SAMPLES.fps);
}
