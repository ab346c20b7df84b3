import { describe, expect, it } from 'vitest';
import { leaderboardRoundTripScore, leaderboardScore } from './leaderboard.js';
import { renormalized } from './weighted.js';

describe('leaderboard score', () => {
  it('scores 0.8 on round trip at the median', () => {
    expect(leaderboardRoundTripScore(2, 2)).toBeCloseTo(0.8, 12);
    expect(leaderboardRoundTripScore(4, 2)).toBeCloseTo(0.64, 12);
    expect(leaderboardRoundTripScore(0, 2)).toBe(1);
  });

  it('is 0.65 · success rate + 0.35 · round-trip score', () => {
    expect(leaderboardScore(0.9, 2, 2)).toBeCloseTo(0.585 + 0.28, 12);
    expect(leaderboardScore(1, 0, 3)).toBeCloseTo(1, 12);
  });

  it('rejects a zero median and bad rates', () => {
    expect(() => leaderboardRoundTripScore(1, 0)).toThrow(/median rtt/);
    expect(() => leaderboardScore(1.2, 1, 1)).toThrow(/success rate/);
  });
});

describe('renormalized', () => {
  it('drops inputs that do not apply and renormalises the rest', () => {
    const r = renormalized({
      a: { weight: 0.4, value: 1 },
      b: { weight: 0.2, value: null },
      c: { weight: 0.4, value: 0.5 },
    });
    expect(r?.value).toBeCloseTo(0.75, 12);
    expect(r?.weights).toEqual({ a: 0.5, b: 0, c: 0.5 });
  });

  it('is null when nothing applies', () => {
    expect(renormalized({ a: { weight: 1, value: null } })).toBeNull();
  });
});
