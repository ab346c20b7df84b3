import { manualNetwork, type ManualNetwork } from '../../testing/manual-network.js';

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

export type TestNet = ManualNetwork;

/** A started engine at T0 on a clock that only moves through `engine.advanceTo`. */
export function testNetwork(): TestNet {
  return manualNetwork(SCENARIO, { startMs: T0 });
}
