import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaugeBuckets, type GaugeBucket } from './gauges.js';
import {
  ORCH_A,
  ORCH_B,
  baseTime,
  gaugeRow,
  insertRaw,
  openTestStore,
  type TestStore,
} from './test-support.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = baseTime();
const GPU = 'GPU-11111111-2222-3333-4444-555555555555';

let t: TestStore;

/** Samples of series `k` (value, offset from T0 in ms). */
const A: [number, number][] = [
  [0.5, 5_000],
  [0.75, 20_000],
  [0.25, 50_000], // minute 0: avg 0.5, min 0.25, max 0.75, last 0.25
  [1.0, MIN + 10_000],
  [0.0, MIN + 40_000], // minute 1: avg 0.5, min 0, max 1, last 0
  [0.6, HOUR + 1_000], // next hour
];
const B: [number, number][] = [
  [10, 15_000],
  [30, 45_000],
];

function row(value: number, at: number, k: string, extra: Record<string, string> = {}) {
  return gaugeRow({
    metric: 'hw.gpu.utilization',
    atMs: T0 + at,
    value,
    attributes: { 'hw.id': GPU, k, ...extra },
  });
}

beforeAll(async () => {
  t = await openTestStore('naap-rollup-gauges-');
  // Several inserts, out of time order, attribute keys in either order: the
  // rollup states must merge across parts and sort by TimeUnix, not insert order.
  const [a0, a1, a2, ...aRest] = A.map(([v, at]) => row(v, at, 'a'));
  await insertRaw(t.store, 'gauge', [a2!, a0!]);
  await insertRaw(t.store, 'gauge', [
    a1!,
    ...aRest,
    // the same series, keys written in the other order
    gaugeRow({
      metric: 'hw.gpu.utilization',
      atMs: T0 + 30_000,
      value: 0.5,
      attributes: { k: 'a', 'hw.id': GPU },
    }),
    // "no recorded value": left out of the rollups
    gaugeRow({
      metric: 'hw.gpu.utilization',
      atMs: T0 + 55_000,
      value: 99,
      flags: 1,
      attributes: { 'hw.id': GPU, k: 'a' },
    }),
  ]);
  await insertRaw(
    t.store,
    'gauge',
    B.map(([v, at]) => row(v, at, 'b')),
  );
  await insertRaw(t.store, 'gauge', [
    gaugeRow({
      metric: 'hw.gpu.utilization',
      atMs: T0 + 1_000,
      value: 7,
      attributes: { 'hw.id': 'GPU-other', k: 'a' },
      producer: { orchestrator: ORCH_B, region: 'LAX' },
    }),
  ]);
});

afterAll(async () => {
  await t.close();
});

const pick = (rows: GaugeBucket[], k: string, bucket: number) =>
  rows.find((r) => r.attributes['k'] === k && r.bucket.getTime() === bucket);

describe('gauge rollups', () => {
  it('per minute: avg, min, max, last and count equal the hand-computed values', async () => {
    const rows = await gaugeBuckets(t.store, {
      metric: 'hw.gpu.utilization',
      from: new Date(T0),
      to: new Date(T0 + 2 * MIN),
      step: 'minute',
      filters: { orchestrator: ORCH_A },
    });
    // series a, b in minute 0; a in minute 1
    expect(rows).toHaveLength(3);
    const m0 = pick(rows, 'a', T0)!;
    // 0.5, 0.75, 0.25 and the reordered-keys 0.5 (same series); flagged 99 left out
    expect(m0).toMatchObject({ min: 0.25, max: 0.75, last: 0.25, samples: 4 });
    expect(m0.avg).toBeCloseTo(0.5, 12);
    expect(m0).toMatchObject({
      orchestratorAddress: ORCH_A,
      gpuId: GPU,
      region: 'FRA',
      source: 'agent',
      hostName: 'host-1',
      serviceName: 'naap-agent',
      attributes: { 'hw.id': GPU, k: 'a' },
    });
    expect(pick(rows, 'a', T0 + MIN)).toMatchObject({
      avg: 0.5,
      min: 0,
      max: 1,
      last: 0,
      samples: 2,
    });
    expect(pick(rows, 'b', T0)).toMatchObject({ avg: 20, min: 10, max: 30, last: 30, samples: 2 });
  });

  it('per hour: fed from raw points, not from minute rows', async () => {
    const rows = await gaugeBuckets(t.store, {
      metric: 'hw.gpu.utilization',
      from: new Date(T0),
      to: new Date(T0 + 2 * HOUR),
      step: 'hour',
      filters: { gpu: GPU },
    });
    const h0 = pick(rows, 'a', T0)!;
    // 0.5, 0.75, 0.25, 0.5, 1.0, 0.0 → mean of samples (not of minute means)
    expect(h0).toMatchObject({ min: 0, max: 1, last: 0, samples: 6 });
    expect(h0.avg).toBeCloseTo(3 / 6, 12);
    expect(pick(rows, 'a', T0 + HOUR)).toMatchObject({ avg: 0.6, last: 0.6, samples: 1 });
    expect(pick(rows, 'b', T0)).toMatchObject({ avg: 20, samples: 2 });
    expect(rows).toHaveLength(3);
  });

  it('keeps distinct series apart and filters by any dimension', async () => {
    const q = { metric: 'hw.gpu.utilization', from: new Date(T0), to: new Date(T0 + MIN) };
    const all = await gaugeBuckets(t.store, { ...q, step: 'minute' });
    expect(all.map((r) => `${r.orchestratorAddress}/${r.attributes['k']}`).sort()).toEqual([
      `${ORCH_A}/a`,
      `${ORCH_A}/b`,
      `${ORCH_B}/a`,
    ]);
    const lax = await gaugeBuckets(t.store, { ...q, step: 'minute', filters: { region: ['LAX'] } });
    expect(lax.map((r) => r.avg)).toEqual([7]);
    const none = await gaugeBuckets(t.store, {
      ...q,
      step: 'minute',
      filters: { region: 'FRA', orchestrator: ORCH_B },
    });
    expect(none).toEqual([]);
  });

  it('estimates sample quantiles from the t-digest state', async () => {
    const [b] = await gaugeBuckets(t.store, {
      metric: 'hw.gpu.utilization',
      from: new Date(T0),
      to: new Date(T0 + MIN),
      step: 'minute',
      filters: { orchestrator: ORCH_B },
      quantiles: [0, 1],
    });
    expect(b?.quantiles).toEqual([7, 7]);
  });

  it('treats filter values as data, never as SQL', async () => {
    const rows = await gaugeBuckets(t.store, {
      metric: "x' OR 1=1 --",
      from: new Date(T0),
      to: new Date(T0 + HOUR),
      step: 'hour',
      filters: { orchestrator: "' OR ''='" },
    });
    expect(rows).toEqual([]);
  });
});
