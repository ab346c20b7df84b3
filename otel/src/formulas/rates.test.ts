import { describe, expect, it } from 'vitest';
import {
  excusedRate,
  failureRate,
  startupSuccessRate,
  successRate,
  swapRate,
  totalJobs,
} from './rates.js';

describe('failureRate', () => {
  it('leaves excused failures out of numerator and denominator', () => {
    // 2 failed of 97 + 2 = 99 jobs that count; the excused one is ignored.
    expect(failureRate({ success: 97, failure: 2, excused: 1 })).toBeCloseTo(2 / 99, 12);
    expect(failureRate({ success: 97, failure: 2, excused: 1 })).toBeCloseTo(0.0202020202, 9);
  });

  it('is 1 when every job failed and 0 when none did', () => {
    expect(failureRate({ success: 0, failure: 5, excused: 0 })).toBe(1);
    expect(failureRate({ success: 5, failure: 0, excused: 0 })).toBe(0);
  });

  it('is null without any job that counts', () => {
    expect(failureRate({ success: 0, failure: 0, excused: 0 })).toBeNull();
    expect(failureRate({ success: 0, failure: 0, excused: 3 })).toBeNull();
  });

  it('handles a single job', () => {
    expect(failureRate({ success: 1, failure: 0, excused: 0 })).toBe(0);
    expect(failureRate({ success: 0, failure: 1, excused: 0 })).toBe(1);
  });

  it('rejects NaN, negative and fractional counts, naming the input', () => {
    expect(() => failureRate({ success: Number.NaN, failure: 0, excused: 0 })).toThrow(
      /jobs\.success/,
    );
    expect(() => failureRate({ success: 1, failure: -1, excused: 0 })).toThrow(/jobs\.failure/);
    expect(() => failureRate({ success: 1, failure: 0, excused: 0.5 })).toThrow(/jobs\.excused/);
    expect(() => failureRate({ success: Infinity, failure: 0, excused: 0 })).toThrow(RangeError);
  });
});

describe('excusedRate, successRate, totalJobs', () => {
  it('computes excused failures as a share of all jobs', () => {
    expect(excusedRate({ success: 97, failure: 2, excused: 1 })).toBeCloseTo(0.01, 12);
    expect(excusedRate({ success: 0, failure: 0, excused: 3 })).toBe(1);
    expect(excusedRate({ success: 0, failure: 0, excused: 0 })).toBeNull();
  });

  it('success rate is the complement of the failure rate', () => {
    expect(successRate({ success: 3, failure: 1, excused: 9 })).toBe(0.75);
    expect(successRate({ success: 0, failure: 0, excused: 9 })).toBeNull();
  });

  it('counts every job', () => {
    expect(totalJobs({ success: 3, failure: 1, excused: 9 })).toBe(13);
  });
});

describe('swapRate', () => {
  it('is swapped / observed', () => {
    expect(swapRate(3, 60)).toBeCloseTo(0.05, 12);
    expect(swapRate(0, 1)).toBe(0);
    expect(swapRate(1, 1)).toBe(1);
  });

  it('is null when nothing was observed (the input drops out)', () => {
    expect(swapRate(0, 0)).toBeNull();
  });

  it('rejects more swaps than observed jobs and bad numbers', () => {
    expect(() => swapRate(2, 1)).toThrow(/swapped \(2\) must not exceed observed \(1\)/);
    expect(() => swapRate(-1, 5)).toThrow(RangeError);
    expect(() => swapRate(1, Number.NaN)).toThrow(/observed/);
  });
});

describe('startupSuccessRate', () => {
  it('is successes / attempts', () => {
    expect(startupSuccessRate(9, 10)).toBeCloseTo(0.9, 12);
    expect(startupSuccessRate(0, 4)).toBe(0);
  });

  it('is null without cold starts and rejects impossible inputs', () => {
    expect(startupSuccessRate(0, 0)).toBeNull();
    expect(() => startupSuccessRate(5, 4)).toThrow(RangeError);
  });
});
