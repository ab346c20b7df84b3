import { describe, expect, it } from 'vitest';
import { distribution, quantileSorted } from './stats.js';

describe('quantiles', () => {
  it('interpolate between closest ranks', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10], 0.95)).toBe(10);
    expect(quantileSorted([0, 10], 0.95)).toBeCloseTo(9.5, 12);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });

  it('summarise values', () => {
    expect(distribution([3, 1, 2])).toEqual({
      count: 3,
      mean: 2,
      p50: 2,
      p95: 2.9,
      p99: expect.any(Number) as number,
    });
    expect(distribution([])).toBeNull();
  });
});
