import { describe, expect, it } from 'vitest';
import {
  COHORT_MIN_HOURLY_ROWS,
  fpsRawSubscore,
  fpsSubscore,
  latencyRawSubscore,
  latencySubscore,
  shrink,
} from './subscores.js';

const latencyCohort = { p50Ms: 1000, p90Ms: 2000, hourlyRows: 100 };
const fpsCohort = { p10: 10, p50: 25, hourlyRows: 100 };

describe('latencyRawSubscore', () => {
  it('is 1 at or below p50, 0 at or above p90, linear between', () => {
    expect(latencyRawSubscore(900, latencyCohort)).toBe(1);
    expect(latencyRawSubscore(1000, latencyCohort)).toBe(1);
    expect(latencyRawSubscore(1200, latencyCohort)).toBeCloseTo(0.8, 12);
    expect(latencyRawSubscore(1500, latencyCohort)).toBeCloseTo(0.5, 12);
    expect(latencyRawSubscore(2000, latencyCohort)).toBe(0);
    expect(latencyRawSubscore(5000, latencyCohort)).toBe(0);
  });

  it('steps at p50 when p90 equals p50', () => {
    expect(latencyRawSubscore(1000, { p50Ms: 1000, p90Ms: 1000 })).toBe(1);
    expect(latencyRawSubscore(1001, { p50Ms: 1000, p90Ms: 1000 })).toBe(0);
  });

  it('rejects an inverted cohort and bad values', () => {
    expect(() => latencyRawSubscore(1, { p50Ms: 2000, p90Ms: 1000 })).toThrow(/below p50/);
    expect(() => latencyRawSubscore(Number.NaN, latencyCohort)).toThrow(/latency/);
    expect(() => latencyRawSubscore(-5, latencyCohort)).toThrow(RangeError);
  });
});

describe('fpsRawSubscore', () => {
  it('is 1 at or above p50, 0 at or below p10, linear between', () => {
    expect(fpsRawSubscore(30, fpsCohort)).toBe(1);
    expect(fpsRawSubscore(25, fpsCohort)).toBe(1);
    expect(fpsRawSubscore(22, fpsCohort)).toBeCloseTo(12 / 15, 12);
    expect(fpsRawSubscore(10, fpsCohort)).toBe(0);
    expect(fpsRawSubscore(5, fpsCohort)).toBe(0);
    expect(() => fpsRawSubscore(5, { p10: 20, p50: 10 })).toThrow(/below p10/);
  });
});

describe('shrink', () => {
  it('pulls few-sample subscores toward 0.5', () => {
    expect(shrink(1, 5, 10)).toBeCloseTo(0.75, 12); // 0.5 + 0.5 · 0.5
    expect(shrink(0, 3, 30)).toBeCloseTo(0.45, 12); // 0.5 + 0.1 · (−0.5)
    expect(shrink(0.8, 0, 10)).toBe(0.5);
    expect(shrink(0.8, 1, 10)).toBeCloseTo(0.53, 12);
  });

  it('leaves subscores with enough samples alone', () => {
    expect(shrink(0.8, 10, 10)).toBeCloseTo(0.8, 12);
    expect(shrink(0.2, 1000, 30)).toBeCloseTo(0.2, 12);
  });

  it('rejects NaN subscores and fractional sample counts', () => {
    expect(() => shrink(Number.NaN, 3, 10)).toThrow(/raw subscore/);
    expect(() => shrink(0.5, 2.5, 10)).toThrow(/samples/);
    expect(() => shrink(0.5, 2, 0)).toThrow(/fullWeightSamples/);
  });
});

describe('latencySubscore', () => {
  it('shrinks the raw subscore by the sample count (full weight at 10)', () => {
    // raw 0.8 with 5 samples: 0.5 + 0.5 · 0.3 = 0.65
    expect(latencySubscore(1200, 5, latencyCohort)).toBeCloseTo(0.65, 12);
    expect(latencySubscore(1200, 20, latencyCohort)).toBeCloseTo(0.8, 12);
  });

  it('is 0.5 with too little cohort data', () => {
    const small = { ...latencyCohort, hourlyRows: COHORT_MIN_HOURLY_ROWS - 1 };
    expect(latencySubscore(100, 50, small)).toBe(0.5);
    expect(latencySubscore(100, 50, { ...small, hourlyRows: COHORT_MIN_HOURLY_ROWS })).toBe(1);
    expect(latencySubscore(100, 50, null)).toBe(0.5);
  });

  it('is 0.5 without samples', () => {
    expect(latencySubscore(null, 0, latencyCohort)).toBe(0.5);
    expect(latencySubscore(5000, 0, latencyCohort)).toBe(0.5);
  });
});

describe('fpsSubscore', () => {
  it('shrinks with full weight at 30 samples', () => {
    // raw 0.8 with 15 samples: 0.5 + 0.5 · 0.3 = 0.65
    expect(fpsSubscore(22, 15, fpsCohort)).toBeCloseTo(0.65, 12);
    expect(fpsSubscore(22, 30, fpsCohort)).toBeCloseTo(0.8, 12);
  });

  it('is 0.5 with a small cohort or no samples', () => {
    expect(fpsSubscore(22, 30, { ...fpsCohort, hourlyRows: 47 })).toBe(0.5);
    expect(fpsSubscore(null, 0, fpsCohort)).toBe(0.5);
  });
});
