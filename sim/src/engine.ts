import { appendFile } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import type { PipelineId } from '@naap/otel';
import type { SimClock } from './core/clock.js';
import { Rng } from './core/rng.js';
import {
  backgroundJobs,
  drawJob,
  HOUR_MS,
  MAX_STREAM_MS,
  type FpsSample,
  type JobRecord,
} from './model/jobs.js';
import {
  inOutage,
  type SimGpu,
  type SimNetwork,
  type SimOrchestrator,
  type SimWorkload,
} from './scenario/resolve.js';

/** What a gateway-routed request turned into: the attempts and who served it. */
export interface GatewayRequestRecord {
  readonly requestId: string;
  readonly atMs: number;
  readonly pipeline: PipelineId;
  readonly modelId: string;
  /** The orchestrator the caller pinned (webhook/orchAddr), or null when unpinned. */
  readonly pinnedOrchestratorId: string | null;
  /** The orchestrator whose answer the client got (null when every attempt failed). */
  readonly servedByOrchestratorId: string | null;
  readonly swapped: boolean;
  /** Jobs the orchestrators ran for this request, in order. */
  readonly attempts: readonly JobRecord[];
}

export interface EngineEventMap {
  /** A job finished (batch) or a stream ended (live), at its `endMs`. */
  job: [JobRecord];
  /** A live stream started, at its `startMs`. */
  streamStart: [JobRecord];
  /** A runner logged an FPS sample of a live stream. */
  fps: [JobRecord, FpsSample];
  /** A gateway request completed (all its attempts done). */
  gatewayRequest: [GatewayRequestRecord];
}

export type GatewayRefusal = 'unreachable' | 'not_served' | 'capacity';

export interface EngineOptions {
  /** Wall milliseconds between ticks. */
  readonly tickMs?: number;
  /** Append every gateway request to this JSONL file (ground truth of routed jobs). */
  readonly ledgerPath?: string;
  /** Emit events from this simulated time on (default: the clock's time at start). */
  readonly fromMs?: number;
}

interface Placement {
  readonly orchestrator: SimOrchestrator;
  readonly gpu: SimGpu;
  readonly workload: SimWorkload;
}

type TimedEvent =
  | { readonly at: number; readonly kind: 'job' | 'streamStart'; readonly job: JobRecord }
  | {
      readonly at: number;
      readonly kind: 'fps';
      readonly job: JobRecord;
      readonly sample: FpsSample;
    };

/**
 * Drives the simulated network through time: emits the background jobs,
 * streams and FPS samples as simulated time passes them, and runs the jobs
 * the simulated gateway routes to orchestrators, keeping a ledger of them.
 */
export class SimEngine extends EventEmitter<EngineEventMap> {
  private cursorMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly hours = new Map<number, JobRecord[]>();
  private readonly active = new Map<string, number>();
  private readonly warmed = new Set<string>();
  private readonly sequence = new Map<string, number>();
  private readonly requests: GatewayRequestRecord[] = [];
  /** Live streams started through the gateway: their runner events are emitted like background ones. */
  private liveGateway: JobRecord[] = [];
  private ledgerWrites: Promise<void> = Promise.resolve();

  constructor(
    readonly network: SimNetwork,
    readonly clock: SimClock,
    private readonly options: EngineOptions = {},
  ) {
    super();
    this.cursorMs = options.fromMs ?? clock.now();
  }

