import { ATTR, METRIC, slaScoreV1 } from '@naap/otel';
import {
  AggregatedStatsSchema,
  DemandSchema,
  LeaderboardSchema,
  ProblemSchema,
  SlaComplianceSchema,
  type SlaCompliance,
} from '@naap/otel/api';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaAnalytics } from '../../analytics/api.js';
import { recompute } from '../../analytics/score/recompute.js';
import { JOB_DURATION_BOUNDARIES } from '../../analytics/test-bounds.js';
import {
  MODEL_T2I,
  agent,
  heartbeatRows,
  histogramOf,
  insertLogs,
  insertRaw,
  jobRows,
  testloadJob,
} from '../../analytics/test-support.js';
import {
  ORCH_A,
  ORCH_B,
  baseTime,
  openTestStore,
  type TestStore,
} from '../../storage/rollups/test-support.js';
import { createRepository } from '../repository/index.js';
import { apiApp } from '../test-support.js';

/** The SLA routes over a real store: shapes, paging, CSV and problems. */

const HOUR = 3_600_000;
const T0 = baseTime(4);
const NOW = T0 + 4 * HOUR;
const A = agent(ORCH_A);

let t: TestStore;
let app: FastifyInstance;

function conforms(schema: TSchema, value: unknown): void {
  const check = Compile(schema);
  expect(check.Check(value), JSON.stringify([...check.Errors(value)].slice(0, 3))).toBe(true);
}

function expectProblem(res: LightMyRequestResponse, status: number, parameter?: string): void {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body: unknown = res.json();
  conforms(ProblemSchema, body);
  if (parameter !== undefined) expect(body).toMatchObject({ parameter });
  expect(res.body).not.toMatch(/SELECT|FROM|at .*\.ts/);
}

beforeAll(async () => {
  t = await openTestStore('naap-sla-routes-');
  for (let h = 0; h < 4; h++) {
    const at = T0 + h * HOUR;
    await insertRaw(t.store, 'gauge', heartbeatRows(A, at, at + HOUR, 60));
    await insertRaw(
      t.store,
      'sum',
      jobRows(A, at + 60_000, [
        { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 20 },
        {
          pipeline: 'text-to-image',
          model: MODEL_T2I,
          outcome: 'failure',
          errorClass: 'oom',
          count: h,
        },
      ]),
    );
    await insertRaw(t.store, 'histogram', [
      histogramOf(METRIC.jobDuration, A, at + 60_000, [0.5, 0.6, 0.7], JOB_DURATION_BOUNDARIES, {
        [ATTR.pipeline]: 'text-to-image',
        [ATTR.modelId]: MODEL_T2I,
        [ATTR.outcome]: 'success',
      }),
    ]);
    await insertLogs(
      t.store,
      [ORCH_A, ORCH_B].flatMap((o) =>
        Array.from({ length: 3 }, (_, i) =>
          testloadJob({
            orchestratorAddress: o,
            timeUnixMs: at + i * 60_000,
            pipeline: 'text-to-image',
            modelId: MODEL_T2I,
            latencyMs: o === ORCH_A ? 800 : 1600,
          }),
        ),
      ),
    );
  }
  await recompute(t.store, { from: new Date(T0), to: new Date(NOW) }, { now: NOW });
  ({ app } = await apiApp([], {
    repository: createRepository(t.store, 30_000),
    sla: slaAnalytics(t.store),
    now: () => NOW,
  }));
});

afterAll(async () => {
  await app.close();
  await t.close();
});

