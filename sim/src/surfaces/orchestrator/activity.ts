import { HOUR_MS, MAX_STREAM_MS, backgroundJobs, type JobRecord } from '../../model/jobs.js';
import type { SimGpu, SimNetwork, SimOrchestrator, SimWorkload } from '../../scenario/resolve.js';

/** One ai-runner container: a workload on a GPU. */
export interface Container {
  readonly gpu: SimGpu;
  readonly workload: SimWorkload;
}

/**
 * What an orchestrator's containers are doing at a simulated instant, from
 * its background jobs (a pure function of scenario, seed and hour, the same
 * records the engine emits). Gateway-routed jobs are only known when they
 * end, so they are not counted in flight.
 */
export class WorkloadActivity {
  readonly containers: readonly Container[];

  constructor(
    private readonly network: SimNetwork,
    readonly orchestrator: SimOrchestrator,
  ) {
    this.containers = orchestrator.gpus.flatMap((gpu) =>
      gpu.workloads.map((workload) => ({ gpu, workload })),
    );
  }

  /** Background jobs of a container that started in the hour beginning at `hourStartMs` (memoised by the model). */
  private hour(c: Container, hourStartMs: number): readonly JobRecord[] {
    return backgroundJobs(this.network, this.orchestrator, c.gpu, c.workload, hourStartMs);
  }

  /** Background jobs of a container that started in (afterMs, untilMs]. */
  private startedIn(c: Container, afterMs: number, untilMs: number): JobRecord[] {
    const out: JobRecord[] = [];
    for (let h = Math.floor(afterMs / HOUR_MS) * HOUR_MS; h <= untilMs; h += HOUR_MS) {
      for (const j of this.hour(c, h)) if (j.startMs > afterMs && j.startMs <= untilMs) out.push(j);
    }
    return out;
  }

  /** Background batch jobs (all containers) starting in (afterMs, untilMs], by start time. */
  batchStartsBetween(afterMs: number, untilMs: number): JobRecord[] {
    if (untilMs <= afterMs) return [];
    const out = this.containers
      .filter((c) => c.workload.kind === 'batch')
      .flatMap((c) => this.startedIn(c, afterMs, untilMs));
    return out.sort((a, b) => a.startMs - b.startMs);
  }

  /** Background jobs running on a container at `atMs` (start ≤ at < end). */
  inFlight(c: Container, atMs: number): JobRecord[] {
    const lookback = c.workload.kind === 'live' ? MAX_STREAM_MS : HOUR_MS;
    return this.startedIn(c, atMs - lookback, atMs).filter((j) => j.endMs > atMs);
  }

  /** Whether the container is loading a cold model at `atMs`. */
  loading(c: Container, atMs: number): boolean {
    if (c.workload.warm) return false;
    return this.inFlight(c, atMs).some((j) => !j.warm && atMs < j.startMs + c.workload.coldStartMs);
  }

  /** The container a job ran in (by GPU, pipeline and model). */
  containerOf(job: JobRecord): Container | undefined {
    return this.containers.find(
      (c) =>
        c.gpu.uuid === job.gpuUuid &&
        c.workload.pipeline === job.pipeline &&
        c.workload.modelId === job.modelId,
    );
  }
}
