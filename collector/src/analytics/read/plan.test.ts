import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { hourRange, hoursOf } from './filters.js';
import { planParts } from './plan.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D = Date.UTC(2026, 0, 10);
const { inputsHour: hourly, inputsDay: daily } = ANALYTICS_TABLES;

describe('planParts', () => {
  it('reads whole days from the daily table and the edges from the hourly one', () => {
    expect(
      planParts({ from: new Date(D - 3 * HOUR), to: new Date(D + 2 * DAY + 5 * HOUR) }),
    ).toEqual([
      { table: hourly, from: D - 3 * HOUR, to: D },
      { table: daily, from: D, to: D + 2 * DAY },
      { table: hourly, from: D + 2 * DAY, to: D + 2 * DAY + 5 * HOUR },
    ]);
  });

  it('reads only hours when no whole day lies inside, or when asked to', () => {
    expect(planParts({ from: new Date(D + HOUR), to: new Date(D + 23 * HOUR) })).toEqual([
      { table: hourly, from: D + HOUR, to: D + 23 * HOUR },
    ]);
    expect(planParts({ from: new Date(D), to: new Date(D + DAY) }, false)).toEqual([
      { table: hourly, from: D, to: D + DAY },
    ]);
    expect(planParts({ from: new Date(D), to: new Date(D + DAY) })).toEqual([
      { table: daily, from: D, to: D + DAY },
    ]);
  });
});

describe('hourRange', () => {
  it('widens to whole hours and rejects empty or invalid ranges', () => {
    const r = hourRange(new Date(D + 90_000), new Date(D + HOUR + 1));
    expect([r.from.getTime(), r.to.getTime()]).toEqual([D, D + 2 * HOUR]);
    expect(hoursOf(r).map((d) => d.getTime())).toEqual([D, D + HOUR]);
    expect(() => hourRange(new Date(D), new Date(D))).toThrow(RangeError);
    expect(() => hourRange(new Date(Number.NaN), new Date(D))).toThrow(RangeError);
  });
});
