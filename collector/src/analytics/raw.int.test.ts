import { ATTR, METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORCH_A,
  ORCH_B,
  TEST_CONTEXT,
  baseTime,
  openTestStore,
  sumRow,
  type TestStore,
} from '../storage/rollups/test-support.js';
import {
  availabilityOf,
  leaderboard,
  networkDemand,
  slaCompliance,
  streamFigures,
} from './queries.js';
import { recompute } from './score/recompute.js';
import { windowScores } from './score/window.js';
import { inputAggregates } from './read/inputs.js';
import { rawStore } from './raw.js';
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

/** The analytics tables hold exactly what their views compute from the raw rows at query time. */

const HOUR = 3_600_000;
const T0 = baseTime(30);
const NOW = T0 + 30 * HOUR;
const A = agent(ORCH_A);

let t: TestStore;

beforeAll(async () => {
  t = await openTestStore('naap-analytics-raw-');
  const sums = [];
  const hist = [];
  const gauges = [];
  for (let h = 0; h < 30; h++) {
    const at = T0 + h * HOUR;
    // the agent is silent in hour 7, partly so in every third hour
    if (h !== 7) gauges.push(...heartbeatRows(A, at, at + HOUR - (h % 3) * 600_000, 30));
    sums.push(
      ...jobRows(A, at + 5_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 5 + h },
        {
          pipeline: 'text-to-image',
          model: MODEL_T2I,
          outcome: 'failure',
          errorClass: 'oom',
          count: h % 4,
        },
        { pipeline: 'live-video-to-video', model: MODEL_LIVE, outcome: 'success', count: 1 },
      ]),
      sumRow({
        metric: METRIC.liveFpsSquares,
        atMs: at + 5_000,
        startMs: at,
        producer: A,
        temporality: 1,
        value: 400 * 10,
        attributes: {
          [ATTR.pipeline]: 'live-video-to-video',
          [ATTR.modelId]: MODEL_LIVE,
          [ATTR.streamId]: `s${h}`,
        },
      }),
    );
    hist.push(
      histogramOf(
        METRIC.jobDuration,
        A,
        at + 5_000,
        Array.from({ length: 5 + h }, (_, i) => 0.5 + i / 20),
        JOB_DURATION_BOUNDARIES,
        {
          [ATTR.pipeline]: 'text-to-image',
          [ATTR.modelId]: MODEL_T2I,
          [ATTR.outcome]: 'success',
        },
      ),
      histogramOf(
        METRIC.liveFps,
        A,
        at + 5_000,
        Array.from({ length: 10 }, () => 20),
        [10, 20, 30],
        {
          [ATTR.pipeline]: 'live-video-to-video',
          [ATTR.modelId]: MODEL_LIVE,
          [ATTR.streamId]: `s${h}`,
        },
      ),
    );
  }
  await insertRaw(t.store, 'sum', sums);
  await insertRaw(t.store, 'histogram', hist);
  await insertRaw(t.store, 'gauge', gauges);
  await insertLogs(
    t.store,
    Array.from({ length: 60 }, (_, i) =>
      testloadJob({
        orchestratorAddress: i % 2 === 0 ? ORCH_A : ORCH_B,
        timeUnixMs: T0 + i * 1_800_000,
        pipeline: 'text-to-image',
        modelId: MODEL_T2I,
        latencyMs: 900 + 10 * i,
        outcome: i % 7 === 0 ? 'failure' : 'success',
        errorClass: i % 7 === 0 ? 'timeout' : null,
      }),
    ),
  );
});

afterAll(async () => {
  await t.close();
});

const range = { from: new Date(T0), to: new Date(NOW) };

/** Numbers to 12 significant digits: sums in another order differ in the last bits. */
function rounded(x: unknown): unknown {
  if (typeof x === 'number') return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
  if (Array.isArray(x)) return x.map(rounded);
  if (x instanceof Map) return new Map([...x].map(([k, v]) => [k, rounded(v)]));
  if (x instanceof Date || x === null || typeof x !== 'object') return x;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rounded(v)]));
}

describe('analytics tables = their views over the raw tables', () => {
  it('inputs (through the daily table too)', async () => {
    const q = { range, groupBy: ['orchestrator', 'pipeline', 'model', 'source'] as const };
    const stored = await inputAggregates(t.store, q);
    const raw = await inputAggregates(rawStore(t.store, TEST_CONTEXT), q);
    expect(stored.length).toBe(4);
    expect(rounded(raw)).toEqual(rounded(stored));
  });

  it('leaderboard, availability, demand and jitter', async () => {
    const f = { range: { fromMs: T0, toMs: NOW }, now: NOW };
    const raw = rawStore(t.store, TEST_CONTEXT);
    expect(rounded(await leaderboard(raw, f))).toEqual(rounded(await leaderboard(t.store, f)));
    expect(rounded(await availabilityOf(raw, f))).toEqual(
      rounded(await availabilityOf(t.store, f)),
    );
    const d = { ...f, granularity: 'day' as const, byGpuModel: true };
    expect(rounded(await networkDemand(raw, d))).toEqual(rounded(await networkDemand(t.store, d)));
    const s = { range, groupBy: ['orchestrator'] as const };
    expect(rounded(await streamFigures(raw, s))).toEqual(rounded(await streamFigures(t.store, s)));
  });
});

describe('hourly window scores', () => {
  it('equal the stored scores of the same hours, a silent hour included', async () => {
    await recompute(t.store, range, { now: NOW });
    const stored = await slaCompliance(t.store, {
      range: { fromMs: T0, toMs: NOW },
      granularity: 'hour',
      orchestrator: ORCH_A,
      source: 'agent',
      limit: 1000,
      now: NOW,
    });
    const recomputed = await windowScores(rawStore(t.store, TEST_CONTEXT), {
      range,
      filter: { orchestrator: ORCH_A, source: 'agent' },
      bucket: 'hour',
      now: NOW,
    });
    const key = (x: { startMs?: number; fromMs?: number; pipeline: string }) =>
      `${x.startMs ?? x.fromMs}|${x.pipeline}`;
    const want = new Map(stored.items.map((r) => [key(r), rounded(r.breakdown)]));
    expect(recomputed.length).toBe(60);
    expect(new Map(recomputed.map((r) => [key(r), rounded(r.breakdown)]))).toEqual(want);
    const silent = stored.items.find((r) => r.startMs === T0 + 7 * HOUR);
    expect(silent?.breakdown.coverage).toBe(0);
  });
});
