import { describe, expect, it } from 'vitest';
import { FINALIZE_GRACE_MS, MAX_FINALIZE_HOURS, hoursToFinalize } from './job.js';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 0, 10, 12); // an hour start

describe('hoursToFinalize', () => {
  it('finalises an hour once, the first run after it ended plus the grace period', () => {
    expect(hoursToFinalize(T + 30 * 60_000, T + HOUR + FINALIZE_GRACE_MS - 1)).toEqual([]);
    expect(hoursToFinalize(T + 30 * 60_000, T + HOUR + FINALIZE_GRACE_MS)).toEqual([T]);
    expect(
      hoursToFinalize(T + HOUR + FINALIZE_GRACE_MS, T + HOUR + FINALIZE_GRACE_MS + 60_000),
    ).toEqual([]);
  });

  it('catches up every hour that ended while the scorer was not running', () => {
    expect(hoursToFinalize(T + 10 * 60_000, T + 3 * HOUR + FINALIZE_GRACE_MS)).toEqual([
      T,
      T + HOUR,
      T + 2 * HOUR,
    ]);
  });

  it('bounds the catch-up (and the first run) to the last MAX_FINALIZE_HOURS hours', () => {
    const now = T + FINALIZE_GRACE_MS;
    const first = hoursToFinalize(null, now);
    expect(first).toHaveLength(MAX_FINALIZE_HOURS);
    expect(first.at(-1)).toBe(T - HOUR);
    expect(hoursToFinalize(T - 1000 * HOUR, now)).toEqual(first);
  });
});
