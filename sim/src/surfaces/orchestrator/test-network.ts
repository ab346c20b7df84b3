import { SimClock } from '../../core/clock.js';
import type { SimContext } from '../../context.js';
import { SimEngine } from '../../engine.js';
import type { FpsSample, JobRecord } from '../../model/jobs.js';
import { validateScenario } from '../../scenario/load.js';
import { resolveScenario, type SimNetwork, type SimOrchestrator } from '../../scenario/resolve.js';

/** Test helper: a small network on a manual clock, and what its engine emitted. */

export const T0 = Date.UTC(2025, 4, 6, 14, 0, 0);

export const SCENARIO = {
  version: 1,
  name: 'orchestrator-surfaces-test',
  seed: 11,
  orchestrators: [
    {
      id: 'orch-a',
      region: 'FRA',
      version: '0.9.1',
      gpus: [
        {
          model: 'rtx-4090',
          workloads: [
            {
              pipeline: 'text-to-image',
              model: 'stabilityai/sdxl-turbo',
              demandPerHour: 900,
              failureRate: 0.25,
              errors: { timeout: 1, oom: 1, capacity: 1, payment: 1, bad_request: 1 },
              capacity: 2,
            },
          ],
        },
        {
          model: 'a100-80gb',
          workloads: [
            {
              pipeline: 'llm',
              model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
              demandPerHour: 200,
              warm: false,
            },
          ],
        },
        {
          model: 'h100-80gb',
          workloads: [
            {
              pipeline: 'live-video-to-video',
              model: 'streamdiffusion-sdxl',
              demandPerHour: 40,
              streamMinutes: 2,
              failureRate: 0.1,
            },
          ],
        },
      ],
    },
    {
      id: 'orch-b',
      region: 'LAX',
      gpus: [
        {
          model: 'rtx-3090',
          workloads: [{ pipeline: 'text-to-image', model: 'stabilityai/sdxl-turbo' }],
        },
      ],
    },
  ],
};

export interface TestNet {
  readonly network: SimNetwork;
  readonly orchestrator: SimOrchestrator;
  readonly clock: SimClock;
  readonly engine: SimEngine;
  readonly ctx: (stateDir: string) => SimContext;
  /** Everything the engine emitted for orch-a. */
  readonly jobs: JobRecord[];
  readonly streamStarts: JobRecord[];
  readonly fps: [JobRecord, FpsSample][];
}

/** A started engine at T0 on a clock that only moves through `engine.advanceTo`. */
export function testNetwork(): TestNet {
  const network = resolveScenario(validateScenario(SCENARIO));
  const orchestrator = network.orchestrators[0];
  if (orchestrator === undefined) throw new Error('no orchestrator');
  const clock = new SimClock({ startMs: T0, wallNow: () => T0 });
  const engine = new SimEngine(network, clock, { tickMs: 60_000 });
  const net: TestNet = {
    network,
    orchestrator,
    clock,
    engine,
    ctx: (stateDir) => ({ network, clock, engine, stateDir }),
    jobs: [],
    streamStarts: [],
    fps: [],
  };
  engine.on('job', (j) => {
    if (j.orchestratorId === orchestrator.id) net.jobs.push(j);
  });
  engine.on('streamStart', (j) => {
    if (j.orchestratorId === orchestrator.id) net.streamStarts.push(j);
  });
  engine.on('fps', (j, s) => {
    if (j.orchestratorId === orchestrator.id) net.fps.push([j, s]);
  });
  engine.start();
  return net;
}
