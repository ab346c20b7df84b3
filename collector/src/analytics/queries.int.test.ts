import { ATTR, METRIC, jitterFromMoments, momentsOf, slaScoreV1, weightedJitter } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORCH_A,
  ORCH_B,
  baseTime,
  gaugeRow,
  openTestStore,
  sumRow,
  type TestStore,
} from '../storage/rollups/test-support.js';
import { addMaintenanceWindow } from './maintenance.js';
import {
  aggregatedStats,
  availabilityOf,
  leaderboard,
  networkDemand,
  orchestratorSla,
  slaCompliance,
  streamFigures,
} from './queries.js';
import { recompute } from './score/recompute.js';
import { JOB_DURATION_BOUNDARIES } from './test-bounds.js';
import {
  MODEL_LIVE,
  MODEL_T2I,
  agent,
  heartbeatRows,
  histogramOf,
  insertLogs,
  insertRaw,
  jobRows,
  testloadJob,
} from './test-support.js';

const HOUR = 3_600_000;
const T0 = baseTime(6); // six hours of data: T0 … T0 + 6 h
const NOW = T0 + 6 * HOUR;
const A = agent(ORCH_A);
const GPU_MODEL = 'NVIDIA GeForce RTX 4090';
const FPS_BOUNDS = [1, 5, 10, 12, 15, 18, 20, 22, 24, 26, 28, 30, 35, 40, 50, 60, 90, 120];

const streams: Record<string, number[]> = {
  's-1': [20, 21, 19, 20, 22, 18],
  's-2': [10, 30, 10, 30],
};

let t: TestStore;

async function seed(): Promise<void> {
  const gauges = [];
  const sums = [];
  const hist = [];
  for (let h = 0; h < 6; h++) {
    const at = T0 + h * HOUR;
    gauges.push(...heartbeatRows(A, at, at + HOUR, 60));
    for (const gpu of ['GPU-1', 'GPU-2']) {
      gauges.push(
        gaugeRow({
          metric: METRIC.gpuMemoryLimit,
          atMs: at + 1000,
          producer: A,
          value: 24e9,
          attributes: { [ATTR.hwId]: gpu, [ATTR.hwModel]: GPU_MODEL },
        }),
      );
    }
    sums.push(
      ...jobRows(A, at + 60_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 10 * (h + 1) },
        {
          pipeline: 'text-to-image',
          model: MODEL_T2I,
          outcome: 'failure',
          errorClass: 'capacity',
          count: h,
        },
      ]),
      sumRow({
        metric: METRIC.ticketValueReceived,
        atMs: at + 1000,
        startMs: at,
        producer: A,
        temporality: 1,
        value: 1e9,
      }),
    );
    hist.push(
      histogramOf(
        METRIC.jobDuration,
        A,
        at + 60_000,
        Array.from({ length: 10 * (h + 1) }, () => 6),
        JOB_DURATION_BOUNDARIES,
        { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: MODEL_T2I, [ATTR.outcome]: 'success' },
      ),
    );
  }
  // Two live streams in the first hour, each sample exported on its own.
  for (const [id, samples] of Object.entries(streams)) {
    const attrs = {
      [ATTR.pipeline]: 'live-video-to-video',
      [ATTR.modelId]: MODEL_LIVE,
      [ATTR.streamId]: id,
    };
    samples.forEach((x, i) => {
      const at = T0 + 600_000 + i * 60_000;
      hist.push(histogramOf(METRIC.liveFps, A, at, [x], FPS_BOUNDS, attrs));
      sums.push(
        sumRow({
          metric: METRIC.liveFpsSquares,
          atMs: at,
          startMs: at - 5000,
          producer: A,
          temporality: 1,
          value: x * x,
          attributes: attrs,
        }),
      );
    });
  }
  sums.push(
    ...jobRows(A, T0 + 600_000, [
      { pipeline: 'live-video-to-video', model: MODEL_LIVE, outcome: 'success', count: 2 },
    ]),
  );
  // Probes of B: 9 of 10 succeed each hour, one hour in a maintenance window fails them all.
  for (let h = 0; h < 6; h++) {
    const producer = {
      orchestrator: ORCH_B,
      source: 'testload',
      host: 'gw-1',
      service: 'naap-gateway',
    };
    const at = T0 + h * HOUR + 30 * 60_000;
    const ok = h === 2 ? 0 : 9;
    sums.push(
      sumRow({
        metric: METRIC.probes,
        atMs: at,
        startMs: at - 60_000,
        producer,
        temporality: 1,
        value: ok,
        attributes: { [ATTR.outcome]: 'success' },
      }),
      sumRow({
        metric: METRIC.probes,
        atMs: at,
        startMs: at - 60_000,
        producer,
        temporality: 1,
        value: 10 - ok,
        attributes: { [ATTR.outcome]: 'failure' },
      }),
    );
  }
  await insertRaw(t.store, 'gauge', gauges);
  await insertRaw(t.store, 'sum', sums);
  await insertRaw(t.store, 'histogram', hist);
  const jobs = [];
  for (let h = 0; h < 6; h++) {
    for (const [o, latency, region] of [
      [ORCH_A, 1000, 'FRA'],
      [ORCH_B, 2000, 'FRA'],
      [ORCH_B, 3000, 'LAX'],
    ] as const) {
      for (let i = 0; i < 5; i++) {
        jobs.push(
          testloadJob({
            orchestratorAddress: o,
            region,
            timeUnixMs: T0 + h * HOUR + i * 60_000,
            pipeline: 'text-to-image',
            modelId: MODEL_T2I,
            latencyMs: latency,
            outcome: o === ORCH_B && i === 0 ? 'failure' : 'success',
            errorClass: o === ORCH_B && i === 0 ? 'timeout' : null,
          }),
        );
      }
    }
  }
  await insertLogs(t.store, jobs);
  await addMaintenanceWindow(t.store, {
    orchestrator: ORCH_B,
    startsAt: new Date(T0 + 2 * HOUR),
    endsAt: new Date(T0 + 3 * HOUR),
  });
  await recompute(t.store, { from: new Date(T0), to: new Date(NOW) }, { now: NOW });
}

