import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../model/jobs.js';
import { SIM_ORCHESTRATOR_HEADER } from './http-errors.js';
import { orch, testGateway, workload, type TestGateway } from './testing.js';

const MODEL = 'stabilityai/sdxl-turbo';
const t2i = (extra: Record<string, unknown> = {}) =>
  workload('text-to-image', MODEL, { latency: { p50Ms: 400, p95Ms: 800 }, ...extra });
const alwaysCapacity = t2i({ failureRate: 1, errors: { capacity: 1 } });

let gw: TestGateway | null = null;
afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

function post(
  g: TestGateway,
  payload: Record<string, unknown> = { prompt: 'a fox', width: 64, height: 64 },
) {
  return g.apps.api.inject({ method: 'POST', url: '/text-to-image', payload });
}

function countingFetch(body: string): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const impl = (() => {
    calls++;
    return Promise.resolve(new Response(body));
  }) as typeof fetch;
  return { fetch: impl, calls: () => calls };
}

describe('pinning with -orchWebhookUrl', () => {
  it('serves every job by the one orchestrator the webhook returns, recorded pinned, fetching once per cache period', async () => {
    const hook = countingFetch('[{"address":"https://b.example.com:8935"}]');
    gw = await testGateway([orch('a', [t2i()]), orch('b', [t2i()]), orch('c', [t2i()])], {
      webhookUrl: 'http://tester.invalid/orchestrators',
      webhookCacheMs: 60_000,
      fetch: hook.fetch,
    });
    const b = gw.ctx.network.orchestrators[1];
    for (let i = 0; i < 6; i++) {
      const res = await post(gw);
      expect(res.statusCode).toBe(200);
      expect(res.headers[SIM_ORCHESTRATOR_HEADER]).toBe(b?.address);
    }
    expect(hook.calls()).toBe(1);
    const records = gw.engine.gatewayRequests();
    expect(records).toHaveLength(6);
    for (const r of records) {
      expect(r).toMatchObject({
        pinnedOrchestratorId: 'b',
        servedByOrchestratorId: 'b',
        swapped: false,
      });
      expect(r.attempts.map((j) => j.orchestratorId)).toEqual(['b']);
    }
  });

  it('fetches the webhook again once the cache period has passed', async () => {
    const hook = countingFetch('[{"address":"https://a.example.com:8935"}]');
    gw = await testGateway([orch('a', [t2i()])], {
      webhookUrl: 'http://tester.invalid/o',
      webhookCacheMs: 150,
      fetch: hook.fetch,
    });
    await post(gw);
    await post(gw);
    expect(hook.calls()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await post(gw);
    expect(hook.calls()).toBe(2);
  });

  it('answers 503 "no orchestrators available" when the webhook names no known orchestrator', async () => {
    const hook = countingFetch('[{"address":"https://stranger:8935"}]');
    gw = await testGateway([orch('a', [t2i()])], {
      webhookUrl: 'http://tester.invalid/o',
      fetch: hook.fetch,
    });
    const res = await post(gw);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { message: 'no orchestrators available' } });
  });
});

describe('retries and swaps', () => {
  it('serves on another orchestrator of the pool when the pinned one fails, recorded as a swap with its attempts', async () => {
    gw = await testGateway([orch('a', [alwaysCapacity]), orch('b', [t2i()])], {
      orchAddr: ['https://a.example.com:8935', 'https://b.example.com:8935'],
    });
    const res = await post(gw);
    expect(res.statusCode).toBe(200);
    expect(res.headers[SIM_ORCHESTRATOR_HEADER]).toBe(gw.ctx.network.orchestrators[1]?.address);
    const [record] = gw.engine.gatewayRequests();
    expect(record).toMatchObject({
      pinnedOrchestratorId: 'a',
      servedByOrchestratorId: 'b',
      swapped: true,
    });
    expect(record?.attempts.map((j) => [j.orchestratorId, j.outcome, j.errorClass])).toEqual([
      ['a', 'failure', 'capacity'],
      ['b', 'success', null],
    ]);
  });

  it("gives the client go-livepeer's 503 when the single orchestrator of the pool fails", async () => {
    gw = await testGateway([orch('a', [alwaysCapacity]), orch('b', [t2i()])], {
      orchAddr: ['https://a.example.com:8935'],
    });
    const res = await post(gw);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { message: 'no orchestrators available' } });
    const [record] = gw.engine.gatewayRequests();
    expect(record).toMatchObject({
      pinnedOrchestratorId: 'a',
      servedByOrchestratorId: null,
      swapped: false,
    });
    expect(record?.attempts).toHaveLength(1);
  });

  it('swaps away from an orchestrator in an outage (unreachable: no job ran there)', async () => {
    const outage = { from: '2026-01-15T00:00:00Z', to: '2026-01-16T00:00:00Z' };
    gw = await testGateway([orch('a', [t2i()], { outages: [outage] }), orch('b', [t2i()])], {
      orchAddr: ['https://a.example.com:8935', 'https://b.example.com:8935'],
    });
    const res = await post(gw);
    expect(res.statusCode).toBe(200);
    const [record] = gw.engine.gatewayRequests();
    expect(record).toMatchObject({
      pinnedOrchestratorId: 'a',
      servedByOrchestratorId: 'b',
      swapped: true,
    });
    expect(record?.attempts.map((j) => j.orchestratorId)).toEqual(['b']);
  });

  it('stops after `retries` orchestrators', async () => {
    const ids = ['a', 'b', 'c'];
    gw = await testGateway(
      ids.map((id) => orch(id, [alwaysCapacity])),
      { orchAddr: ids.map((id) => `https://${id}.example.com:8935`), retries: 2 },
    );
    const res = await post(gw);
    expect(res.statusCode).toBe(503);
    expect(gw.engine.gatewayRequests()[0]?.attempts.map((j) => j.orchestratorId)).toEqual([
      'a',
      'b',
    ]);
  });

  it('answers a bad request from the orchestrator with 400 and its message, without retrying', async () => {
    gw = await testGateway([
      orch('a', [t2i({ failureRate: 1, errors: { bad_request: 1 } })]),
      orch('b', [t2i()]),
    ]);
    const res = await post(gw);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/cannot unmarshal/);
    expect(gw.engine.gatewayRequests()[0]?.attempts).toHaveLength(1);
  });

  it('stops trying new orchestrators after requestTimeoutMs (go-livepeer aiProcessingRetryTimeout)', async () => {
    const slowFail = t2i({
      failureRate: 1,
      errors: { runner_error: 1 },
      latency: { p50Ms: 5_000, p95Ms: 5_000 },
    });
    gw = await testGateway([orch('a', [slowFail]), orch('b', [t2i()])], {
      orchAddr: ['https://a.example.com:8935', 'https://b.example.com:8935'],
      requestTimeoutMs: 1_000,
    });
    const res = await post(gw);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { message: 'no orchestrators available within 1s timeout' },
    });
  });
});

