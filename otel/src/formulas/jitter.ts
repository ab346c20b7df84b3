import { count, finite, nonNegative } from './guards.js';

/**
 * Additive moments of a set of FPS samples: n, Σx and Σx². Moments of two
 * windows add, so the jitter of any coarser window is exact.
 */
export interface FpsMoments {
  readonly count: number;
  readonly sum: number;
  readonly sumSquares: number;
}

export const EMPTY_MOMENTS: FpsMoments = Object.freeze({ count: 0, sum: 0, sumSquares: 0 });

export function momentsOf(samples: readonly number[]): FpsMoments {
  let sum = 0;
  let sumSquares = 0;
  samples.forEach((x, i) => {
    nonNegative(`fps sample #${i}`, x);
    sum += x;
    sumSquares += x * x;
  });
  return { count: samples.length, sum, sumSquares };
}

export function addMoments(a: FpsMoments, b: FpsMoments): FpsMoments {
  return { count: a.count + b.count, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares };
}

function checkedMoments(m: FpsMoments): FpsMoments {
  count('fps.count', m.count);
  nonNegative('fps.sum', m.sum);
  nonNegative('fps.sumSquares', m.sumSquares);
  return m;
}

/** Mean FPS; null without samples. */
export function fpsMean(m: FpsMoments): number | null {
  const c = checkedMoments(m);
  return c.count === 0 ? null : c.sum / c.count;
}

/** Population standard deviation of the samples; null without samples. */
export function fpsStddev(m: FpsMoments): number | null {
  const mean = fpsMean(m);
  if (mean === null) return null;
  // Rounding can make the difference slightly negative for constant samples.
  const variance = Math.max(0, m.sumSquares / m.count - mean * mean);
  return Math.sqrt(variance);
}

/**
 * Jitter coefficient of one stream = σ(fps) / μ(fps), population σ
 * (metrics.md §2). Null without samples or when the mean is 0 (a stream that
 * produced nothing has no meaningful jitter: its FPS says it all). One sample
 * gives 0.
 */
export function jitterFromMoments(m: FpsMoments): number | null {
  const mean = fpsMean(m);
  if (mean === null || mean === 0) return null;
  return (fpsStddev(m) ?? 0) / mean;
}

/** `jitterFromMoments` over raw samples. */
export function jitterCoefficient(samples: readonly number[]): number | null {
  return jitterFromMoments(momentsOf(samples));
}

/** One stream's jitter and the number of samples it came from. */
export interface StreamJitter {
  readonly jitter: number;
  readonly samples: number;
}

/**
 * Jitter of an orchestrator / GPU over a window: the sample-weighted mean of
 * its streams' jitter coefficients (metrics.md §2). Null without streams.
 * Additive form: Σ(nᵢ·jᵢ) and Σnᵢ.
 */
export function weightedJitter(streams: readonly StreamJitter[]): number | null {
  let weighted = 0;
  let samples = 0;
  streams.forEach((s, i) => {
    nonNegative(`streams[${i}].jitter`, s.jitter);
    count(`streams[${i}].samples`, s.samples);
    weighted += s.jitter * s.samples;
    samples += s.samples;
  });
  return samples === 0 ? null : finite('weighted jitter', weighted / samples);
}
