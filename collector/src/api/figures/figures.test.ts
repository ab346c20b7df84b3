import { describe, expect, it } from 'vitest';
import { availabilityFigures, timeAvailabilityOf } from './availability.js';
import { NO_FIGURE, figure, preferred } from './figure.js';
import { compareKeys, pageOf } from './sort.js';

describe('figure sources', () => {
  it('prefer independent measurements, skip missing values, honour a forced source', () => {
    const stats = [
      { source: 'agent', v: 0.9 },
      { source: 'testload', v: null },
      { source: 'gateway', v: 0.8 },
    ];
    expect(preferred(stats, (s) => s.v)).toEqual({ value: 0.8, source: 'gateway' });
    expect(preferred(stats, (s) => s.v, 'agent')).toEqual({ value: 0.9, source: 'agent' });
    expect(preferred(stats, (s) => s.v, 'testload')).toEqual(NO_FIGURE);
    expect(figure(Number.NaN, 'agent')).toEqual(NO_FIGURE);
    expect(figure(1, 'nobody')).toEqual({ value: 1, source: null });
  });
});

describe('availability', () => {
  const hour = { fromMs: 0, toMs: 3_600_000 };

  it('is heartbeats × interval over the window, per host, capped at the window', () => {
    const hosts = [
      { address: 'a', host: 'h1', heartbeats: 360, intervalS: 10 }, // full hour
      { address: 'a', host: 'h2', heartbeats: 180, intervalS: 10 }, // half
      { address: 'a', host: 'h3', heartbeats: 99, intervalS: null }, // no interval: left out
    ];
    expect(timeAvailabilityOf(hosts, hour)).toBe(0.75);
    expect(
      timeAvailabilityOf([{ address: 'a', host: 'h', heartbeats: 999, intervalS: 10 }], hour),
    ).toBe(1);
    expect(timeAvailabilityOf([], hour)).toBeNull();
  });

  it('falls back to test-load probes when no agent reports', () => {
    const f = availabilityFigures([], { success: 9, total: 10 }, hour);
    expect(f.time).toEqual(NO_FIGURE);
    expect(f.headline).toEqual({ value: 0.9, source: 'testload' });
    expect(availabilityFigures([], { success: 0, total: 0 }, hour).headline).toEqual(NO_FIGURE);
  });
});

describe('sorting and paging', () => {
  it('orders by value in either direction, nulls last, then by address', () => {
    const keys = [
      [null, '0x1'],
      [5, '0x3'],
      [7, '0x2'],
      [5, '0x1'],
    ] as const;
    const desc = [...keys].sort((a, b) => compareKeys(a, b, 'desc'));
    expect(desc).toEqual([
      [7, '0x2'],
      [5, '0x1'],
      [5, '0x3'],
      [null, '0x1'],
    ]);
    const asc = [...keys].sort((a, b) => compareKeys(a, b, 'asc'));
    expect(asc).toEqual([
      [5, '0x1'],
      [5, '0x3'],
      [7, '0x2'],
      [null, '0x1'],
    ]);
  });

  it('pages through every row exactly once', () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({
      address: `0x${String(i).padStart(2, '0')}`,
      v: i % 4 === 0 ? null : i % 5,
    }));
    const seen: string[] = [];
    let after = null as Parameters<typeof pageOf>[4];
    for (let i = 0; i < 10; i++) {
      const page = pageOf(rows, (r) => [r.v, r.address], 'desc', 5, after);
      seen.push(...page.items.map((r) => r.address));
      if (page.last === null) break;
      after = page.last;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen.slice(-6).every((a) => rows.find((r) => r.address === a)?.v === null)).toBe(true);
  });
});