  /** Simulated time up to which events have been emitted. */
  get emittedUntil(): number {
    return this.cursorMs;
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      this.advanceTo(this.clock.now());
    }, this.options.tickMs ?? 200);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.ledgerWrites;
  }

  /** Emits every event in (emittedUntil, toMs], in time order. */
  advanceTo(toMs: number): void {
    const from = this.cursorMs;
    if (toMs <= from) return;
    const events: TimedEvent[] = [];
    for (let h = Math.floor((from - MAX_STREAM_MS) / HOUR_MS) * HOUR_MS; h <= toMs; h += HOUR_MS) {
      for (const job of this.hour(h)) collect(job, from, toMs, events);
    }
    for (const job of this.liveGateway) {
      // Their end is reported with the gateway request (recordGatewayRequest).
      collect(job, from, toMs, events, false);
    }
    this.liveGateway = this.liveGateway.filter((j) => j.endMs > from);
    events.sort((a, b) => a.at - b.at);
    this.cursorMs = toMs;
    for (const e of events) {
      if (e.kind === 'fps') this.emit('fps', e.job, e.sample);
      else this.emit(e.kind, e.job);
    }
    for (const h of this.hours.keys()) if (h < from - MAX_STREAM_MS - HOUR_MS) this.hours.delete(h);
  }

  private hour(hourStartMs: number): JobRecord[] {
    let jobs = this.hours.get(hourStartMs);
    if (jobs === undefined) {
      jobs = [];
      for (const o of this.network.orchestrators) {
        for (const gpu of o.gpus) {
          for (const w of gpu.workloads)
            jobs.push(...backgroundJobs(this.network, o, gpu, w, hourStartMs));
        }
      }
      this.hours.set(hourStartMs, jobs);
    }
    return jobs;
  }

  /** The GPUs/workloads of an orchestrator that serve (pipeline, model). */
  placements(orchestratorId: string, pipeline: PipelineId, modelId: string): Placement[] {
    const o = this.network.orchestrators.find((x) => x.id === orchestratorId);
    if (o === undefined) return [];
    return o.gpus.flatMap((gpu) =>
      gpu.workloads
        .filter((w) => w.pipeline === pipeline && w.modelId === modelId)
        .map((workload) => ({ orchestrator: o, gpu, workload })),
    );
  }

  /**
   * Starts one gateway-routed job on an orchestrator at simulated time
   * `atMs`; its behaviour is drawn deterministically from the order of
   * arrival. Call `finishGatewayJob` when the caller has waited its duration.
   */
  startGatewayJob(
    orchestratorId: string,
    pipeline: PipelineId,
    modelId: string,
    atMs: number,
  ): JobRecord | GatewayRefusal {
    const options = this.placements(orchestratorId, pipeline, modelId);
    const first = options[0];
    if (first === undefined) return 'not_served';
    if (inOutage(first.orchestrator, atMs)) return 'unreachable';
    const key = `${orchestratorId}|${pipeline}|${modelId}`;
    const capacity = options.reduce((sum, p) => sum + p.workload.capacity, 0);
    const busy = this.active.get(key) ?? 0;
    if (busy >= capacity) return 'capacity';
    const seq = this.sequence.get(key) ?? 0;
    this.sequence.set(key, seq + 1);
    const placement = options[seq % options.length] ?? first;
    const cold = !placement.workload.warm && !this.warmed.has(key);
    this.warmed.add(key);
    this.active.set(key, busy + 1);
    const rng = Rng.of(this.network.seed, 'gw', orchestratorId, pipeline, modelId, seq);
    const job = drawGatewayJob(placement, this.network, rng, atMs, cold);
    if (job.live !== null) this.liveGateway.push(job);
    return job;
  }

  /** Releases the capacity a gateway job held. */
  finishGatewayJob(job: JobRecord): void {
    const key = `${job.orchestratorId}|${job.pipeline}|${job.modelId}`;
    this.active.set(key, Math.max(0, (this.active.get(key) ?? 1) - 1));
  }

  /** Records a completed gateway request (ledger + `gatewayRequest` and `job` events). */
  recordGatewayRequest(record: GatewayRequestRecord): void {
    this.requests.push(record);
    for (const job of record.attempts) this.emit('job', job);
    this.emit('gatewayRequest', record);
    const path = this.options.ledgerPath;
    if (path !== undefined) {
      const line = `${JSON.stringify(record)}\n`;
      this.ledgerWrites = this.ledgerWrites
        .then(() => appendFile(path, line))
        .catch(() => undefined);
    }
  }

  /** Every gateway request recorded so far. */
  gatewayRequests(): readonly GatewayRequestRecord[] {
    return this.requests;
  }
}

function drawGatewayJob(
  p: Placement,
  network: SimNetwork,
  rng: Rng,
  atMs: number,
  cold: boolean,
): JobRecord {
  return drawJob({ network, ...p }, rng, atMs, 'gateway', cold);
}

function collect(
  job: JobRecord,
  from: number,
  to: number,
  out: TimedEvent[],
  withEnd = true,
): void {
  const within = (t: number): boolean => t > from && t <= to;
  if (withEnd && within(job.endMs)) out.push({ at: job.endMs, kind: 'job', job });
  if (job.live === null) return;
  if (within(job.startMs)) out.push({ at: job.startMs, kind: 'streamStart', job });
  for (const sample of job.live.fpsSamples) {
    if (within(sample.atMs)) out.push({ at: sample.atMs, kind: 'fps', job, sample });
  }
}
