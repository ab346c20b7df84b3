import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterIncreases, type CounterIncrease } from './counters.js';
import type { Step } from './tables.js';
import {
  ORCH_B,
  baseTime,
  insertRaw,
  openTestStore,
  sumRow,
  type TestStore,
} from './test-support.js';

/**
 * A simulated producer: a cumulative counter sampled at a fixed interval,
 * with increments `inc(i)` between samples, a restart inside a bucket (after
 * the bucket's first sample), a reset at a bucket boundary and a restart at a
 * bucket boundary. The true increase of a bucket is the sum of the increments
 * observed by its samples; a delta series exports the same increments.
 */
interface Scenario {
  readonly metric: string;
  readonly step: Step;
  readonly t0: number;
  readonly bucketMs: number;
  readonly intervalMs: number;
  readonly buckets: number;
}

const MIN = 60_000;
const HOUR = 3_600_000;
const SCENARIOS: Scenario[] = [
  {
    metric: 'c.minute',
    step: 'minute',
    t0: baseTime(1),
    bucketMs: MIN,
    intervalMs: 15_000,
    buckets: 8,
  },
  {
    metric: 'c.hour',
    step: 'hour',
    t0: baseTime(10),
    bucketMs: HOUR,
    intervalMs: 300_000,
    buckets: 8,
  },
];

const inc = (i: number): number => ((i * 7) % 5) + 1;
const deltaInc = (i: number): number => [0.5, 0.25, 1, 2][i % 4] ?? 0;

function simulate(s: Scenario) {
  const perBucket = s.bucketMs / s.intervalMs;
  const restartInside = 3 * perBucket + 1;
  const resetAtBoundary = 5 * perBucket;
  const restartAtBoundary = 6 * perBucket;
  const rows: Record<string, unknown>[] = [];
  const truth = new Map<string, number>(); // `${kind}@${bucket}` -> true increase
  let start = s.t0 - 20_000;
  let value = 0;
  for (let i = 0; i < perBucket * s.buckets; i++) {
    const at = s.t0 + i * s.intervalMs;
    if (i === restartInside || i === restartAtBoundary) {
      start = at - 5_000;
      value = 0;
    }
    if (i === resetAtBoundary) value = 0;
    value += inc(i);
    const bucket = s.t0 + Math.floor((at - s.t0) / s.bucketMs) * s.bucketMs;
    const add = (k: string, v: number) =>
      truth.set(`${k}@${bucket}`, (truth.get(`${k}@${bucket}`) ?? 0) + v);
    add('cumulative', inc(i));
    add('delta', deltaInc(i));
    rows.push(
      sumRow({
        metric: s.metric,
        atMs: at,
        startMs: start,
        value,
        temporality: 2,
        attributes: { kind: 'cumulative' },
      }),
      sumRow({
        metric: s.metric,
        atMs: at,
        startMs: at - s.intervalMs,
        value: deltaInc(i),
        temporality: 1,
        attributes: { kind: 'delta' },
      }),
    );
  }
  // A counter that appears mid-range: it started inside bucket 3 and counts from its start.
  const lateStart = s.t0 + 3 * s.bucketMs + s.intervalMs / 3;
  [4, 6, 9].forEach((v, j) => {
    const at = s.t0 + 4 * s.bucketMs - 1.5 * s.intervalMs + j * s.intervalMs;
    rows.push(
      sumRow({
        metric: s.metric,
        atMs: at,
        startMs: lateStart,
        value: v,
        temporality: 2,
        attributes: { kind: 'late' },
      }),
    );
  });
  return { rows, truth };
}

let t: TestStore;
const truths = new Map<string, Map<string, number>>();

beforeAll(async () => {
  t = await openTestStore('naap-rollup-counters-');
  for (const s of SCENARIOS) {
    const { rows, truth } = simulate(s);
    truths.set(s.metric, truth);
    // two inserts: states from several parts merge at query time
    await insertRaw(
      t.store,
      'sum',
      rows.filter((_, i) => i % 2 === 0),
    );
    await insertRaw(
      t.store,
      'sum',
      rows.filter((_, i) => i % 2 === 1),
    );
  }
});

afterAll(async () => {
  await t.close();
});

const byKey = (rows: CounterIncrease[]) =>
  new Map(rows.map((r) => [`${r.attributes['kind'] ?? ''}@${r.bucket.getTime()}`, r]));

describe.each(SCENARIOS)('counter increases per $step', (s) => {
  const range = (fromBucket: number, toBucket: number) => ({
    metric: s.metric,
    step: s.step,
    from: new Date(s.t0 + fromBucket * s.bucketMs),
    to: new Date(s.t0 + toBucket * s.bucketMs),
  });

  it('equal the true increments across a restart, a reset and a restart at a boundary', async () => {
    const truth = truths.get(s.metric)!;
    const rows = byKey(await counterIncreases(t.store, range(1, 8)));
    for (let b = 1; b < 8; b++) {
      const bucket = s.t0 + b * s.bucketMs;
      expect(rows.get(`cumulative@${bucket}`)?.increase, `cumulative bucket ${b}`).toBe(
        truth.get(`cumulative@${bucket}`),
      );
      expect(rows.get(`delta@${bucket}`)?.increase, `delta bucket ${b}`).toBe(
        truth.get(`delta@${bucket}`),
      );
    }
    const resets = [1, 2, 3, 4, 5, 6, 7].map(
      (b) => rows.get(`cumulative@${s.t0 + b * s.bucketMs}`)?.resets,
    );
    expect(resets).toEqual([0, 0, 1, 0, 1, 1, 0]);
    // the new counter counts from its start: 4 in bucket 3 (then 6), 3 more in bucket 4
    expect(rows.get(`late@${s.t0 + 3 * s.bucketMs}`)?.increase).toBe(6);
    expect(rows.get(`late@${s.t0 + 4 * s.bucketMs}`)?.increase).toBe(3);
    expect(rows.get(`cumulative@${s.t0}`)).toBeUndefined(); // look-back bucket not returned
  });

  it('gets the first bucket of any range right (one bucket of look-back)', async () => {
    const truth = truths.get(s.metric)!;
    for (const first of [1, 3, 4, 5, 6]) {
      const rows = await counterIncreases(t.store, range(first, first + 1));
      const bucket = s.t0 + first * s.bucketMs;
      const cum = rows.find((r) => r.attributes['kind'] === 'cumulative');
      expect(cum?.bucket.getTime()).toBe(bucket);
      expect(cum?.increase, `first bucket ${first}`).toBe(truth.get(`cumulative@${bucket}`));
    }
  });

  it('sums delta points exactly and the totals match the truth', async () => {
    const truth = truths.get(s.metric)!;
    const rows = await counterIncreases(t.store, range(0, 8));
    const total = (kind: string) =>
      rows.filter((r) => r.attributes['kind'] === kind).reduce((n, r) => n + r.increase, 0);
    const expected = (kind: string) =>
      [...truth].filter(([k]) => k.startsWith(`${kind}@`)).reduce((n, [, v]) => n + v, 0);
    expect(total('delta')).toBe(expected('delta'));
    expect(total('cumulative')).toBe(expected('cumulative'));
  });

  it('applies filters as query parameters', async () => {
    const none = await counterIncreases(t.store, {
      ...range(0, 8),
      filters: { orchestrator: ORCH_B },
    });
    expect(none).toEqual([]);
    const fra = await counterIncreases(t.store, {
      ...range(0, 8),
      filters: { region: ['FRA', 'LAX'] },
    });
    expect(fra.length).toBeGreaterThan(0);
  });
});
