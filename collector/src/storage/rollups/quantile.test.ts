import { describe, expect, it } from 'vitest';
import { layoutEdges, quantilesFromBuckets } from './quantile.js';

const unknown = { min: null, max: null };

describe('quantilesFromBuckets (Prometheus histogram_quantile semantics)', () => {
  it('interpolates linearly inside the bucket that reaches the rank', () => {
    // bounds 1, 2, 4: counts 2 in (0,1], 2 in (1,2], 4 in (2,4], 0 above; total 8
    const layout = { bounds: [1, 2, 4], counts: [2, 2, 4, 0] };
    expect(quantilesFromBuckets([0.25, 0.5, 0.75, 1], [layout], unknown)).toEqual([1, 2, 3, 4]);
    // rank 0.8 · 8 = 6.4 → 2 + 2 · (6.4 − 4) / 4 = 3.2
    expect(quantilesFromBuckets([0.8], [layout], unknown)[0]).toBeCloseTo(3.2, 12);
    // the lowest bucket starts at 0 without a known minimum, at the minimum with one
    expect(quantilesFromBuckets([0.1], [layout], unknown)[0]).toBeCloseTo(0.4, 12);
    expect(quantilesFromBuckets([0.1], [layout], { min: 0.5, max: null })[0]).toBeCloseTo(0.7, 12);
  });

  it('uses the maximum as the upper edge of the overflow bucket, else the last bound', () => {
    const layout = { bounds: [10], counts: [1, 3] };
    // rank 2: 1 below 10, the rest in (10, 30] → 10 + 20 · (2 − 1) / 3
    expect(quantilesFromBuckets([0.5], [layout], { min: 2, max: 30 })[0]).toBeCloseTo(
      10 + 20 / 3,
      12,
    );
    // no maximum: Prometheus answers the highest finite bound for the +Inf bucket
    expect(quantilesFromBuckets([0.5, 0.99], [layout], { min: 2, max: null })).toEqual([10, 10]);
  });

  it('answers the upper bound of a first bucket that ends at or below 0', () => {
    const layout = { bounds: [-5, 0, 5], counts: [4, 0, 0, 0] };
    expect(quantilesFromBuckets([0.5], [layout], unknown)).toEqual([-5]);
  });

  it('returns the upper edge of the first bucket whose cumulative count equals the rank', () => {
    const layout = { bounds: [1, 2, 3], counts: [5, 0, 5, 0] };
    expect(quantilesFromBuckets([0.5], [layout], unknown)).toEqual([1]);
  });

  it('merges layouts: identical layouts add up, different ones merge their distributions', () => {
    const a = { bounds: [1, 2, 4], counts: [2, 2, 4, 0] };
    const single = quantilesFromBuckets([0.3, 0.5, 0.9], [a], unknown);
    expect(quantilesFromBuckets([0.3, 0.5, 0.9], [a, a], unknown)).toEqual(single);
    // (0,2]: 4 uniform + (0,4]: 4 uniform → CDF(2) = 4 + 2 = 6 of 8: the 0.75-quantile is 2
    const b = { bounds: [2], counts: [4, 0] };
    const c = { bounds: [4], counts: [4, 0] };
    expect(quantilesFromBuckets([0.75], [b, c], unknown)[0]).toBeCloseTo(2, 12);
    // median: CDF(x) = 3x below 2 → x = 4/3
    expect(quantilesFromBuckets([0.5], [b, c], unknown)[0]).toBeCloseTo(4 / 3, 12);
  });

  it('returns null without observations and rejects quantiles outside [0, 1]', () => {
    expect(quantilesFromBuckets([0.5], [], unknown)).toEqual([null]);
    expect(quantilesFromBuckets([0.5], [{ bounds: [1], counts: [0, 0] }], unknown)).toEqual([null]);
    expect(() => quantilesFromBuckets([1.5], [], unknown)).toThrow(RangeError);
    expect(() => quantilesFromBuckets([0.5], [{ bounds: [1], counts: [1] }], unknown)).toThrow(
      RangeError,
    );
  });

  it('handles histograms without bounds (one bucket from min to max)', () => {
    expect(layoutEdges([], { min: 2, max: 6 })).toEqual([2, 6]);
    expect(quantilesFromBuckets([0.5], [{ bounds: [], counts: [4] }], { min: 2, max: 6 })).toEqual([
      4,
    ]);
  });
});
