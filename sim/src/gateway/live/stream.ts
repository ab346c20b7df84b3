import type { JobRecord } from '../../model/jobs.js';
import { inOutage } from '../../scenario/resolve.js';
import { orchLabels, type RequestRouting, type Started } from '../routing.js';
import type { GatewayRuntime } from '../runtime.js';
import { atSimTime } from '../sim-time.js';

export interface LiveStreamSpec {
  /** The ingest stream name (path of /live/video-to-video/{stream}/start). */
  readonly streamName: string;
  /** The id status is kept under (go-livepeer: the `streamId` query parameter). */
  readonly streamId: string;
  /** The live pipeline, `pipeline=` (go-livepeer routes on it as the model id). */
  readonly modelId: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Simulated time the ingest stops (smoke test length); null: until stopped. */
  readonly untilMs: number | null;
}

/** go-livepeer ai_live_video.go orchestratorSwapper: more than 2 swaps in 3 minutes stop the stream. */
export const MAX_RECENT_SWAPS = 2;
export const RECENT_SWAP_MS = 3 * 60_000;

/** A job cut at `atMs` (stream stopped or ingest ended): what actually ran. */
export function truncateJob(job: JobRecord, atMs: number): JobRecord {
  if (atMs >= job.endMs || job.live === null) return job;
  const endMs = Math.max(job.startMs, atMs);
  const fpsSamples = job.live.fpsSamples.filter((s) => s.atMs <= endMs);
  return { ...job, endMs, durationMs: endMs - job.startMs, live: { ...job.live, fpsSamples } };
}

/**
 * One live stream routed by the gateway: a chain of jobs on orchestrators.
 * A job that fails before its first frame, or whose orchestrator goes down,
 * makes the gateway swap to the next orchestrator (go-livepeer processStream);
 * the stream ends when the ingest stops, the job ends, or no orchestrator is
 * left. The whole chain goes to the ledger when it ends.
 */
export class LiveStream {
  /** Jobs started for this stream, in order; the last one is current. */
  readonly chain: Started[] = [];
  endedAtMs: number | null = null;
  error: string | null = null;
  private cancel: () => void = () => undefined;
  private swaps: number[] = [];

  constructor(
    private readonly rt: GatewayRuntime,
    readonly spec: LiveStreamSpec,
    readonly routing: RequestRouting,
    private readonly onEnd: (stream: LiveStream) => void,
  ) {}

  get requestId(): string {
    return this.routing.req.requestId;
  }

  /** Starts the first job; false when no orchestrator took it (the stream is then over). */
  start(): boolean {
    return this.next();
  }

  /** Stops the stream now (client stop, ingest gone, gateway closing). */
  stop(): void {
    if (this.endedAtMs !== null) return;
    const now = this.rt.ctx.clock.now();
    const current = this.chain.at(-1);
    if (current !== undefined) this.routing.release(truncateJob(current.job, now));
    this.end(now);
  }

  private next(): boolean {
    const started = this.routing.startNext();
    if (started === null) {
      this.error = this.routing.unavailableMessage();
      this.rt.log.error(
        'ai_live_video.go:203',
        this.routing.context(),
        `Live video pipeline finished with error: ${this.error}`,
      );
      this.end(this.rt.ctx.clock.now());
      return false;
    }
    this.chain.push(started);
    const { job, orchestrator: o } = started;
    this.rt.log.info(
      'ai_live_video.go:588',
      { ...this.routing.context(), stream_id: this.spec.streamId },
      `Starting event subscription for URL: ${o.serviceUri}/ai/trickle/${this.requestId}-events`,
    );
    if (job.outcome === 'success' && job.live !== null)
      this.rt.metrics.firstSegmentDelay(job.live.ptffMs, orchLabels(o));
    const until = this.spec.untilMs ?? Number.POSITIVE_INFINITY;
    this.cancel = atSimTime(this.rt.ctx.clock, Math.min(job.endMs, until), () => {
      this.jobEnded(started);
    });
    return true;
  }

  private jobEnded(started: Started): void {
    if (this.endedAtMs !== null) return;
    const { job, orchestrator: o } = started;
    const now = Math.max(this.rt.ctx.clock.now(), job.startMs);
    const until = this.spec.untilMs ?? Number.POSITIVE_INFINITY;
    if (until <= job.endMs) {
      this.routing.release(truncateJob(job, until));
      this.end(until);
      return;
    }
    const dropped = job.outcome !== 'success' || inOutage(o, job.endMs);
    if (!dropped) {
      this.routing.release(job);
      this.end(job.endMs);
      return;
    }
    if (job.outcome !== 'success') this.routing.failed(started);
    else this.routing.release(job);
    if (!this.swapAllowed(now)) return;
    this.rt.log.info(
      'ai_mediaserver.go:431',
      this.routing.context(),
      'Retrying stream with a different orchestrator',
    );
    this.next();
  }

  private swapAllowed(now: number): boolean {
    this.swaps = [...this.swaps.filter((t) => now - t < RECENT_SWAP_MS), now];
    if (this.swaps.length <= MAX_RECENT_SWAPS) return true;
    this.error = 'Too many swaps';
    this.end(now);
    return false;
  }

  private end(atMs: number): void {
    if (this.endedAtMs !== null) return;
    this.cancel();
    this.endedAtMs = atMs;
    const last = this.chain.at(-1);
    const served = last !== undefined && last.job.outcome === 'success' ? last.orchestrator : null;
    this.rt.log.info(
      'ai_live_video.go:523',
      this.routing.context(),
      'Live video pipeline finished',
    );
    this.routing.record(served);
    this.onEnd(this);
  }
}
