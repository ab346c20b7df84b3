import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { apiUnitOf, metricDef } from '../index.js';
import * as api from './index.js';

describe('API v1 contract', () => {
  it('serves every GPU series in its catalog unit, from an agent metric', () => {
    for (const [key, s] of Object.entries(api.GPU_SERIES)) {
      const def = metricDef(s.metric);
      expect(def, key).toBeDefined();
      expect(apiUnitOf(def!.unit).unit, key).toBe(s.unit);
      expect(def!.sources).toContain('agent');
    }
  });

  it('problem codes have stable types and 4xx/5xx statuses', () => {
    expect(api.problemType('invalid_parameter')).toBe('urn:naap:problem:invalid_parameter');
    for (const [code, p] of Object.entries(api.PROBLEM_CODES)) {
      expect(p.status, code).toBeGreaterThanOrEqual(400);
      expect(p.status, code).toBeLessThan(600);
    }
  });

  it('figures carry their source and refuse unknown ones', () => {
    const figure = Compile(api.FigureSchema);
    expect(figure.Check({ value: 0.98, source: 'testload' })).toBe(true);
    expect(figure.Check({ value: null, source: null })).toBe(true);
    expect(figure.Check({ value: 0.98, source: 'self' })).toBe(false);
    expect(figure.Check({ value: 0.98 })).toBe(false);
  });

  it('a series point is [t_ms, value | null]', () => {
    const point = Compile(api.PointSchema);
    expect(point.Check([1_700_000_000_000, 0.5])).toBe(true);
    expect(point.Check([1_700_000_000_000, null])).toBe(true);
    expect(point.Check([1.5, 0.5])).toBe(false);
    expect(point.Check([1_700_000_000_000, 0.5, 1])).toBe(false);
  });

  it('the aggregated_stats shape matches the Livepeer leaderboard', () => {
    const stats = Compile(api.AggregatedStatsSchema);
    const sample = {
      '0x3b28a7d785356dc67c7970666747e042305bfb79': {
        FRA: { success_rate: 1, round_trip_score: 0.8, score: 0.93 },
      },
    };
    expect(stats.Check(sample)).toBe(true);
    expect(stats.Check({ x: { FRA: { success_rate: 1 } } })).toBe(false);
  });

  it('windows are bounded by the longest range', () => {
    for (const ms of Object.values(api.WINDOWS)) expect(ms).toBeLessThanOrEqual(api.MAX_RANGE_MS);
  });
});
