import { describe, expect, it } from 'vitest';
import { bandwidthMbps } from './bandwidth.js';
import { cueMeasured, cueProxy } from './cue.js';

describe('cueProxy', () => {
  it('is utilization × SM clock / max SM clock, labelled proxy', () => {
    const cue = cueProxy({ utilization: 0.8, smClockMhz: 1500, smClockMaxMhz: 2000 });
    expect(cue?.source).toBe('proxy');
    expect(cue?.value).toBeCloseTo(0.6, 12);
    expect(cueProxy({ utilization: 1, smClockMhz: 2520, smClockMaxMhz: 2520 })?.value).toBe(1);
  });

  it('is null when the maximum clock is unknown and caps at 1', () => {
    expect(cueProxy({ utilization: 0.5, smClockMhz: 1000, smClockMaxMhz: 0 })).toBeNull();
    expect(cueProxy({ utilization: 1, smClockMhz: 2600, smClockMaxMhz: 2520 })?.value).toBe(1);
  });

  it('rejects a utilization given in percent', () => {
    expect(() => cueProxy({ utilization: 80, smClockMhz: 1500, smClockMaxMhz: 2000 })).toThrow(
      /utilization must be within 0–1/,
    );
  });
});

describe('cueMeasured', () => {
  it('is the dominant DCGM pipe activity, labelled dcgm', () => {
    expect(cueMeasured({ tensor: 0.35, fp16: 0.1, fp32: 0.05 })).toEqual({
      value: 0.35,
      source: 'dcgm',
    });
  });

  it('is null without DCGM data and rejects bad activities', () => {
    expect(cueMeasured({})).toBeNull();
    expect(() => cueMeasured({ tensor: 1.5 })).toThrow(/tensor pipe activity/);
  });
});

describe('bandwidthMbps', () => {
  it('is Δbytes · 8 / (Δs · 1e6)', () => {
    // 12.5 MB in 2 s = 100 Mbit in 2 s = 50 Mbit/s.
    expect(
      bandwidthMbps({ bytes: 1_000_000, atMs: 0 }, { bytes: 13_500_000, atMs: 2000 }),
    ).toBeCloseTo(50, 12);
  });

  it('is null after a counter reset or without elapsed time', () => {
    expect(bandwidthMbps({ bytes: 10_000, atMs: 0 }, { bytes: 5, atMs: 1000 })).toBeNull();
    expect(bandwidthMbps({ bytes: 1, atMs: 1000 }, { bytes: 2, atMs: 1000 })).toBeNull();
  });

  it('rejects NaN readings', () => {
    expect(() => bandwidthMbps({ bytes: Number.NaN, atMs: 0 }, { bytes: 1, atMs: 1 })).toThrow(
      /previous\.bytes/,
    );
  });
});
