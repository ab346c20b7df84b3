import { ATTR, METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DURATION_BOUNDARIES } from './test-bounds.js';
import { inputAggregates } from './read/inputs.js';
import {
  ORCH_A,
  ORCH_B,
  baseTime,
  openTestStore,
  rng,
  sumRow,
  type TestStore,
} from '../storage/rollups/test-support.js';
import {
  MODEL_LIVE,
  MODEL_T2I,
  agent,
  histogramOf,
  insertLogs,
  insertRaw,
  jobRows,
  testloadJob,
} from './test-support.js';

const HOUR = 3_600_000;
const T0 = baseTime(4);
const FPS_BOUNDS = [1, 5, 10, 12, 15, 18, 20, 22, 24, 26, 28, 30, 35, 40, 50, 60, 90, 120];

/** True quantile by linear interpolation between closest ranks. */
function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

const next = rng(7);
const durations: number[] = []; // seconds, agent A, text-to-image
const fpsSamples: number[] = []; // agent A, live
const live = agent(ORCH_A);

let t: TestStore;

beforeAll(async () => {
  t = await openTestStore('naap-analytics-inputs-');
  const sums = [
    ...jobRows(live, T0 + 60_000, [
      { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 40 },
      { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', warm: false, count: 4 },
      {
        pipeline: 'text-to-image',
        model: MODEL_T2I,
        outcome: 'failure',
        warm: false,
        errorClass: 'oom',
        count: 1,
      },
      {
        pipeline: 'text-to-image',
        model: MODEL_T2I,
        outcome: 'failure',
        errorClass: 'capacity',
        count: 3,
      },
      {
        pipeline: 'text-to-image',
        model: MODEL_T2I,
        outcome: 'excused',
        errorClass: 'no_orchestrator',
        count: 2,
      },
    ]),
    ...jobRows(live, T0 + HOUR + 60_000, [
      { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 10 },
      { pipeline: 'live-video-to-video', model: MODEL_LIVE, outcome: 'success', count: 3 },
      {
        pipeline: 'live-video-to-video',
        model: MODEL_LIVE,
        outcome: 'failure',
        errorClass: 'runner_error',
        count: 1,
      },
    ]),
  ];
  const hist = [];
  for (let i = 0; i < 12; i++) {
    const values = Array.from({ length: 20 }, () => 0.4 + 2 * next() ** 2);
    durations.push(...values);
    hist.push(
      histogramOf(
        METRIC.jobDuration,
        live,
        T0 + i * 300_000 + 1000,
        values,
        JOB_DURATION_BOUNDARIES,
        {
          [ATTR.pipeline]: 'text-to-image',
          [ATTR.modelId]: MODEL_T2I,
          [ATTR.outcome]: 'success',
        },
      ),
    );
  }
  const streamAttrs = {
    [ATTR.pipeline]: 'live-video-to-video',
    [ATTR.modelId]: MODEL_LIVE,
    [ATTR.streamId]: 's-1',
  };
  for (let i = 0; i < 6; i++) {
    const values = Array.from({ length: 50 }, () => 18 + 8 * next());
    fpsSamples.push(...values);
    const at = T0 + HOUR + i * 60_000 + 1000;
    hist.push(histogramOf(METRIC.liveFps, live, at, values, FPS_BOUNDS, streamAttrs));
    sums.push(
      sumRow({
        metric: METRIC.liveFpsSquares,
        atMs: at,
        startMs: at - 5000,
        producer: live,
        temporality: 1,
        value: values.reduce((s, x) => s + x * x, 0),
        attributes: streamAttrs,
      }),
    );
  }
  await insertRaw(t.store, 'sum', sums);
  await insertRaw(t.store, 'histogram', hist);
  await insertLogs(t.store, [
    ...Array.from({ length: 10 }, (_, i) =>
      testloadJob({
        orchestratorAddress: ORCH_B,
        timeUnixMs: T0 + 1000 * i,
        pipeline: 'live-video-to-video',
        modelId: MODEL_LIVE,
        latencyMs: 400 + 10 * i,
        ptffMs: 2000 + 100 * i,
        fps: { count: 30, mean: 20 + i, stddev: 1, min: 15 },
        swapped: i === 3,
        warm: null,
      }),
    ),
    testloadJob({
      orchestratorAddress: ORCH_B,
      timeUnixMs: T0 + 20_000,
      pipeline: 'live-video-to-video',
      modelId: MODEL_LIVE,
      outcome: 'failure',
      errorClass: 'timeout',
      latencyMs: 30_000,
      warm: null,
    }),
  ]);
});

afterAll(async () => {
  await t.close();
});

describe('hourly SLA inputs from agent metrics', () => {
  it('counts jobs by outcome, missing capacity and cold starts exactly', async () => {
    const [row, ...rest] = await inputAggregates(t.store, {
      range: { from: new Date(T0), to: new Date(T0 + HOUR) },
      filter: { orchestrator: ORCH_A, source: 'agent' },
      groupBy: ['pipeline', 'model', 'region'],
    });
    expect(rest).toHaveLength(0);
    expect(row?.group).toEqual({ pipeline: 'text-to-image', model: MODEL_T2I, region: 'FRA' });
    expect(row?.jobs).toEqual({ success: 44, failure: 4, excused: 2 });
    expect(row?.capacityRefused).toBe(5);
    expect(row?.startup).toEqual({ attempts: 5, successes: 4 });
    expect(row?.swaps).toEqual({ observed: 0, swapped: 0 });
  });

  it('keeps latency count and sum exact and the median within 2 %', async () => {
    const [row] = await inputAggregates(t.store, {
      range: { from: new Date(T0), to: new Date(T0 + HOUR) },
      filter: { orchestrator: ORCH_A, pipeline: 'text-to-image' },
    });
    const ms = durations.map((d) => d * 1000);
    expect(row?.e2e.count).toBe(ms.length);
    expect(row?.e2e.sumMs).toBeCloseTo(
      ms.reduce((a, b) => a + b, 0),
      6,
    );
    expect(row?.busySeconds).toBeCloseTo(
      durations.reduce((a, b) => a + b, 0),
      9,
    );
    for (const [q, got] of [
      [0.5, row?.e2e.p50],
      [0.9, row?.e2e.p90],
    ] as const) {
      const want = quantile(ms, q);
      expect(Math.abs((got ?? 0) - want) / want).toBeLessThan(0.02);
    }
  });

  it('treats every live job as a startup attempt and keeps exact FPS moments', async () => {
    const [row] = await inputAggregates(t.store, {
      range: { from: new Date(T0 + HOUR), to: new Date(T0 + 2 * HOUR) },
      filter: { orchestrator: ORCH_A, pipeline: 'live-video-to-video' },
    });
    expect(row?.jobs).toEqual({ success: 3, failure: 1, excused: 0 });
    expect(row?.startup).toEqual({ attempts: 4, successes: 3 });
    expect(row?.fps.count).toBe(fpsSamples.length);
    expect(row?.fps.sum).toBeCloseTo(
      fpsSamples.reduce((a, b) => a + b, 0),
      6,
    );
    expect(row?.fps.sumSquares).toBeCloseTo(
      fpsSamples.reduce((a, b) => a + b * b, 0),
      4,
    );
    // FPS buckets are 2 frames/s wide around the samples: the median is within a bucket.
    expect(Math.abs((row?.fps.p50 ?? 0) - quantile(fpsSamples, 0.5))).toBeLessThan(1);
  });
});

describe('hourly SLA inputs from test-load job records', () => {
  it('counts outcomes and swaps and keeps latency/PTFF of served jobs only', async () => {
    const [row] = await inputAggregates(t.store, {
      range: { from: new Date(T0), to: new Date(T0 + HOUR) },
      filter: { orchestrator: ORCH_B },
      groupBy: ['source', 'gpu'],
    });
    expect(row?.group).toEqual({ source: 'testload', gpu: '' });
    expect(row?.jobs).toEqual({ success: 10, failure: 1, excused: 0 });
    expect(row?.swaps).toEqual({ observed: 11, swapped: 1 });
    expect(row?.startup).toEqual({ attempts: 11, successes: 10 });
    expect(row?.e2e.count).toBe(10);
    expect(row?.e2e.sumMs).toBe(4450);
    // Ten samples 10 ms apart: the digest's median is within one sample step of 445.
    expect(Math.abs((row?.e2e.p50 ?? 0) - 445)).toBeLessThanOrEqual(10);
    expect(row?.ptff.count).toBe(10);
    expect(Math.abs((row?.ptff.p50 ?? 0) - 2450)).toBeLessThanOrEqual(100);
    expect(row?.fps.count).toBe(300);
    expect(row?.fps.sum).toBeCloseTo(30 * 245, 6);
    // Σx² of a stream = n·(σ² + μ²)
    expect(row?.fps.sumSquares).toBeCloseTo(
      Array.from({ length: 10 }, (_, i) => 30 * (1 + (20 + i) ** 2)).reduce((a, b) => a + b, 0),
      6,
    );
  });
});

describe('daily inputs', () => {
  it('equal the sum of the hours (a window read through the daily table gives the same answer)', async () => {
    const day = Math.floor(T0 / 86_400_000) * 86_400_000;
    const range = { from: new Date(day - 86_400_000), to: new Date(day + 2 * 86_400_000) };
    const q = { range, groupBy: ['orchestrator', 'pipeline', 'source'] as const };
    const viaDays = await inputAggregates(t.store, { ...q, daily: true });
    const viaHours = await inputAggregates(t.store, { ...q, daily: false });
    expect(viaDays.map((r) => [r.group, r.jobs, r.e2e.count, r.fps.count])).toEqual(
      viaHours.map((r) => [r.group, r.jobs, r.e2e.count, r.fps.count]),
    );
    expect(viaDays.length).toBe(3);
  });
});
