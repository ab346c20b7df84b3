import { describe, expect, it } from 'vitest';
import {
  addMoments,
  EMPTY_MOMENTS,
  fpsMean,
  fpsStddev,
  jitterCoefficient,
  jitterFromMoments,
  momentsOf,
  weightedJitter,
} from './jitter.js';

describe('jitterCoefficient', () => {
  it('is the population σ over μ', () => {
    // μ = 12; deviations −2, 0, 2; population variance = 8/3; σ = 1.6329931…
    expect(jitterCoefficient([10, 12, 14])).toBeCloseTo(Math.sqrt(8 / 3) / 12, 12);
    expect(jitterCoefficient([10, 12, 14])).toBeCloseTo(0.1360828, 6);
    // μ = 25; samples 20 and 30: σ = 5 → 0.2
    expect(jitterCoefficient([20, 30])).toBeCloseTo(0.2, 12);
  });

  it('is 0 for constant FPS and for a single sample', () => {
    expect(jitterCoefficient([30, 30, 30])).toBe(0);
    expect(jitterCoefficient([24.5])).toBe(0);
  });

  it('is null without samples or when the mean is 0', () => {
    expect(jitterCoefficient([])).toBeNull();
    expect(jitterCoefficient([0, 0])).toBeNull();
  });

  it('rejects NaN and negative samples, naming the sample', () => {
    expect(() => jitterCoefficient([10, Number.NaN])).toThrow(/fps sample #1/);
    expect(() => jitterCoefficient([-1])).toThrow(/fps sample #0/);
  });
});

describe('FPS moments', () => {
  it('add up exactly, so any coarser window is exact', () => {
    const merged = addMoments(momentsOf([10, 12]), momentsOf([14]));
    expect(merged).toEqual({ count: 3, sum: 36, sumSquares: 100 + 144 + 196 });
    expect(jitterFromMoments(merged)).toBeCloseTo(jitterCoefficient([10, 12, 14]) ?? NaN, 12);
    expect(addMoments(EMPTY_MOMENTS, merged)).toEqual(merged);
  });

  it('give mean and population σ', () => {
    // 300 samples with mean 20 and σ 2: Σx = 6000, Σx² = 300 · (20² + 2²) = 121200.
    const m = { count: 300, sum: 6000, sumSquares: 121_200 };
    expect(fpsMean(m)).toBe(20);
    expect(fpsStddev(m)).toBeCloseTo(2, 12);
    expect(jitterFromMoments(m)).toBeCloseTo(0.1, 12);
  });

  it('never yields a NaN σ when rounding makes the variance slightly negative', () => {
    const m = momentsOf(Array.from({ length: 1000 }, () => 29.97));
    expect(fpsStddev(m)).toBeGreaterThanOrEqual(0);
    expect(jitterFromMoments(m)).toBeLessThan(1e-6);
  });

  it('are null-safe and reject impossible moments', () => {
    expect(fpsMean(EMPTY_MOMENTS)).toBeNull();
    expect(fpsStddev(EMPTY_MOMENTS)).toBeNull();
    expect(() => fpsMean({ count: 1.5, sum: 1, sumSquares: 1 })).toThrow(/fps\.count/);
    expect(() => fpsMean({ count: 1, sum: -1, sumSquares: 1 })).toThrow(/fps\.sum/);
  });
});

describe('weightedJitter', () => {
  it('is the sample-weighted mean over streams', () => {
    // (0.1·30 + 0.2·10) / 40 = 5 / 40
    expect(
      weightedJitter([
        { jitter: 0.1, samples: 30 },
        { jitter: 0.2, samples: 10 },
      ]),
    ).toBeCloseTo(0.125, 12);
  });

  it('is null without samples and rejects bad inputs', () => {
    expect(weightedJitter([])).toBeNull();
    expect(weightedJitter([{ jitter: 0.3, samples: 0 }])).toBeNull();
    expect(() => weightedJitter([{ jitter: Number.NaN, samples: 3 }])).toThrow(/streams\[0\]/);
  });
});
