import {
  ATTR,
  METRIC,
  slaScoreV1,
  type SlaBreakdown,
  type SlaCohort,
  type SlaInputs,
} from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryParams, queryRows } from '../storage/rollups/query.js';
import {
  ORCH_A,
  ORCH_B,
  baseTime,
  openTestStore,
  type TestStore,
} from '../storage/rollups/test-support.js';
import { addMaintenanceWindow } from './maintenance.js';
import { ANALYTICS_TABLES } from './schema/names.js';
import { runScorer } from './score/job.js';
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
const H = baseTime(3); // the hour under test
const NOW = H + 3 * HOUR;
const A = agent(ORCH_A);

interface StoredScore {
  readonly bucket: string | number;
  readonly orchestrator: string;
  readonly pipeline: string;
  readonly source: string;
  readonly version: string;
  readonly score: number | null;
  readonly inputs: string;
  readonly cohort: string;
  readonly breakdown: string;
}

let t: TestStore;

async function scores(where = '1'): Promise<StoredScore[]> {
  const p = new QueryParams();
  return queryRows<StoredScore>(
    t.store,
    `SELECT toUnixTimestamp(Bucket) AS bucket, OrchestratorAddress AS orchestrator,
       Pipeline AS pipeline, Source AS source, Version AS version, Score AS score,
       Inputs AS inputs, Cohort AS cohort, Breakdown AS breakdown
     FROM ${t.store.table(ANALYTICS_TABLES.scores)} FINAL
     WHERE ${where}
     ORDER BY bucket, orchestrator, pipeline, source`,
    p,
  );
}

const parsed = (s: StoredScore) => ({
  inputs: JSON.parse(s.inputs) as SlaInputs,
  cohort: JSON.parse(s.cohort) as SlaCohort,
  breakdown: JSON.parse(s.breakdown) as SlaBreakdown,
});

const durationsAt = (at: number, n: number, base: number) =>
  histogramOf(
    METRIC.jobDuration,
    A,
    at,
    Array.from({ length: n }, (_, i) => base + i * 0.01),
    JOB_DURATION_BOUNDARIES,
    { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: MODEL_T2I, [ATTR.outcome]: 'success' },
  );

/** 60 hourly rows of test-load history (two orchestrators × 30 hours) before H. */
function history() {
  const jobs = [];
  for (let h = 1; h <= 30; h++) {
    for (const [o, base] of [
      [ORCH_A, 1000],
      [ORCH_B, 2000],
    ] as const) {
      for (let i = 0; i < 4; i++) {
        jobs.push(
          testloadJob({
            orchestratorAddress: o,
            timeUnixMs: H - h * HOUR + i * 60_000,
            pipeline: 'live-video-to-video',
            modelId: MODEL_LIVE,
            latencyMs: base + 10 * i,
            ptffMs: 2 * base + 10 * i,
            fps: { count: 10, mean: o === ORCH_A ? 25 : 15, stddev: 1, min: 10 },
            warm: null,
          }),
        );
      }
    }
  }
  return jobs;
}

beforeAll(async () => {
  t = await openTestStore('naap-analytics-scores-');
  await insertLogs(t.store, history());
  // The hour under test: the agent of A, down for its last 15 minutes.
  await insertRaw(t.store, 'gauge', heartbeatRows(A, H, H + 45 * 60_000));
  await insertRaw(t.store, 'sum', [
    ...jobRows(A, H + 60_000, [
      { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 18 },
      {
        pipeline: 'text-to-image',
        model: MODEL_T2I,
        outcome: 'failure',
        errorClass: 'oom',
        count: 2,
      },
    ]),
  ]);
  await insertRaw(t.store, 'histogram', [durationsAt(H + 60_000, 18, 0.5)]);
  // And test loads of B in the same hour.
  await insertLogs(
    t.store,
    Array.from({ length: 12 }, (_, i) =>
      testloadJob({
        orchestratorAddress: ORCH_B,
        timeUnixMs: H + i * 60_000,
        pipeline: 'live-video-to-video',
        modelId: MODEL_LIVE,
        latencyMs: 1500,
        ptffMs: 3000,
        fps: { count: 10, mean: 20, stddev: 2, min: 15 },
        swapped: i < 2,
        outcome: i === 11 ? 'failure' : 'success',
        errorClass: i === 11 ? 'timeout' : null,
        warm: null,
      }),
    ),
  );
  await runScorer(t.store, NOW);
});