beforeAll(async () => {
  t = await openTestStore('naap-analytics-queries-');
  await seed();
});

afterAll(async () => {
  await t.close();
});

const range = { fromMs: T0, toMs: NOW };

describe('compliance', () => {
  it('serves the stored hourly scores with inputs, cohort and breakdown, paged', async () => {
    const first = await slaCompliance(t.store, {
      range,
      granularity: 'hour',
      orchestrator: ORCH_A,
      source: 'agent',
      pipeline: 'text-to-image',
      limit: 4,
      now: NOW,
    });
    expect(first.items).toHaveLength(4);
    expect(first.next).not.toBeNull();
    const rest = await slaCompliance(t.store, {
      range,
      granularity: 'hour',
      orchestrator: ORCH_A,
      source: 'agent',
      pipeline: 'text-to-image',
      limit: 4,
      after: first.next ?? undefined,
      now: NOW,
    });
    expect(rest.items).toHaveLength(2);
    expect(rest.next).toBeNull();
    const all = [...first.items, ...rest.items];
    expect(all.map((r) => r.startMs)).toEqual([0, 1, 2, 3, 4, 5].map((h) => T0 + h * HOUR));
    expect(all.map((r) => r.inputs.jobs.success)).toEqual([10, 20, 30, 40, 50, 60]);
    for (const r of all) expect(r.breakdown).toEqual(slaScoreV1(r.inputs, r.cohort));
  });

  it('recomputes a window from the merged inputs, not from the hourly scores', async () => {
    const hourly = await slaCompliance(t.store, {
      range,
      granularity: 'hour',
      orchestrator: ORCH_B,
      limit: 100,
      now: NOW,
    });
    const window = await slaCompliance(t.store, {
      range,
      granularity: 'window',
      orchestrator: ORCH_B,
      limit: 100,
      now: NOW,
    });
    expect(window.items).toHaveLength(1);
    const w = window.items[0]!;
    expect(w.inputs.jobs).toEqual({ success: 48, failure: 12, excused: 0 });
    expect(w.inputs.e2e.samples).toBe(48);
    expect(w.inputs.jobs.success).toBe(hourly.items.reduce((s, r) => s + r.inputs.jobs.success, 0));
    expect(w.breakdown).toEqual(slaScoreV1(w.inputs, w.cohort));
    expect([w.startMs, w.endMs]).toEqual([T0, NOW]);
  });

  it('gives one score per day with the day granularity', async () => {
    const days = await slaCompliance(t.store, {
      range,
      granularity: 'day',
      orchestrator: ORCH_A,
      source: 'agent',
      pipeline: 'text-to-image',
      limit: 100,
      now: NOW,
    });
    const total = days.items.reduce((s, r) => s + r.inputs.jobs.success, 0);
    expect(total).toBe(210);
    expect(days.items.length).toBeGreaterThanOrEqual(1);
    for (const d of days.items)
      expect(d.inputs.heartbeats?.expected).toBe((d.endMs - d.startMs) / 60_000);
  });
});

describe('leaderboard', () => {
  it('ranks orchestrators by their window score, test loads first, with figures and sources', async () => {
    const rows = await leaderboard(t.store, {
      range,
      pipeline: 'text-to-image',
      model: MODEL_T2I,
      now: NOW,
    });
    expect(rows.map((r) => [r.rank, r.address, r.source])).toEqual([
      [1, ORCH_A, 'testload'],
      [2, ORCH_B, 'testload'],
    ]);
    const [a, b] = rows;
    expect(a?.successRate).toEqual({ value: 1, source: 'testload' });
    expect(b?.successRate.value).toBeCloseTo(0.8, 12);
    expect(a?.e2eP50Ms.value).toBeCloseTo(1000, 0);
    expect(a?.gpus).toBe(2);
    expect(a?.availability).toEqual({ value: 1, source: 'agent' });
    // B has no agent: its availability is its probes', maintenance hour left out
    expect(b?.availability).toEqual({ value: 0.9, source: 'testload' });
    expect(a?.jobs).toBe(30);
  });
});

