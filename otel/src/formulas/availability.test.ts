import { describe, expect, it } from 'vitest';
import {
  coverage,
  liveSecondsFromHeartbeats,
  maintenanceSeconds,
  probeAvailability,
  timeAvailability,
} from './availability.js';

const HOUR_MS = 3_600_000;

describe('timeAvailability', () => {
  it('is live seconds over window seconds', () => {
    expect(timeAvailability({ liveSeconds: 3420, windowSeconds: 3600 })).toBeCloseTo(0.95, 12);
    expect(timeAvailability({ liveSeconds: 0, windowSeconds: 3600 })).toBe(0);
  });

  it('excludes maintenance from the window', () => {
    // 10 minutes of maintenance: 2700 live seconds of the remaining 3000.
    expect(
      timeAvailability({ liveSeconds: 2700, windowSeconds: 3600, maintenanceSeconds: 600 }),
    ).toBeCloseTo(0.9, 12);
  });

  it('caps at 1 and is null when nothing of the window is left', () => {
    expect(timeAvailability({ liveSeconds: 3605, windowSeconds: 3600 })).toBe(1);
    expect(
      timeAvailability({ liveSeconds: 0, windowSeconds: 3600, maintenanceSeconds: 3600 }),
    ).toBeNull();
    expect(timeAvailability({ liveSeconds: 0, windowSeconds: 0 })).toBeNull();
  });

  it('rejects bad inputs', () => {
    expect(() =>
      timeAvailability({ liveSeconds: 1, windowSeconds: 3600, maintenanceSeconds: 4000 }),
    ).toThrow(/maintenanceSeconds/);
    expect(() => timeAvailability({ liveSeconds: -1, windowSeconds: 3600 })).toThrow(/liveSeconds/);
    expect(() => timeAvailability({ liveSeconds: 1, windowSeconds: Number.NaN })).toThrow(
      /windowSeconds/,
    );
  });
});

describe('maintenanceSeconds', () => {
  it('clips to the window and counts overlapping windows once', () => {
    const window = { startMs: 0, endMs: HOUR_MS };
    const maintenance = [
      { startMs: -600_000, endMs: 600_000 }, // 0–10 min inside the window
      { startMs: 300_000, endMs: 900_000 }, // overlaps: union is 0–15 min
      { startMs: 3_000_000, endMs: 4_000_000 }, // 50–60 min inside
      { startMs: 5_000_000, endMs: 6_000_000 }, // outside
    ];
    expect(maintenanceSeconds(window, maintenance)).toBe(900 + 600);
  });

  it('is 0 without maintenance and rejects reversed intervals', () => {
    expect(maintenanceSeconds({ startMs: 0, endMs: HOUR_MS }, [])).toBe(0);
    expect(() =>
      maintenanceSeconds({ startMs: 0, endMs: HOUR_MS }, [{ startMs: 10, endMs: 5 }]),
    ).toThrow(/maintenance\[0\] ends before it starts/);
  });
});

describe('probeAvailability', () => {
  it('is successful probes over probes', () => {
    expect(probeAvailability(19, 20)).toBeCloseTo(0.95, 12);
    expect(probeAvailability(1, 1)).toBe(1);
    expect(probeAvailability(0, 0)).toBeNull();
    expect(() => probeAvailability(3, 2)).toThrow(RangeError);
  });
});

describe('coverage and heartbeats', () => {
  it('is heartbeats received over expected, capped at 1', () => {
    expect(coverage({ received: 700, expected: 720 })).toBeCloseTo(700 / 720, 12);
    expect(coverage({ received: 800, expected: 720 })).toBe(1);
    expect(coverage({ received: 0, expected: 720 })).toBe(0);
  });

  it('is 1 without an enrolled agent', () => {
    expect(coverage(null)).toBe(1);
  });

  it('turns heartbeats into live seconds', () => {
    expect(liveSecondsFromHeartbeats(720, 5)).toBe(3600);
    expect(() => liveSecondsFromHeartbeats(3, 0)).toThrow(/intervalSeconds/);
  });
});
