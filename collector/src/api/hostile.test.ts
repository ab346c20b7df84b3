import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiApp } from './test-support.js';

/**
 * Every endpoint, fed seeded random, truncated, oversized and hostile query
 * strings: answers are 2xx/3xx or 4xx problems — never a 5xx, never a crash.
 */
const ENDPOINTS = [
  '/api/v1/network/summary',
  '/api/v1/orchestrators',
  '/api/v1/orchestrators/0x3b28a7d785356dc67c7970666747e042305bfb79',
  '/api/v1/gpu/metrics',
  '/api/v1/jobs/series',
  '/api/v1/testloads/jobs',
  '/api/v1/testloads/summary',
  '/api/v1/datasets',
  '/api/v1/datasets/cases',
  '/api/v1/regions',
  '/api/v1/pipelines',
];
const NAMES = [
  'window',
  'from',
  'to',
  'limit',
  'cursor',
  'format',
  'sort',
  'order',
  'pipeline',
  'model',
  'region',
  'gpu_model',
  'q',
  'source',
  'orchestrator',
  'gpu',
  'metric',
  'step',
  'stat',
  'outcome',
  'case_kind',
  'kind',
  '__proto__',
  'constructor',
];
const VALUES = [
  '',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  "' OR 1=1 --",
  '%00',
  '%ff%fe',
  '..%2f..%2fetc%2fpasswd',
  'x'.repeat(5000),
  '2026-02-30T25:61:00Z',
  '9'.repeat(30),
  'csv',
  'json',
  '24h',
  'utilization',
  'text-to-image',
  '0x3b28a7d785356dc67c7970666747e042305bfb79',
  '%E2%80%AE',
  'eyJ2IjoxLCJxIjoiIiwiayI6W119',
  '1h&window=7d',
  '<script>',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await apiApp());
});
afterAll(async () => {
  await app.close();
});

describe('hostile query strings', () => {
  it('never get a 5xx from any endpoint', async () => {
    const next = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const parts = Array.from(
        { length: 1 + Math.floor(next() * 4) },
        () => `${pick(NAMES)}=${pick(VALUES)}`,
      );
      let query = parts.join('&');
      if (next() < 0.2) query = query.slice(0, Math.floor(next() * query.length));
      const res = await app.inject(`${pick(ENDPOINTS)}?${query}`);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `${res.statusCode} for ?${query.slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode >= 400)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });

  it('answers an oversized URL and path parameter with a problem', async () => {
    const long = await app.inject(`/api/v1/orchestrators/0x${'a'.repeat(5000)}`);
    expect(long.statusCode).toBeGreaterThanOrEqual(400);
    expect(long.statusCode).toBeLessThan(500);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