describe('availability', () => {
  it('excludes maintenance windows from probes', async () => {
    const av = await availabilityOf(t.store, { range, now: NOW });
    expect(av.get(ORCH_B)).toMatchObject({
      probe: 0.9,
      probes: 50,
      probeSuccesses: 45,
      time: null,
    });
    expect(av.get(ORCH_A)).toMatchObject({ time: 1, hosts: 1 });
  });
});

describe('jitter', () => {
  it('is the sample-weighted mean of each stream’s σ/μ (the contract’s formulas)', async () => {
    const [row] = await streamFigures(t.store, {
      range: { from: new Date(T0), to: new Date(NOW) },
      filter: { orchestrator: ORCH_A },
      groupBy: ['pipeline'],
    });
    const want = weightedJitter(
      Object.values(streams).map((s) => ({
        jitter: jitterFromMoments(momentsOf(s)) ?? 0,
        samples: s.length,
      })),
    );
    expect(row?.streams).toBe(2);
    expect(row?.jitter).toBeCloseTo(want ?? -1, 12);
    expect(row?.streamMinutes).toBe(5 + 3);
  });
});

describe('demand', () => {
  it('sums jobs, inference minutes, missing capacity per day, and gives the capacity rate', async () => {
    const d = await networkDemand(t.store, {
      range,
      granularity: 'day',
      source: 'agent',
      pipeline: 'text-to-image',
      byGpuModel: true,
      now: NOW,
    });
    const jobs = d.rows.reduce((s, r) => s + r.jobs, 0);
    const minutes = d.rows.reduce((s, r) => s + r.inferenceMinutes, 0);
    expect(jobs).toBe(210 + 15);
    expect(d.rows.reduce((s, r) => s + r.missingCapacity, 0)).toBe(15);
    expect(minutes).toBeCloseTo((210 * 6) / 60, 9);
    expect(d.rows.every((r) => r.gpuModel === GPU_MODEL)).toBe(true);
    const hours = await networkDemand(t.store, {
      range,
      granularity: 'hour',
      source: 'agent',
      pipeline: 'text-to-image',
      now: NOW,
    });
    // hour h: 10(h+1) jobs × 6 s on 2 GPUs × 60 min
    expect(hours.rows.map((r) => r.capacityRate)).toEqual(
      [0, 1, 2, 3, 4, 5].map((h) => (10 * (h + 1) * 0.1) / 120),
    );
    expect(hours.fees.map((f) => f.feesEth)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('counts live jobs as streams and stream time as inference minutes', async () => {
    const d = await networkDemand(t.store, {
      range,
      granularity: 'week',
      pipeline: 'live-video-to-video',
      now: NOW,
    });
    expect(d.rows.reduce((s, r) => s + r.streams, 0)).toBe(2);
    expect(d.rows.reduce((s, r) => s + r.inferenceMinutes, 0)).toBe(8);
  });
});

describe('aggregated_stats', () => {
  it('answers in the Livepeer leaderboard shape per test-load region', async () => {
    const s = await aggregatedStats(t.store, { range });
    expect(Object.keys(s).sort()).toEqual([ORCH_A, ORCH_B]);
    expect(Object.keys(s[ORCH_B] ?? {}).sort()).toEqual(['FRA', 'LAX']);
    const a = s[ORCH_A]?.FRA;
    expect(a?.success_rate).toBe(1);
    // FRA's median end-to-end time is A's (30 of its 54 samples): A scores 0.8, slower B less
    expect(a?.round_trip_score).toBeCloseTo(0.8, 2);
    expect(s[ORCH_B]?.FRA?.round_trip_score).toBeLessThan(0.7);
    expect(a?.score).toBeCloseTo(0.65 + 0.35 * (a?.round_trip_score ?? 0), 12);
    // alone in LAX, B is at the median
    expect(s[ORCH_B]?.LAX?.round_trip_score).toBeCloseTo(0.8, 2);
  });
});

describe('orchestrator detail', () => {
  it('gives every workload’s window score, the latest hour, availability and GPUs', async () => {
    const d = await orchestratorSla(t.store, { address: ORCH_A, range, now: NOW });
    expect(d.workloads.map((w) => [w.pipeline, w.source]).sort()).toEqual([
      ['live-video-to-video', 'agent'],
      ['text-to-image', 'agent'],
      ['text-to-image', 'testload'],
    ]);
    expect(d.latestHour.every((r) => r.startMs === NOW - HOUR)).toBe(true);
    expect(d.latestHour.length).toBeGreaterThan(0);
    expect(d.gpus).toHaveLength(2);
    expect(d.availability?.time).toBe(1);
  });
});
