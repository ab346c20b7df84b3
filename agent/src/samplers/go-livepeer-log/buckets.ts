/**
 * Explicit bucket boundaries of `livepeer.ai.job.duration` (seconds) for AI
 * jobs: exponential from 50 ms to 10 min with a 10 % ratio between
 * neighbours (100 boundaries), rounded to 4 significant digits. Any value is
 * within a bucket whose bounds differ by ≤ 10 %, so a quantile estimated
 * inside its bucket (at the geometric middle, or by interpolation on a smooth
 * distribution) is within 5 % of the true one; below 50 ms and above 10 min
 * only the count and sum are precise.
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

export const JOB_DURATION_BOUNDARIES_S: readonly number[] = Object.freeze(
  exponentialBoundaries(0.05, 600, 1.1),
);
