// The simulator's go-livepeer log for the go-livepeer-log tests: a small
// network on a manual clock, written minute by minute, and its ground truth.
import {
  manualNetwork,
  startOrchestratorSurfaces,
  type JobRecord,
  type OrchestratorSurfaceOptions,
  type OrchestratorSurfaces,
  type SimEngine,
} from '@naap/sim';

// The simulator's orchestrator-surface test network: failures of every kind, batch and live.
export const T0 = Date.UTC(2025, 4, 6, 14, 0, 0);
export const SCENARIO = {
  version: 1,
  name: 'go-livepeer-log-test',
  seed: 11,
  orchestrators: [
    {
      id: 'orch-a',
      region: 'FRA',
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
              failureRate: 0.05,
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
  ],
};

export interface Sim {
  readonly surfaces: OrchestratorSurfaces;
  readonly engine: SimEngine;
  readonly jobs: JobRecord[];
  readonly streamStarts: JobRecord[];
}

export async function startSim(
  dir: string,
  options: OrchestratorSurfaceOptions = {},
): Promise<Sim> {
  // The network has one orchestrator, so its jobs are all the engine's jobs.
  const net = manualNetwork(SCENARIO, { startMs: T0 });
  const surfaces = await startOrchestratorSurfaces(net.ctx(dir), net.orchestrator, {
    flushIntervalMs: 3_600_000,
    ...options,
  });
  return { surfaces, engine: net.engine, jobs: net.jobs, streamStarts: net.streamStarts };
}

/** Advances the engine minute by minute, writing the log each simulated minute. */
export async function runMinutes(s: Sim, from: number, to: number): Promise<void> {
  for (let minute = from + 1; minute <= to; minute++) {
    s.engine.advanceTo(T0 + minute * 60_000);
    await s.surfaces.flush();
  }
}

const SERVER_SIDE = new Set(['bad_request', 'capacity', 'payment']);

/** The jobs the log must show, `pipeline|model|outcome|class`, from the engine's ground truth. */
export function expectedJobs(s: Sim): Map<string, number> {
  const out = new Map<string, number>();
  const add = (j: JobRecord, live: boolean): void => {
    const cls = j.errorClass;
    const k =
      cls === null
        ? `${j.pipeline}|${j.modelId}|success|-`
        : cls === 'bad_request'
          ? '-|-|excused|bad_request'
          : `${j.pipeline}|${j.modelId}|${j.outcome}|${cls}`;
    if (live || cls === null || !SERVER_SIDE.has(cls) || j.startMs > T0) {
      out.set(k, (out.get(k) ?? 0) + 1);
    }
  };
  for (const j of s.jobs) {
    // Live streams: refusals and successes at their start, processing errors at their end.
    if (j.live === null) add(j, false);
    else if (j.errorClass !== null && !SERVER_SIDE.has(j.errorClass)) add(j, true);
  }
  for (const j of s.streamStarts) {
    if (j.errorClass === null || SERVER_SIDE.has(j.errorClass)) add(j, true);
  }
  return out;
}

/** Closes what `startSim` started. */
export async function stopSim(sim: Sim): Promise<void> {
  await sim.surfaces.close();
  await sim.engine.stop();
}