describe('the ledger', () => {
  it('holds one record per request whose attempts are exactly the jobs the engine ran', async () => {
    gw = await testGateway([
      orch('a', [t2i({ failureRate: 0.5, errors: { runner_error: 1, timeout: 1 } })]),
      orch('b', [t2i({ failureRate: 0.3, errors: { oom: 1 } })]),
      orch('c', [t2i()]),
    ]);
    const jobs: JobRecord[] = [];
    gw.engine.on('job', (j) => jobs.push(j));
    const N = 12;
    const statuses: number[] = [];
    for (let i = 0; i < N; i++) statuses.push((await post(gw)).statusCode);
    const records = gw.engine.gatewayRequests();
    expect(records).toHaveLength(N);
    expect(new Set(records.map((r) => r.requestId)).size).toBe(N);
    const attempts = records.flatMap((r) => r.attempts);
    expect(attempts).toEqual(jobs);
    records.forEach((r, i) => {
      const last = r.attempts.at(-1);
      if (statuses[i] === 200) {
        expect(last?.outcome).toBe('success');
        expect(r.servedByOrchestratorId).toBe(last?.orchestratorId);
      } else {
        expect(r.servedByOrchestratorId).toBeNull();
      }
      expect(r.attempts.slice(0, -1).every((j) => j.outcome !== 'success')).toBe(true);
    });
    expect(attempts.some((j) => j.outcome === 'failure')).toBe(true);
  });
});

describe('observability', () => {
  it('logs go-livepeer lines naming the orchestrators and exports the error and latency metrics on /metrics', async () => {
    const transport = t2i({ failureRate: 1, errors: { transport: 1 } });
    gw = await testGateway([orch('a', [transport]), orch('b', [t2i()])], {
      orchAddr: ['https://a.example.com:8935', 'https://b.example.com:8935'],
    });
    expect((await post(gw)).statusCode).toBe(200);
    await gw.apps.runtime.log.flush();
    const log = await readFile(join(gw.ctx.stateDir, 'gateway.log'), 'utf8');
    expect(log).toMatch(
      /^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ ai_process\.go:\d+\] request_id=[0-9a-f]{8} capability=Text to image model_id=stabilityai\/sdxl-turbo Error submitting request modelID=stabilityai\/sdxl-turbo try=1 orch=https:\/\/a\.example\.com:8935 err=/m,
    );
    expect(log).toMatch(
      /orch=https:\/\/b\.example\.com:8935 Processed AI request model_id=stabilityai\/sdxl-turbo took=[\d.]+m?s$/m,
    );
    const metrics = (await gw.apps.cli.inject({ method: 'GET', url: '/metrics' })).body;
    const [a, b] = gw.ctx.network.orchestrators;
    expect(metrics).toContain('# TYPE livepeer_ai_request_errors counter');
    expect(metrics).toContain(
      `orchestrator_address="${a?.account.address ?? ''}",orchestrator_uri="https://a.example.com:8935",orchestrator_version="0.9.1",pipeline="text-to-image"} 1`,
    );
    expect(metrics).toContain(
      'livepeer_ai_models_requested{model_name="stabilityai/sdxl-turbo",node_id="naap-sim-gateway",node_type="bctr",pipeline="text-to-image"} 1',
    );
    expect(metrics).toMatch(
      new RegExp(
        `livepeer_ai_request_latency_score\\{[^}]*orchestrator_address="${b?.account.address ?? ''}"`,
      ),
    );
  });
});
