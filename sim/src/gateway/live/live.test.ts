import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkloadSpec } from '../../scenario/schema.js';
import { SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import type { GatewayOptions } from '../options.js';
import { orch, T0, testGateway, workload, type TestGateway } from '../testing.js';

const live = (extra: Partial<WorkloadSpec> = {}) =>
  workload('live-video-to-video', 'comfyui', {
    fps: { mean: 24, sigma: 0.5 },
    ptff: { p50Ms: 2000, p95Ms: 3000 },
    streamMinutes: 600,
    capacity: 2,
    ...extra,
  });

interface Status {
  state: string;
  pipeline: string;
  stream_id: string;
  input_status: { fps: number };
  inference_status: { fps: number; last_output_time: number | null; last_params: unknown };
  orchestrator_info: { address: string; url: string };
  gateway_status: { whep_url: string; error?: { error_message: string } };
}

let gw: TestGateway | null = null;
let wall = 0;
afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

/** A gateway on a clock whose wall time the test moves: 1 wall ms = 1 simulated second. */
async function gateway(orchs = [orch('a', [live()])], options: GatewayOptions = {}) {
  wall = 0;
  gw = await testGateway(orchs, options, { speed: 1000, wallNow: () => wall });
  return gw;
}

async function status(g: TestGateway, id: string) {
  return g.apps.api.inject({ method: 'GET', url: `/live/video-to-video/${id}/status` });
}

describe('live video-to-video', () => {
  it('starts a stream, reports LOADING then ONLINE with the runner FPS, and OFFLINE after stop', async () => {
    const g = await gateway();
    const query = encodeURIComponent('pipeline=comfyui&streamId=abc&params={"prompt":"neon"}');
    const start = await g.apps.api.inject({
      method: 'POST',
      url: `/live/video-to-video/cam1/start?source_id=s1&source_type=rtmpConn&query=${query}`,
      headers: { host: 'gw.test:8935' },
    });
    expect(start.statusCode).toBe(200);
    const a = g.ctx.network.orchestrators[0];
    expect(start.headers[SIM_ORCHESTRATOR_HEADER]).toBe(a?.address);
    const urls = start.json<{
      stream_id: string;
      status_url: string;
      whip_url: string;
      request_id: string;
    }>();
    expect(urls.stream_id).toBe('abc');
    expect(urls.status_url).toBe('http://gw.test:8935/live/video-to-video/abc/status');
    expect(urls.whip_url).toBe('http://gw.test:8935/live/video-to-video/cam1/whip');

    const loading = (await status(g, 'abc')).json<Status>();
    expect(loading).toMatchObject({ state: 'LOADING', pipeline: 'comfyui', stream_id: 'abc' });
    expect(loading.inference_status.fps).toBe(0);
    expect(loading.inference_status.last_params).toEqual({ prompt: 'neon' });
    expect(loading.orchestrator_info).toEqual({ address: a?.address, url: a?.serviceUri });
    expect(loading.gateway_status.whep_url).toBe(
      `http://localhost:8889/cam1-${urls.request_id}-out/whep`,
    );

    const samples: number[] = [];
    for (const w of [45, 65, 85, 105, 125]) {
      wall = w;
      const s = (await status(g, 'abc')).json<Status>();
      expect(s.state).toBe('ONLINE');
      expect(s.input_status.fps).toBe(30);
      expect(s.inference_status.last_output_time).toBe(T0 + wall * 1000);
      samples.push(s.inference_status.fps);
    }
    const mean = samples.reduce((x, y) => x + y, 0) / samples.length;
    expect(mean).toBeGreaterThan(23);
    expect(mean).toBeLessThan(25);
    expect(new Set(samples).size).toBeGreaterThan(1);

    const stop = await g.apps.api.inject({ method: 'POST', url: '/live/video-to-video/abc/stop' });
    expect(stop.statusCode).toBe(200);
    expect((await status(g, 'abc')).json<Status>()).toMatchObject({
      state: 'OFFLINE',
      inference_status: { fps: 0 },
    });
    const [record] = g.engine.gatewayRequests();
    expect(record).toMatchObject({
      pipeline: 'live-video-to-video',
      modelId: 'comfyui',
      servedByOrchestratorId: 'a',
      requestId: urls.request_id,
    });
    const job = record?.attempts[0];
    expect(job?.endMs).toBe(T0 + 125_000);
    expect(job?.live?.fpsSamples.every((x) => x.atMs <= T0 + 125_000)).toBe(true);
    expect(job?.live?.fpsSamples.map((x) => x.fps).slice(-1)[0]).toBe(samples.at(-1));

    wall += 61;
    expect((await status(g, 'abc')).statusCode).toBe(404);
    const again = await g.apps.api.inject({ method: 'POST', url: '/live/video-to-video/abc/stop' });
    expect([again.statusCode, again.body]).toEqual([404, 'Stream not found\n']);
  });

  it('swaps to another orchestrator when the first fails before its first frame', async () => {
    const g = await gateway(
      [orch('a', [live({ failureRate: 1, errors: { runner_error: 1 } })]), orch('b', [live()])],
      {
        orchAddr: ['https://a.example.com:8935', 'https://b.example.com:8935'],
      },
    );
    const start = await g.apps.api.inject({
      method: 'POST',
      url: '/live/video-to-video/cam2/start?pipeline=comfyui',
    });
    expect(start.statusCode).toBe(200);
    await sleep(20); // the failed attempt ends after its ptff (a few simulated seconds)
    wall = 40;
    const s = (await status(g, 'cam2')).json<Status>();
    expect(s.orchestrator_info.url).toBe('https://b.example.com:8935');
    expect(s.state).toBe('ONLINE');
    await g.apps.api.inject({ method: 'POST', url: '/live/video-to-video/cam2/stop' });
    const [record] = g.engine.gatewayRequests();
    expect(record).toMatchObject({
      pinnedOrchestratorId: 'a',
      servedByOrchestratorId: 'b',
      swapped: true,
    });
    expect(record?.attempts.map((j) => [j.orchestratorId, j.outcome])).toEqual([
      ['a', 'failure'],
      ['b', 'success'],
    ]);
  });

  it('routes only to orchestrators matching orchestrator= and fails when that one cannot serve', async () => {
    const g = await gateway([
      orch('a', [live({ failureRate: 1, errors: { oom: 1 } })]),
      orch('b', [live()]),
    ]);
    const pinnedB = await g.apps.api.inject({
      method: 'POST',
      url: '/live/video-to-video/s1/start?pipeline=comfyui&orchestrator=b.example.com',
    });
    expect(pinnedB.headers[SIM_ORCHESTRATOR_HEADER]).toBe(g.ctx.network.orchestrators[1]?.address);
    const pinnedA = await g.apps.api.inject({
      method: 'POST',
      url: '/live/video-to-video/s2/start?pipeline=comfyui&orchestrator=a.example.com',
    });
    expect(pinnedA.statusCode).toBe(200);
    await sleep(20);
    wall = 30;
    const s = (await status(g, 's2')).json<Status>();
    expect(s.state).toBe('OFFLINE');
    expect(s.gateway_status.error?.error_message).toBe('no orchestrators available');
    const failed = g.engine.gatewayRequests().find((r) => r.pinnedOrchestratorId === 'a');
    expect(failed).toMatchObject({ servedByOrchestratorId: null, swapped: false });
    const none = await g.apps.api.inject({
      method: 'POST',
      url: '/live/video-to-video/s3/start?pipeline=comfyui&orchestrator=nobody',
    });
    expect([none.statusCode, none.body]).toEqual([503, 'no orchestrators available\n']);
  });

  it('runs a smoke test stream for duration_secs and validates like go-livepeer', async () => {
    const g = await gateway();
    const put = (payload: string) =>
      g.apps.api.inject({
        method: 'PUT',
        url: '/live/video-to-video/smoketest',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    expect((await put('nope')).body).toBe('Failed to parse request body\n');
    expect((await put('{}')).body).toBe('Missing stream url\n');
    expect((await put('{"stream_url":"rtmp://x/y","duration_secs":3601}')).body).toBe(
      'Request exceeds max duration 1h0m0s\n',
    );
    const get = await g.apps.api.inject({ method: 'GET', url: '/live/video-to-video/smoketest' });
    expect([get.statusCode, get.body]).toEqual([405, 'Method not allowed\n']);
    const ok = await put(
      '{"stream_url":"rtmp://127.0.0.1/live/smoke1?pipeline=comfyui","duration_secs":30}',
    );
    expect([ok.statusCode, ok.body]).toEqual([200, '']);
    wall = 20;
    expect((await status(g, 'smoke1')).json<Status>().state).toBe('ONLINE');
    await sleep(60); // 30 simulated seconds pass in 30 wall ms
    wall = 31;
    expect((await status(g, 'smoke1')).json<Status>().state).toBe('OFFLINE');
    const [record] = g.engine.gatewayRequests();
    expect(record?.attempts[0]?.endMs).toBe(T0 + 30_000);
    const metrics = (await g.apps.cli.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(
      'livepeer_ai_live_attempt{model_name="comfyui",node_id="naap-sim-gateway",node_type="bctr"} 1',
    );
    expect(metrics).toContain(
      'livepeer_ai_current_live_pipelines{node_id="naap-sim-gateway",node_type="bctr",pipeline="comfyui"} 0',
    );
  });

  it('answers 404 for an unknown stream and 204 to OPTIONS', async () => {
    const g = await gateway();
    const res = await status(g, 'nobody');
    expect([res.statusCode, res.body]).toEqual([404, 'Stream not found\n']);
    expect(
      (await g.apps.api.inject({ method: 'OPTIONS', url: '/live/video-to-video/x/status' }))
        .statusCode,
    ).toBe(204);
  });
});