afterAll(async () => {
  await t.close();
});

describe('stored naap-sla-v1 scores', () => {
  it('store exactly slaScoreV1 of their stored inputs and cohort, with the version', async () => {
    const rows = await scores();
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      const { inputs, cohort, breakdown } = parsed(row);
      expect(row.version).toBe('naap-sla-v1');
      expect(breakdown).toEqual(slaScoreV1(inputs, cohort));
      expect(row.score).toBe(breakdown.score);
    }
  });

  it('score the agent hour from its additive inputs, with heartbeat coverage', async () => {
    const [row] = await scores(`OrchestratorAddress = '${ORCH_A}' AND Source = 'agent'`);
    expect(row).toBeDefined();
    const { inputs, breakdown } = parsed(row!);
    expect(inputs.pipelineKind).toBe('batch');
    expect(inputs.jobs).toEqual({ success: 18, failure: 2, excused: 0 });
    expect(inputs.swaps).toBeNull();
    expect(inputs.e2e.samples).toBe(18);
    expect(inputs.heartbeats).toEqual({ received: 270, expected: 360 });
    expect(breakdown.coverage).toBe(0.75);
    expect(breakdown.rates.failure).toBeCloseTo(0.1, 12);
  });

  it('judge test loads against the 7-day cohort of their (pipeline, model)', async () => {
    const [row] = await scores(
      `OrchestratorAddress = '${ORCH_B}' AND Bucket = toDateTime(${H / 1000}, 'UTC')`,
    );
    const { inputs, cohort, breakdown } = parsed(row!);
    expect(cohort.e2e?.hourlyRows).toBe(60);
    expect(cohort.ptff?.hourlyRows).toBe(60);
    expect(cohort.fps?.hourlyRows).toBe(60);
    // Half of the history is A's (≈1000 ms), half B's (≈2000 ms); p90 is in B's.
    expect(cohort.e2e?.p50Ms).toBeGreaterThanOrEqual(1000);
    expect(cohort.e2e?.p50Ms).toBeLessThanOrEqual(2030);
    expect(cohort.e2e?.p90Ms).toBeGreaterThanOrEqual(2000);
    expect(cohort.fps?.p10).toBeCloseTo(15, 0);
    expect(inputs.swaps).toEqual({ observed: 12, swapped: 2 });
    expect(inputs.heartbeats).toBeNull();
    expect(breakdown.coverage).toBe(1);
    expect(breakdown.score).not.toBeNull();
  });
});

describe('late data', () => {
  it('re-scores the hour it belongs to on the next run', async () => {
    const before = parsed(
      (await scores(`OrchestratorAddress = '${ORCH_A}' AND Source = 'agent'`))[0]!,
    );
    // The agent was offline: its buffer arrives with the original timestamps.
    await insertRaw(t.store, 'gauge', heartbeatRows(A, H + 45 * 60_000, H + HOUR));
    await insertRaw(t.store, 'sum', [
      ...jobRows(A, H + 50 * 60_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 5 },
      ]),
    ]);
    const run = await runScorer(t.store, NOW + 60_000, { marginMs: 0 });
    expect(run.hours.map((h) => h.hour.getTime())).toContain(H);
    const after = parsed(
      (await scores(`OrchestratorAddress = '${ORCH_A}' AND Source = 'agent'`))[0]!,
    );
    expect(after.inputs.jobs).toEqual({ success: 23, failure: 2, excused: 0 });
    expect(after.inputs.heartbeats).toEqual({ received: 360, expected: 360 });
    expect(after.breakdown.coverage).toBe(1);
    expect(after.breakdown.score).toBeGreaterThan(before.breakdown.score ?? 0);
    // the cohort the hour was first judged against is kept
    expect(after.cohort).toEqual(before.cohort);
  });

  it('a run with nothing new re-scores nothing', async () => {
    // (no margin: every insert of this test has completed before the run)
    const run = await runScorer(t.store, NOW + 120_000, { marginMs: 0 });
    expect(run.hours).toEqual([]);
  });
});

