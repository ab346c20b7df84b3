import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { hourRange, hoursOf } from './filters.js';
import { planParts } from './plan.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D = Date.UTC(2026, 0, 10);
const { inputsHour: hourly, inputsDay: daily, inputsSixHours: sixHours } = ANALYTICS_TABLES;

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

  it('reads whole 6-hour blocks between the hours and the days', () => {
    // A rolling 24 h window: 5 hours, three blocks, 1 hour.
    expect(planParts({ from: new Date(D + 13 * HOUR), to: new Date(D + DAY + 13 * HOUR) })).toEqual(
      [
        { table: hourly, from: D + 13 * HOUR, to: D + 18 * HOUR },
        { table: sixHours, from: D + 18 * HOUR, to: D + DAY + 12 * HOUR },
        { table: hourly, from: D + DAY + 12 * HOUR, to: D + DAY + 13 * HOUR },
      ],
    );
    // Days with blocks and hours on both sides.
    expect(planParts({ from: new Date(D - 9 * HOUR), to: new Date(D + DAY + 7 * HOUR) })).toEqual([
      { table: hourly, from: D - 9 * HOUR, to: D - 6 * HOUR },
      { table: sixHours, from: D - 6 * HOUR, to: D },
      { table: daily, from: D, to: D + DAY },
      { table: sixHours, from: D + DAY, to: D + DAY + 6 * HOUR },
      { table: hourly, from: D + DAY + 6 * HOUR, to: D + DAY + 7 * HOUR },
    ]);
    // Aligned blocks only.
    expect(planParts({ from: new Date(D + 6 * HOUR), to: new Date(D + 18 * HOUR) })).toEqual([
      { table: sixHours, from: D + 6 * HOUR, to: D + 18 * HOUR },
    ]);
  });

  it('covers every hour of a range exactly once, whatever its edges', () => {
    for (let a = -30; a <= 30; a += 1) {
      for (const len of [1, 5, 6, 7, 12, 24, 25, 49, 24 * 9 + 11]) {
        const parts = planParts({
          from: new Date(D + a * HOUR),
          to: new Date(D + (a + len) * HOUR),
        });
        const hours = parts.flatMap((p) => {
          expect(p.from).toBeLessThan(p.to);
          const unit = p.table === daily ? DAY : p.table === sixHours ? 6 * HOUR : HOUR;
          expect(p.from % unit).toBe(0);
          expect(p.to % unit).toBe(0);
          return Array.from({ length: (p.to - p.from) / HOUR }, (_, i) => p.from + i * HOUR);
        });
        expect(hours).toEqual(Array.from({ length: len }, (_, i) => D + (a + i) * HOUR));
      }
    }
  });

  it('reads only hours when no whole block lies inside, or when asked to', () => {
    expect(planParts({ from: new Date(D + HOUR), to: new Date(D + 6 * HOUR) })).toEqual([
      { table: hourly, from: D + HOUR, to: D + 6 * HOUR },
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
