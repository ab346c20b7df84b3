import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { gpuSampleAt } from '../../model/gpu-state.js';
import type { JobRecord } from '../../model/jobs.js';
import { WorkloadActivity, type Container } from './activity.js';
import { buildRunnerApp, runnerHealth, RUNNER_VERSION, type RunnerAppOptions } from './runner.js';
import { T0, testNetwork, type TestNet } from './test-network.js';

let net: TestNet;
let activity: WorkloadActivity;
let now = T0;
const apps: FastifyInstance[] = [];

beforeAll(() => {
  net = testNetwork();
  activity = new WorkloadActivity(net.network, net.orchestrator);
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await net.engine.stop();
});

function runner(pipeline: string): { opts: RunnerAppOptions; app: FastifyInstance; c: Container } {
  const c = activity.containers.find((x) => x.workload.pipeline === pipeline);
  if (c === undefined) throw new Error(pipeline);
  const opts: RunnerAppOptions = {
    network: net.network,
    orchestrator: net.orchestrator,
    container: c,
    activity,
    now: () => now,
  };
  const app = buildRunnerApp(opts);
  apps.push(app);
  return { opts, app, c };
}

describe('runner /health', () => {
  it('reports LOADING while a cold model loads, then OK (batch)', async () => {
    const { app, c } = runner('llm');
    const cold = findCold(c);
    now = cold.startMs + 1000;
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'LOADING' });
    now = cold.startMs + c.workload.coldStartMs + 1;
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'OK' });
    expect((await app.inject({ url: '/health/' })).json()).toEqual({ status: 'OK' });
  });

  it('reports OK while a live stream runs and IDLE between streams (live)', () => {
    const { opts, c } = runner('live-video-to-video');
    const times = Array.from({ length: 600 }, (_, i) => T0 + i * 30_000);
    const busy = times.find((t) => activity.inFlight(c, t).some((j) => j.warm && t > j.startMs));
    const idle = times.find((t) => activity.inFlight(c, t).length === 0);
    expect(busy).toBeDefined();
    expect(idle).toBeDefined();
    expect(runnerHealth(opts, busy ?? 0)).toBe('OK');
    expect(runnerHealth(opts, idle ?? 0)).toBe('IDLE');
  });
});

function findCold(c: Container): JobRecord {
  for (let t = T0; t < T0 + 48 * 3_600_000; t += 60_000) {
    const j = activity.inFlight(c, t).find((x) => !x.warm);
    if (j !== undefined) return j;
  }
  throw new Error('no cold job');
}

describe('runner /hardware', () => {
  it('serves /hardware/info keyed by the in-container GPU index with UUID and bytes', async () => {
    const { app, c } = runner('text-to-image');
    now = T0 + 90_000;
    const res = await app.inject({ url: '/hardware/info' });
    expect(res.statusCode).toBe(200);
    const s = gpuSampleAt(net.network, net.orchestrator, c.gpu, now);
    expect(res.json()).toEqual({
      pipeline: 'text-to-image',
      model_id: 'stabilityai/sdxl-turbo',
      gpu_info: {
        '0': {
          id: c.gpu.uuid,
          name: 'NVIDIA GeForce RTX 4090',
          memory_total: 24564 * 1_048_576,
          memory_free: s.memoryFreeMiB * 1_048_576,
          major: 8,
          minor: 9,
        },
      },
    });
    expect(Object.keys(res.json<{ gpu_info: object }>().gpu_info)).toEqual(['0']);
  });

  it('serves /hardware/stats with utilisation percentages', async () => {
    const { app, c } = runner('live-video-to-video');
    now = T0 + 120_000;
    const s = gpuSampleAt(net.network, net.orchestrator, c.gpu, now);
    const body = (await app.inject({ url: '/hardware/stats' })).json<{
      pipeline: string;
      gpu_stats: Record<string, Record<string, unknown>>;
    }>();
    expect(body.pipeline).toBe('live-video-to-video');
    expect(body.gpu_stats['0']).toEqual({
      id: c.gpu.uuid,
      name: 'NVIDIA H100 80GB HBM3',
      memory_total: s.memoryTotalMiB * 1_048_576,
      memory_free: s.memoryFreeMiB * 1_048_576,
      utilization_compute: s.utilizationGpu,
      utilization_memory: s.utilizationMemory,
    });
  });

  it('serves /version and FastAPI-style 404/405', async () => {
    const { app } = runner('llm');
    expect((await app.inject({ url: '/version' })).json()).toEqual({
      pipeline: 'llm',
      model_id: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      version: RUNNER_VERSION,
    });
    const nf = await app.inject({ url: '/nope' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toEqual({ detail: 'Not Found' });
    const na = await app.inject({ method: 'POST', url: '/health' });
    expect(na.statusCode).toBe(405);
    expect(na.json()).toEqual({ detail: 'Method Not Allowed' });
  });
});