describe('maintenance windows', () => {
  it('take their minutes out of the heartbeats a score expects', async () => {
    await addMaintenanceWindow(t.store, {
      orchestrator: ORCH_A,
      startsAt: new Date(H + 30 * 60_000),
      endsAt: new Date(H + HOUR),
      reason: 'driver upgrade',
    });
    await runScorer(t.store, NOW + 180_000);
    const { inputs } = parsed(
      (await scores(`OrchestratorAddress = '${ORCH_A}' AND Source = 'agent'`))[0]!,
    );
    expect(inputs.heartbeats).toEqual({ received: 180, expected: 180 });
  });
});

describe('recompute', () => {
  it('is idempotent: a second run leaves the same scores', async () => {
    const range = { from: new Date(H - 3 * HOUR), to: new Date(H + HOUR) };
    const first = await recompute(t.store, range, { now: NOW });
    const a = await scores();
    const second = await recompute(t.store, range, { now: NOW });
    const b = await scores();
    expect(second).toEqual(first);
    expect(first.hours).toBe(4);
    expect(b.map((r) => parsed(r))).toEqual(a.map((r) => parsed(r)));
  });

  it('recomputes the cohorts of an hour whose week received data, and keeps them otherwise', async () => {
    const cohortOf = async (): Promise<{ rows: string | number; at: string }> => {
      const [row] = await queryRows<{ rows: string | number; at: string }>(
        t.store,
        `SELECT E2eRows AS rows, toString(ComputedAt) AS at
         FROM ${t.store.table(ANALYTICS_TABLES.cohorts)} FINAL
         WHERE Bucket = toDateTime(${H / 1000}, 'UTC') AND Source = 'testload'`,
        new QueryParams(),
      );
      if (row === undefined) throw new Error('no stored cohort');
      return row;
    };
    const range = { from: new Date(H), to: new Date(H + HOUR) };
    await recompute(t.store, range, { now: NOW });
    const before = await cohortOf();
    // A test load of A delivered late, 40 hours before H: a new hourly row of H's week.
    await insertLogs(t.store, [
      testloadJob({
        orchestratorAddress: ORCH_A,
        timeUnixMs: H - 40 * HOUR,
        pipeline: 'live-video-to-video',
        modelId: MODEL_LIVE,
        latencyMs: 1000,
        ptffMs: 2000,
        fps: { count: 10, mean: 25, stddev: 1, min: 20 },
        warm: null,
      }),
    ]);
    await recompute(t.store, range, { now: NOW });
    const after = await cohortOf();
    expect(Number(after.rows)).toBe(Number(before.rows) + 1);
    // Nothing new: the stored cohort stays (it is not recomputed).
    await recompute(t.store, range, { now: NOW });
    expect(await cohortOf()).toEqual(after);
  });
});

describe('an agent that changes its export interval', () => {
  it('is expected at the interval it reported in the hour, not an average over the day', async () => {
    const B = agent(ORCH_B);
    // Every 10 s for an hour, then every 60 s (reconfigured), up the whole time.
    await insertRaw(t.store, 'gauge', [
      ...heartbeatRows(B, H + HOUR, H + 2 * HOUR, 10),
      ...heartbeatRows(B, H + 2 * HOUR, H + 3 * HOUR, 60),
    ]);
    await insertRaw(t.store, 'sum', [
      ...jobRows(B, H + 2 * HOUR + 60_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 4 },
      ]),
    ]);
    await recompute(
      t.store,
      { from: new Date(H + 2 * HOUR), to: new Date(H + 3 * HOUR) },
      { now: NOW },
    );
    const [row] = await scores(
      `OrchestratorAddress = '${ORCH_B}' AND Source = 'agent' AND Bucket = toDateTime(${(H + 2 * HOUR) / 1000}, 'UTC')`,
    );
    expect(row).toBeDefined();
    const { inputs, breakdown } = parsed(row!);
    expect(inputs.heartbeats).toEqual({ received: 60, expected: 60 });
    expect(breakdown.coverage).toBe(1);
  });
});
