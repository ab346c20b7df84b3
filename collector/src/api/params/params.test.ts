import { describe, expect, it } from 'vitest';
import { ApiError } from '../problem.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { planSeries, roundStepAtLeast } from './resolution.js';
import { parseStep, parseTime, previousRange, resolveRange } from './time.js';

const NOW = Date.UTC(2026, 10, 27, 12, 30, 0);
const H = 3_600_000;

function problem(f: () => unknown): { code: string; parameter?: string | undefined } {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, parameter: e.parameter };
    throw e;
  }
  throw new Error('no problem raised');
}

describe('time parameters', () => {
  it('reads ISO 8601 with a zone, dates, and Unix milliseconds', () => {
    expect(parseTime('from', '2026-11-27T12:00:00Z')).toBe(Date.UTC(2026, 10, 27, 12));
    expect(parseTime('from', '2026-11-27T14:00:00+02:00')).toBe(Date.UTC(2026, 10, 27, 12));
    expect(parseTime('from', '2026-11-27')).toBe(Date.UTC(2026, 10, 27));
    expect(parseTime('from', '1795782600000')).toBe(1_795_782_600_000);
  });

  it('refuses local times, garbage, impossible dates and the far future, naming the parameter', () => {
    for (const bad of [
      '2026-11-27T12:00',
      'yesterday',
      '2026-13-45',
      "1' OR 1=1",
      '9'.repeat(16),
      '-5',
    ])
      expect(problem(() => parseTime('to', bad))).toEqual({
        code: 'invalid_parameter',
        parameter: 'to',
      });
  });

  it('resolves windows and bounded from/to ranges', () => {
    expect(resolveRange({}, NOW)).toEqual({ fromMs: NOW - H, toMs: NOW });
    expect(resolveRange({ window: '24h' }, NOW)).toEqual({ fromMs: NOW - 24 * H, toMs: NOW });
    expect(resolveRange({ from: String(NOW - 2 * H) }, NOW)).toEqual({
      fromMs: NOW - 2 * H,
      toMs: NOW,
    });
    expect(problem(() => resolveRange({ from: String(NOW), to: String(NOW - 1) }, NOW))).toEqual({
      code: 'invalid_parameter',
      parameter: 'from',
    });
    expect(problem(() => resolveRange({ from: String(NOW - 91 * 24 * H) }, NOW))).toEqual({
      code: 'range_too_large',
      parameter: 'from',
    });
    expect(problem(() => resolveRange({ window: '1h', from: '0' }, NOW)).parameter).toBe('window');
    expect(previousRange({ fromMs: 10, toMs: 30 })).toEqual({ fromMs: -10, toMs: 10 });
  });

  it('reads steps', () => {
    expect(parseStep('10s')).toBe(10_000);
    expect(parseStep('5m')).toBe(300_000);
    expect(parseStep('1h')).toBe(H);
    expect(parseStep('2d')).toBe(48 * H);
    expect(parseStep('30')).toBe(30_000);
    expect(problem(() => parseStep('0s')).parameter).toBe('step');
  });
});

describe('series resolution', () => {
  const retention = 90 * 24 * H;

  it('reads raw points only within the last hour, and at most 1500 points', () => {
    const lastHour = planSeries({ fromMs: NOW - H, toMs: NOW }, undefined, NOW, retention);
    expect(lastHour.resolution).toBe('raw');
    expect(lastHour.stepMs).toBe(5_000);
    expect(H / lastHour.stepMs).toBeLessThanOrEqual(1500);
    const older = planSeries({ fromMs: NOW - 3 * H, toMs: NOW - 2 * H }, 10_000, NOW, retention);
    expect(older).toMatchObject({ resolution: 'minute', stepMs: 60_000 });
  });

  it('uses minute rollups up to their retention, hourly beyond, whole units', () => {
    expect(
      planSeries({ fromMs: NOW - 24 * H, toMs: NOW }, undefined, NOW, retention),
    ).toMatchObject({
      resolution: 'minute',
      stepMs: 60_000,
    });
    expect(
      planSeries({ fromMs: NOW - 30 * 24 * H, toMs: NOW }, undefined, NOW, retention),
    ).toMatchObject({ resolution: 'hour', stepMs: H });
    const expired = planSeries(
      { fromMs: NOW - 30 * 24 * H, toMs: NOW - 29 * 24 * H },
      300_000,
      NOW,
      7 * 24 * H,
    );
    expect(expired).toMatchObject({ resolution: 'hour', stepMs: H });
    const aligned = planSeries({ fromMs: NOW - 7 * H - 123, toMs: NOW }, 90_000, NOW, retention);
    expect(aligned.stepMs % 60_000).toBe(0);
    expect(aligned.range.fromMs % aligned.stepMs).toBe(0);
    expect(roundStepAtLeast(61_000)).toBe(120_000);
  });
});

describe('cursors', () => {
  const q = { sort: 'score', pipeline: 'llm', limit: 10, format: 'csv' };

  it('round-trip the sort key and ignore limit and format', () => {
    const c = encodeCursor(q, [83.5, '0xab']);
    expect(decodeCursor({ ...q, limit: 50, format: undefined }, c, 2)).toEqual([83.5, '0xab']);
  });

  it('refuse cursors of another query, truncated or forged ones, naming cursor', () => {
    const c = encodeCursor(q, [83.5, '0xab']);
    for (const [query, cursor] of [
      [{ ...q, pipeline: 'upscale' }, c],
      [q, c.slice(0, 10)],
      [q, Buffer.from('{"v":1,"q":"x","k":[{}]}').toString('base64url')],
      [q, Buffer.from('[]').toString('base64url')],
      [q, 'bm90LWpzb24'],
    ] as const)
      expect(problem(() => decodeCursor(query, cursor, 2)).parameter).toBe('cursor');
  });
});
