import { describe, expect, it } from 'vitest';
import {
  parseFilters,
  parseRange,
  parseSort,
  parseTime,
  rangeBounds,
  rangeLabel,
  rangeQuery,
  searchWith,
  windowChange,
} from './url-state.js';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('parseTime', () => {
  it('reads ISO date-times (local form as UTC), dates and Unix ms', () => {
    expect(parseTime('2026-11-27T10:00:00Z')).toBe(Date.UTC(2026, 10, 27, 10));
    expect(parseTime('2026-11-27T10:00')).toBe(Date.UTC(2026, 10, 27, 10));
    expect(parseTime('2026-11-27T12:00+02:00')).toBe(Date.UTC(2026, 10, 27, 10));
    expect(parseTime('2026-11-27')).toBe(Date.UTC(2026, 10, 27));
    expect(parseTime('1795000000000')).toBe(1_795_000_000_000);
  });
  it('refuses anything else', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-13-45T99:99',
      'x'.repeat(41),
      '1e12',
      '-5',
      '2026-11-27 10:00',
    ]) {
      expect(parseTime(bad)).toBeNull();
    }
  });
});

describe('parseRange', () => {
  it('defaults to 24 h and reads named windows', () => {
    expect(parseRange(q(''), NOW)).toEqual({ value: { kind: 'named', name: '24h' }, problems: [] });
    expect(parseRange(q('window=7d'), NOW).value).toEqual({ kind: 'named', name: '7d' });
  });
  it('reads a custom range, `to` defaulting to now', () => {
    const r = parseRange(q('from=2026-11-27T10:00Z'), NOW);
    expect(r.value).toEqual({ kind: 'custom', fromMs: Date.UTC(2026, 10, 27, 10), toMs: NOW });
    expect(rangeBounds(r.value, NOW)).toEqual({ fromMs: Date.UTC(2026, 10, 27, 10), toMs: NOW });
    expect(rangeQuery(r.value)).toEqual({
      from: '2026-11-27T10:00:00.000Z',
      to: '2026-11-27T12:00:00.000Z',
    });
    expect(rangeLabel(r.value)).toBe('2026-11-27 10:00 – 2026-11-27 12:00 UTC');
  });
  it('falls back to the window and says why for bad ranges', () => {
    const cases: [string, RegExp][] = [
      ['from=nope', /from: not a date-time/],
      ['from=2026-11-27&to=nope', /to: not a date-time/],
      ['from=2026-11-27T12:00Z&to=2026-11-27T11:00Z', /before to/],
      ['from=2026-01-01&to=2026-11-27', /90 days/],
      ['window=2y', /unknown window/],
    ];
    for (const [search, problem] of cases) {
      const r = parseRange(q(search), NOW);
      expect(r.value).toEqual({ kind: 'named', name: '24h' });
      expect(r.problems.join()).toMatch(problem);
    }
  });
  it('labels and queries named windows', () => {
    expect(rangeLabel({ kind: 'named', name: '1h' })).toBe('last 1 h');
    expect(rangeQuery({ kind: 'named', name: '30d' })).toEqual({ window: '30d' });
    expect(rangeBounds({ kind: 'named', name: '1h' }, NOW)).toEqual({
      fromMs: NOW - 3_600_000,
      toMs: NOW,
    });
  });
});

describe('parseFilters', () => {
  it('keeps known pipelines and regions (any case) and bounded text', () => {
    expect(
      parseFilters(q('pipeline=llm&region=fra&model=stabilityai/sdxl-turbo&q=%200xab%20')).value,
    ).toEqual({
      pipeline: 'llm',
      region: 'FRA',
      model: 'stabilityai/sdxl-turbo',
      q: '0xab',
    });
  });
  it('drops unknown, empty and over-long values with a reason', () => {
    const r = parseFilters(
      q(`pipeline=transcode&region=MARS&model=&gpu=${'x'.repeat(200)}&q=<script>`),
    );
    expect(r.value).toEqual({ q: '<script>' });
    expect(r.problems).toEqual([
      'pipeline: unknown pipeline "transcode"',
      'region: unknown region "MARS"',
      'gpu: longer than 128',
    ]);
  });
});

describe('parseSort', () => {
  const allowed = ['score', 'fps'] as const;
  it('reads allowed columns and directions', () => {
    expect(parseSort(q('sort=fps&dir=asc'), allowed, { key: 'score', dir: 'desc' }).value).toEqual({
      key: 'fps',
      dir: 'asc',
    });
  });
  it('falls back for anything else', () => {
    const r = parseSort(q('sort=drop%20table&dir=up'), allowed, { key: 'score', dir: 'desc' });
    expect(r.value).toEqual({ key: 'score', dir: 'desc' });
    expect(r.problems).toHaveLength(2);
  });
});

describe('searchWith', () => {
  it('sets, replaces and removes keys, keeping the rest, in a stable order', () => {
    const url = new URL('http://x/leaderboard?window=7d&region=FRA&cursor=abc');
    expect(searchWith(url, { region: 'LON', cursor: null })).toBe('?region=LON&window=7d');
    expect(searchWith(url, { ...windowChange('24h'), region: '', cursor: undefined })).toBe('');
    expect(searchWith(new URL('http://x/?from=1&to=2'), windowChange('1h'))).toBe('?window=1h');
  });
});