describe('GET /sla/compliance', () => {
  it('serves hourly scores with their explanation, paged by cursor', async () => {
    const url = `/api/v1/sla/compliance?orchestrator=${ORCH_A}&window=6h&limit=3`;
    const first = await app.inject(url);
    expect(first.statusCode).toBe(200);
    const page = first.json<SlaCompliance>();
    conforms(SlaComplianceSchema, page);
    expect(page.items).toHaveLength(3);
    for (const r of page.items) expect(r.breakdown).toEqual(slaScoreV1(r.inputs, r.cohort));
    const all = [...page.items];
    let cursor = page.nextCursor;
    while (cursor !== null) {
      const next = (await app.inject(`${url}&cursor=${cursor}`)).json<SlaCompliance>();
      all.push(...next.items);
      cursor = next.nextCursor;
    }
    // 4 hours × (agent, testload), in time order
    expect(all).toHaveLength(8);
    expect(all.map((r) => r.startMs)).toEqual([0, 0, 1, 1, 2, 2, 3, 3].map((h) => T0 + h * HOUR));
    expect(first.headers.etag).toBeDefined();
  });

  it('recomputes the whole window from the merged inputs', async () => {
    const res = await app.inject(
      `/api/v1/sla/compliance?orchestrator=${ORCH_A}&source=agent&granularity=window&window=6h`,
    );
    const body = res.json<SlaCompliance>();
    conforms(SlaComplianceSchema, body);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]?.inputs.jobs).toEqual({ success: 80, failure: 6, excused: 0 });
  });

  it('answers CSV with dotted columns', async () => {
    const res = await app.inject(
      `/api/v1/sla/compliance?orchestrator=${ORCH_B}&window=6h&format=csv`,
    );
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = res.body.trim().split(/\r?\n/);
    expect(header).toContain('breakdown.subscores.e2e');
    expect(header).toContain('inputs.jobs.success');
    expect(lines).toHaveLength(4);
  });

  it('names the bad parameter', async () => {
    expectProblem(
      await app.inject('/api/v1/sla/compliance?granularity=minute'),
      400,
      'granularity',
    );
    expectProblem(
      await app.inject('/api/v1/sla/compliance?cursor=bm90LWEtY3Vyc29y'),
      400,
      'cursor',
    );
    expectProblem(
      await app.inject('/api/v1/sla/compliance?orchestrator=0xABC'),
      400,
      'orchestrator',
    );
    expectProblem(
      await app.inject('/api/v1/sla/compliance?from=2020-01-01T00:00:00Z'),
      400,
      'from',
    );
    expectProblem(await app.inject(`/api/v1/sla/compliance?window=6h&x=${'y'.repeat(5000)}`), 400);
  });
});

describe('GET /leaderboard', () => {
  it('ranks by window score with sourced figures and identity', async () => {
    const res = await app.inject('/api/v1/leaderboard?window=6h');
    const body = res.json<{ items: { rank: number; address: string; source: string }[] }>();
    conforms(LeaderboardSchema, body);
    expect(body.items.map((r) => [r.rank, r.address, r.source])).toEqual([
      [1, ORCH_A, 'testload'],
      [2, ORCH_B, 'testload'],
    ]);
    const page = await app.inject('/api/v1/leaderboard?window=6h&limit=1');
    const p1 = page.json<{ items: { rank: number }[]; nextCursor: string }>();
    const p2 = (
      await app.inject(`/api/v1/leaderboard?window=6h&limit=1&cursor=${p1.nextCursor}`)
    ).json<{
      items: { rank: number }[];
      nextCursor: string | null;
    }>();
    expect([p1.items[0]?.rank, p2.items[0]?.rank, p2.nextCursor]).toEqual([1, 2, null]);
  });
});

describe('GET /network/demand', () => {
  it('sums demand per day with fees apart', async () => {
    const res = await app.inject(
      '/api/v1/network/demand?granularity=day&window=6h&pipeline=text-to-image',
    );
    const body = res.json<{ items: { jobs: number; source: string }[]; fees: unknown[] }>();
    conforms(DemandSchema, body);
    const agentJobs = body.items
      .filter((r) => r.source === 'agent')
      .reduce((s, r) => s + r.jobs, 0);
    expect(agentJobs).toBe(86);
    expect(body.fees).toEqual([]);
    expectProblem(await app.inject('/api/v1/network/demand?granularity=month'), 400, 'granularity');
  });
});

describe('GET /aggregated_stats', () => {
  it('answers in the Livepeer leaderboard shape', async () => {
    const res = await app.inject(`/api/v1/aggregated_stats?since=${(NOW - 6 * HOUR) / 1000}`);
    const body: unknown = res.json();
    conforms(AggregatedStatsSchema, body);
    expect(body).toMatchObject({
      [ORCH_A]: { FRA: { success_rate: 1 } },
      [ORCH_B]: { FRA: { success_rate: 1 } },
    });
    expectProblem(await app.inject('/api/v1/aggregated_stats?since=10&until=5'), 400, 'since');
    expectProblem(
      await app.inject('/api/v1/aggregated_stats?orchestrator=nope'),
      400,
      'orchestrator',
    );
  });
});

describe('without the SLA analytics', () => {
  it('the SLA routes answer 503', async () => {
    const { app: bare } = await apiApp([], {
      repository: createRepository(t.store, 30_000),
      now: () => NOW,
    });
    expectProblem(await bare.inject('/api/v1/leaderboard'), 503);
    await bare.close();
  });
});
