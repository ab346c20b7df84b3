// Ground truth of the end-to-end test: what the simulator did in the window,
// in the terms the agent reports it.
import { METRIC, outcomeOfError, type ErrorClass } from '@naap/otel';
import { gpuSampleAt, type SimNetwork, type SimOrchestrator, type Truth } from '@naap/sim';

/** The job window [T0, T1) in simulated time. */
export const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
export const MINUTES = 10;
export const T1 = T0 + MINUTES * 60_000;
/** One orchestrator: two GeForce boards with failures of several classes, one A100 without. */
export const SCENARIO = {
  version: 1,
  name: 'agent-e2e',
  seed: 21,
  orchestrators: [
    {
      id: 'orch-e2e',
      region: 'FRA',
      gpus: [
        {
          model: 'rtx-4090',
          count: 2,
          workloads: [
            {
              pipeline: 'text-to-image',
              model: 'stabilityai/sdxl-turbo',
              demandPerHour: 3000,
              capacity: 4,
              failureRate: 0.15,
              errors: { timeout: 1, oom: 1, capacity: 1, client_disconnect: 1 },
            },
          ],
        },
        {
          model: 'a100-80gb',
          // No failures: every job has a `took=` line, so the log's latency
          // distribution is the truth's.
          workloads: [
            {
              pipeline: 'audio-to-text',
              model: 'openai/whisper-large-v3',
              demandPerHour: 2400,
              failureRate: 0,
            },
          ],
        },
      ],
    },
  ],
};
/** Refusals go-livepeer answers before a worker runs the job: not in its `/metrics` (server/ai_http.go). */
const NOT_COUNTED: ReadonlySet<ErrorClass> = new Set(['bad_request', 'capacity', 'payment']);

/** `pipeline|model|outcome|error class` → jobs, as the agent reports them from go-livepeer's counters. */
export function expectedJobCounts(truth: Truth): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, n: number): void => {
    if (n > 0) out.set(key, (out.get(key) ?? 0) + n);
  };
  for (const row of truth.rows) {
    add(`${row.pipeline}|${row.modelId}|success|-`, row.jobs.success);
    for (const [cls, n] of Object.entries(row.errors) as [ErrorClass, number][]) {
      if (!NOT_COUNTED.has(cls))
        add(`${row.pipeline}|${row.modelId}|${outcomeOfError(cls)}|${cls}`, n);
    }
  }
  return out;
}

/** One collection's GPU gauges of one GPU, as stored. */
export interface StoredGpuTuple {
  readonly gpu: string;
  readonly atMs: number;
  readonly utilization: number;
  readonly memoryUsedBytes: number;
  readonly powerW: number;
  readonly temperatureC: number;
  readonly smClockMhz: number;
}

/** The gauges compared with what the simulated nvidia-smi printed (every second has its own noise). */
export const GPU_TUPLE_METRICS = {
  utilization: METRIC.gpuUtilization,
  memoryUsedBytes: METRIC.gpuMemoryUsage,
  powerW: METRIC.gpuPowerDraw,
  temperatureC: METRIC.gpuTemperature,
  smClockMhz: METRIC.gpuClockSm,
} as const;

/**
 * The seconds (simulated, ms) whose nvidia-smi row equals a stored tuple, in
 * contract units: utilization % ÷ 100, memory MiB × 1048576, W, °C, MHz.
 */
export function matchingSeconds(
  network: SimNetwork,
  o: SimOrchestrator,
  t: StoredGpuTuple,
  candidatesMs: readonly number[],
): number[] {
  const gpu = o.gpus.find((g) => g.uuid === t.gpu);
  if (gpu === undefined) return [];
  return candidatesMs.filter((ms) => {
    const s = gpuSampleAt(network, o, gpu, ms);
    return (
      s.utilizationGpu !== null &&
      t.utilization === s.utilizationGpu / 100 &&
      t.memoryUsedBytes === s.memoryUsedMiB * 1048576 &&
      t.powerW === s.powerDrawW &&
      t.temperatureC === s.temperatureC &&
      t.smClockMhz === s.smClockMhz
    );
  });
}

/** Relative distance of an estimate from the truth. */
export const relativeError = (estimate: number, truth: number): number =>
  Math.abs(estimate - truth) / truth;
