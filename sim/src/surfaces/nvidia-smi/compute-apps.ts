import { hashKey } from '../../core/rng.js';
import { gpuSampleAt } from '../../model/gpu-state.js';
import type { SimGpu, SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';
import type { PhysicalGpu } from './physical.js';

/** One line of `--query-compute-apps`: a process holding a CUDA context on a board. */
export interface ComputeApp {
  readonly atMs: number;
  /** The board (a MIG instance's process reports its parent board, as real drivers do). */
  readonly gpu: PhysicalGpu;
  readonly pid: number;
  readonly processName: string;
  readonly usedMiB: number;
}

/**
 * What the host's /proc shows as argv[0] of an ai-runner container's server:
 * `uvicorn` is a pip script whose shebang is the image's pyenv Python
 * (livepeer/ai-runner installs Python 3.11 with pyenv under /root/.pyenv).
 */
export const RUNNER_PROCESS_NAME = '/root/.pyenv/versions/3.11.10/bin/python3.11';

/** Lowest and highest pid handed out (Linux pid_max is 4194304 on 64-bit hosts). */
const PID_MIN = 1000;
const PID_MAX = 4_194_303;

/** A stable fake pid for the process serving a container on a host. */
export function pidFor(orchestratorId: string, containerName: string): number {
  return (
    PID_MIN + (hashKey(['nvidia-smi-pid', orchestratorId, containerName]) % (PID_MAX - PID_MIN))
  );
}

/** Context memory the driver keeps per GPU beside the processes' own (MiB). */
const CONTEXT_OVERHEAD_MIB = 4;

function instanceApps(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  board: PhysicalGpu,
  gpu: SimGpu,
  atMs: number,
): ComputeApp[] {
  const warm = gpu.workloads.filter((w) => w.warm);
  const models = warm.reduce((sum, w) => sum + w.vramMiB, 0);
  if (warm.length === 0 || models <= 0) return [];
  const used = gpuSampleAt(network, orchestrator, gpu, atMs).memoryUsedMiB;
  const available = Math.max(0, used - CONTEXT_OVERHEAD_MIB);
  return warm.map((w) => ({
    atMs,
    gpu: board,
    pid: pidFor(orchestrator.id, w.container.name),
    processName: RUNNER_PROCESS_NAME,
    // Each runner holds its model plus its share of the working memory in use.
    usedMiB: Math.floor((available * w.vramMiB) / models),
  }));
}

/** The compute processes on the host's boards at simulated time `atMs`: one per warm runner. */
export function computeAppsAt(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  boards: readonly PhysicalGpu[],
  atMs: number,
): ComputeApp[] {
  return boards.flatMap((board) =>
    board.instances.flatMap((gpu) => instanceApps(network, orchestrator, board, gpu, atMs)),
  );
}
