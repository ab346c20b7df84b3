/**
 * Explicit bucket boundaries of the contract's histograms, shared by every
 * producer (agent, test-load gateway, the simulator's history) so that the
 * same metric is bucketed the same way wherever it comes from.
 */

/**
 * Exponential boundaries from `first` to `last` with `ratio` between
 * neighbours, rounded to 4 significant digits (the last one is `last`).
 */
export function exponentialBoundaries(first: number, last: number, ratio: number): number[] {
  if (!(first > 0) || !(last > first) || !(ratio > 1)) {
    throw new RangeError('boundaries need 0 < first < last and ratio > 1');
  }
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const b = Number((first * ratio ** i).toPrecision(4));
    out.push(Math.min(b, last));
    if (b >= last) return out;
  }
}

/**
 * `livepeer.ai.job.duration` (s) for AI jobs: 50 ms to 10 min, 10 % between
 * neighbours (100 boundaries). Any value is within a bucket whose bounds
 * differ by ≤ 10 %, so a quantile estimated inside its bucket is within 5 %
 * of the true one; below 50 ms and above 10 min only count and sum are precise.
 */
export const JOB_DURATION_BOUNDARIES_S: readonly number[] = Object.freeze(
  exponentialBoundaries(0.05, 600, 1.1),
);

/** `livepeer.ai.live.fps` ({frame}/s): dense around the usual 12–30 fps outputs. */
export const LIVE_FPS_BOUNDARIES: readonly number[] = Object.freeze([
  1, 5, 10, 12, 15, 18, 20, 22, 24, 26, 28, 30, 35, 40, 50, 60, 90, 120,
]);
