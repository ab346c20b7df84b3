import { describe, expect, it } from 'vitest';
import { cumulativeIncrease, type SumRollupRow } from './counters.js';

const S1 = '1000';
const S2 = '2000';

function row(over: Partial<SumRollupRow>): SumRollupRow {
  return {
    MetricName: 'm',
    OrchestratorAddress: '',
    GpuId: '',
    Pipeline: '',
    ModelId: '',
    Region: '',
    Source: '',
    ServiceName: '',
    HostName: '',
    Attributes: {},
    bucket: 0,
    monotonic: 1,
    deltaSum: 0,
    deltaSamples: 0,
    cumSamples: 2,
    firstValue: 0,
    firstStart: S1,
    lastValue: 0,
    lastStart: S1,
    hasPrev: 1,
    prevValue: 0,
    prevStart: S1,
    firstIsNew: 0,
    ...over,
  };
}

describe('cumulativeIncrease', () => {
  it('is last − previous last when the start time is unchanged', () => {
    expect(cumulativeIncrease(row({ prevValue: 10, firstValue: 12, lastValue: 17 }))).toEqual({
      value: 7,
      resets: 0,
    });
  });

  it('counts a restarted counter from its start', () => {
    // restart between the previous bucket and this one: 3 and 8 of the new counter
    const r = row({ prevValue: 10, firstValue: 3, firstStart: S2, lastValue: 8, lastStart: S2 });
    expect(cumulativeIncrease(r)).toEqual({ value: 8, resets: 1 });
  });

  it('loses only what the old counter made after the last sample the rollup kept', () => {
    // old counter: 10 (previous bucket) → 12 (first here) → 15 (not kept) → restart → 4
    const r = row({ prevValue: 10, firstValue: 12, lastValue: 4, lastStart: S2 });
    expect(cumulativeIncrease(r)).toEqual({ value: 2 + 4, resets: 1 }); // true: 5 + 4
  });

  it('treats a fall with the same start time as a reset of a monotonic counter', () => {
    expect(cumulativeIncrease(row({ prevValue: 10, firstValue: 2, lastValue: 5 }))).toEqual({
      value: 5,
      resets: 1,
    });
    // an UpDownCounter (non-monotonic) reports the net change
    const upDown = row({ monotonic: 0, prevValue: 10, firstValue: 2, lastValue: 5 });
    expect(cumulativeIncrease(upDown)).toEqual({ value: -5, resets: 0 });
  });

  it('without an earlier row: counts a new counter from its start, else from its first sample', () => {
    expect(
      cumulativeIncrease(row({ hasPrev: 0, firstIsNew: 1, firstValue: 4, lastValue: 9 })),
    ).toEqual({ value: 9, resets: 0 });
    expect(
      cumulativeIncrease(row({ hasPrev: 0, firstIsNew: 0, firstValue: 4, lastValue: 9 })),
    ).toEqual({ value: 5, resets: 0 });
  });

  it('is 0 for buckets without cumulative points', () => {
    expect(cumulativeIncrease(row({ cumSamples: 0, lastValue: 99 }))).toEqual({
      value: 0,
      resets: 0,
    });
  });
});
