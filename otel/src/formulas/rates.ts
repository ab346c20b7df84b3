import { count, notAbove } from './guards.js';

/** Additive job counts of one window. */
export interface JobCounts {
  readonly success: number;
  readonly failure: number;
  /** Failures that are not the orchestrator's fault (see `isExcusedErrorClass`). */
  readonly excused: number;
}

function checked(jobs: JobCounts): JobCounts {
  count('jobs.success', jobs.success);
  count('jobs.failure', jobs.failure);
  count('jobs.excused', jobs.excused);
  return jobs;
}

/** All jobs of the window, excused ones included. */
export function totalJobs(jobs: JobCounts): number {
  const j = checked(jobs);
  return j.success + j.failure + j.excused;
}

/**
 * Failure rate = failed / total, where excused failures are left out of both
 * (metrics.md §2: "excluded from the O's failure rate"): failure / (success +
 * failure). Null when no job counts.
 */
export function failureRate(jobs: JobCounts): number | null {
  const j = checked(jobs);
  const denominator = j.success + j.failure;
  return denominator === 0 ? null : j.failure / denominator;
}

/** Excused failures as a share of all jobs. Null when there were none. */
export function excusedRate(jobs: JobCounts): number | null {
  const total = totalJobs(jobs);
  return total === 0 ? null : jobs.excused / total;
}

/** Success rate = success / (success + failure); the complement of `failureRate`. */
export function successRate(jobs: JobCounts): number | null {
  const f = failureRate(jobs);
  return f === null ? null : 1 - f;
}

/**
 * Swap rate = swapped / total jobs observed by whoever detects swaps (test
 * loads, or gateways that report them). Null when nothing was observed: the
 * input then drops out of the score.
 */
export function swapRate(swapped: number, observed: number): number | null {
  count('swapped', swapped);
  count('observed', observed);
  notAbove('swapped', swapped, 'observed', observed);
  return observed === 0 ? null : swapped / observed;
}

/**
 * Startup success rate = successful cold starts / cold-start attempts (batch:
 * jobs on a cold model; live: stream starts). Null when the window had none.
 */
export function startupSuccessRate(successes: number, attempts: number): number | null {
  count('startup.successes', successes);
  count('startup.attempts', attempts);
  notAbove('startup.successes', successes, 'startup.attempts', attempts);
  return attempts === 0 ? null : successes / attempts;
}
