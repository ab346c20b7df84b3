import { describe, expect, it } from 'vitest';
import { SimClock } from './core/clock.js';
import { SimEngine } from './engine.js';
import type { FpsSample, JobRecord } from './model/jobs.js';
import { validateScenario } from './scenario/load.js';
import { resolveScenario } from './scenario/resolve.js';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const network = resolveScenario(
  validateScenario({
    version: 1,
    name: 'engine',
    seed: 9,
    orchestrators: [
      {
        id: 'orch-live',
        region: 'FRA',
        gpus: [
          {
            model: 'rtx-4090',
            workloads: [
              { pipeline: 'live-video-to-video', model: 'comfyui', demandPerHour: 0, capacity: 2 },
            ],
          },
        ],
      },
      {
        id: 'orch-down',
        region: 'NYC',
        outages: [{ from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' }],
        gpus: [
          {
            model: 'l40s',
            workloads: [{ pipeline: 'text-to-image', model: 'stabilityai/sdxl-turbo' }],
          },
        ],
      },
    ],
  }),
);

const engineAt = (t: number): SimEngine =>
  new SimEngine(network, new SimClock({ startMs: t, wallNow: () => 0 }), { fromMs: t });

describe('SimEngine gateway jobs', () => {
  it('refuses jobs an orchestrator cannot take: outage, unknown model, capacity', () => {
    const engine = engineAt(T0);
    expect(engine.startGatewayJob('orch-down', 'text-to-image', 'stabilityai/sdxl-turbo', T0)).toBe(
      'unreachable',
    );
    expect(engine.startGatewayJob('orch-live', 'text-to-image', 'stabilityai/sdxl-turbo', T0)).toBe(
      'not_served',
    );
    const a = engine.startGatewayJob('orch-live', 'live-video-to-video', 'comfyui', T0);
    const b = engine.startGatewayJob('orch-live', 'live-video-to-video', 'comfyui', T0);
    expect(typeof a).toBe('object');
    expect(typeof b).toBe('object');
    expect(engine.startGatewayJob('orch-live', 'live-video-to-video', 'comfyui', T0)).toBe(
      'capacity',
    );
    engine.finishGatewayJob(a as JobRecord);
    expect(typeof engine.startGatewayJob('orch-live', 'live-video-to-video', 'comfyui', T0)).toBe(
      'object',
    );
  });

  it('emits the runner FPS samples of a live stream started through the gateway, in time', () => {
    const engine = engineAt(T0);
    const started: JobRecord[] = [];
    const samples: FpsSample[] = [];
    engine.on('streamStart', (j) => started.push(j));
    engine.on('fps', (_j, s) => samples.push(s));
    const job = engine.startGatewayJob('orch-live', 'live-video-to-video', 'comfyui', T0 + 1);
    if (typeof job === 'string') throw new Error(job);
    engine.advanceTo(T0 + 60_000);
    const firstMinute = job.live?.fpsSamples.filter((s) => s.atMs <= T0 + 60_000) ?? [];
    expect(started).toEqual([job]);
    expect(samples).toEqual(firstMinute);
    engine.advanceTo(job.endMs + 1);
    expect(samples).toEqual(job.live?.fpsSamples);
  });
});
