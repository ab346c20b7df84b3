// Test helper: a simulated network on a manual clock (naap-sim), with what
// its engine emitted for the first orchestrator: the ground truth.
import { manualNetwork, type JobRecord, type ManualNetwork } from '@naap/sim';

export const T0 = Date.UTC(2025, 4, 6, 14, 0, 0);

export const SCENARIO = {
  version: 1,
  name: 'agent-samplers-test',
  seed: 23,
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
              failureRate: 0.3,
              errors: { timeout: 1, oom: 1, capacity: 1, payment: 1, bad_request: 1, unknown: 1 },
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
              demandPerHour: 300,
              failureRate: 0.2,
              errors: { client_disconnect: 1, transport: 1, runner_error: 1 },
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
              streamMinutes: 3,
              failureRate: 0.1,
              fps: { mean: 22, sigma: 3 },
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

export type TestSim = ManualNetwork;

/** A started engine at T0 whose clock only moves through `engine.advanceTo`. */
export function testSim(): TestSim {
  return manualNetwork(SCENARIO, { startMs: T0 });
}

/**
 * Whether go-livepeer counts a job in `/metrics` (server/ai_http.go): a
 * successful batch job in livepeer_ai_models_requested, a worker failure in
 * livepeer_ai_request_errors. Bad requests, capacity and payment refusals
 * never reach the worker; successful live streams are not "models requested".
 */
export function countedByGoLivepeer(j: JobRecord): boolean {
  if (j.outcome === 'success') return j.live === null;
  return !['bad_request', 'capacity', 'payment'].includes(j.errorClass ?? '');
}
