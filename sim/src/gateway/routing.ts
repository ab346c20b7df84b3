import { pipelineInfo, type PipelineId } from '@naap/otel';
import type { GatewayRefusal } from '../engine.js';
import type { JobRecord } from '../model/jobs.js';
import type { SimOrchestrator } from '../scenario/resolve.js';
import { goDuration } from './go-format.js';
import { NO_ORCHESTRATORS } from './http-errors.js';
import type { PoolView } from './pool.js';
import type { GatewayRuntime } from './runtime.js';

export interface RoutingRequest {
  readonly requestId: string;
  readonly pipeline: PipelineId;
  readonly modelId: string;
  /** Only these orchestrators may serve (live `orchestrator=` parameter). */
  readonly filter?: (o: SimOrchestrator) => boolean;
  /** The orchestrator the caller pinned, overriding the pool's. */
  readonly pinned?: SimOrchestrator | null;
}

export interface Started {
  readonly job: JobRecord;
  readonly orchestrator: SimOrchestrator;
}

/** The orchestrator as go-livepeer's monitor labels it. */
export function orchLabels(o: SimOrchestrator) {
  return { uri: o.serviceUri, address: o.account.address, version: o.version };
}

function refusalMessage(r: GatewayRefusal, o: SimOrchestrator, pipeline: string): string {
  const host = URL.canParse(o.serviceUri) ? new URL(o.serviceUri).host : o.serviceUri;
  if (r === 'capacity') return 'insufficient capacity';
  if (r === 'unreachable') {
    return `Post "${o.serviceUri}/${pipeline}": dial tcp ${host}: connect: connection refused`;
  }
  return `orchestrator does not serve pipeline=${pipeline}`;
}

/** Errors go-livepeer's monitor.AIRequestError sees: only the transport ones (a non-200 body is not recorded). */
function recordedAsMetric(errorClass: string | null): boolean {
  return errorClass === 'transport' || errorClass === 'timeout';
}

/**
 * One gateway request being routed: go-livepeer's processAIRequest loop.
 * It tries the pool's orchestrators that serve (pipeline, model) in order,
 * up to `retries` tries, skipping refusals, and remembers every job the
 * orchestrators ran so the ledger gets the whole story.
 */
export class RequestRouting {
  readonly atMs: number;
  readonly attempts: JobRecord[] = [];
  readonly pinned: SimOrchestrator | null;
  private readonly order: SimOrchestrator[];
  private next = 0;
  private tries = 0;
  private timedOut = false;
  private recorded = false;

  constructor(
    private readonly rt: GatewayRuntime,
    readonly req: RoutingRequest,
    view: PoolView,
  ) {
    const { engine } = rt.ctx;
    this.atMs = rt.ctx.clock.now();
    const candidates = view.members.filter(
      (o) =>
        engine.placements(o.id, req.pipeline, req.modelId).length > 0 && (req.filter?.(o) ?? true),
    );
    this.pinned = req.pinned !== undefined ? req.pinned : view.pinned;
    this.order = rt.selector.order(candidates, this.pinned, req.pipeline, req.modelId);
  }

  static async open(rt: GatewayRuntime, req: RoutingRequest): Promise<RequestRouting> {
    return new RequestRouting(rt, req, await rt.pool.view());
  }

  /** The clog context values of this request. */
  context(): Record<string, string> {
    const cap = pipelineInfo(this.req.pipeline).capabilityName;
    const base: Record<string, string> = { request_id: this.req.requestId };
    if (cap !== 'Live video to video') base['capability'] = cap;
    base['model_id'] = this.req.modelId;
    return base;
  }

  /** Starts a job on the next orchestrator that accepts; null when none is left to try. */
  startNext(): Started | null {
    const { engine, clock } = this.rt.ctx;
    for (;;) {
      const o = this.take();
      if (o === null) return null;
      const r = engine.startGatewayJob(o.id, this.req.pipeline, this.req.modelId, clock.now());
      if (typeof r !== 'string') return { job: r, orchestrator: o };
      this.logFailure(o, refusalMessage(r, o, this.req.pipeline), r === 'unreachable');
      if (r !== 'capacity') this.rt.selector.suspend(o, this.req.pipeline, this.req.modelId);
    }
  }

  /** A gateway-side failure before the request reached `o` (e.g. an undecodable input image). */
  failLocally(message: string): void {
    for (let o = this.take(); o !== null; o = this.take()) {
      this.logFailure(o, message, false);
      this.rt.selector.suspend(o, this.req.pipeline, this.req.modelId);
    }
  }

  /** Records that `job` failed (its duration has passed): logs, metrics, suspension. */
  failed(started: Started): void {
    const { job, orchestrator } = started;
    this.release(job);
    const message = job.errorMessage ?? 'unknown error';
    this.logFailure(orchestrator, message, recordedAsMetric(job.errorClass));
    if (job.errorClass !== 'capacity') {
      this.rt.selector.suspend(orchestrator, this.req.pipeline, this.req.modelId);
    }
  }

  /** Releases the capacity of a job that ended (or was cut short) and keeps it among the attempts. */
  release(job: JobRecord): void {
    this.rt.ctx.engine.finishGatewayJob(job);
    this.attempts.push(job);
  }

  /** The message a client gets when nothing served: go-livepeer's ServiceUnavailableError text. */
  unavailableMessage(): string {
    const limit = this.rt.options.requestTimeoutMs;
    return this.timedOut && limit !== null
      ? `${NO_ORCHESTRATORS} within ${goDuration(limit)} timeout`
      : NO_ORCHESTRATORS;
  }

  /** Nothing served: metric and log as go-livepeer does, then the ledger. */
  giveUp(): void {
    const message = this.unavailableMessage();
    this.rt.metrics.requestError(message, this.req.pipeline, this.req.modelId, null);
    this.rt.log.error('ai_mediaserver.go:181', this.context(), message);
    this.record(null);
  }

  /** Writes the request into the engine's ledger (once). */
  record(servedBy: SimOrchestrator | null, attempts: readonly JobRecord[] = this.attempts): void {
    if (this.recorded) return;
    this.recorded = true;
    const pinned = this.pinned;
    this.rt.ctx.engine.recordGatewayRequest({
      requestId: this.req.requestId,
      atMs: this.atMs,
      pipeline: this.req.pipeline,
      modelId: this.req.modelId,
      pinnedOrchestratorId: pinned?.id ?? null,
      servedByOrchestratorId: servedBy?.id ?? null,
      swapped: servedBy !== null && pinned !== null && servedBy.id !== pinned.id,
      attempts,
    });
  }

  private take(): SimOrchestrator | null {
    const limit = this.rt.options.requestTimeoutMs;
    if (limit !== null && this.tries > 0 && this.rt.ctx.clock.now() - this.atMs >= limit) {
      this.timedOut = true;
      return null;
    }
    if (this.tries >= this.rt.options.retries) return null;
    const o = this.order[this.next] ?? null;
    if (o === null) return null;
    this.next++;
    this.tries++;
    return o;
  }

  private logFailure(o: SimOrchestrator, message: string, metric: boolean): void {
    if (metric) {
      this.rt.metrics.requestError(message, this.req.pipeline, this.req.modelId, orchLabels(o));
    }
    this.rt.log.info(
      'ai_process.go:1597',
      this.context(),
      `Error submitting request modelID=${this.req.modelId} try=${this.tries} orch=${o.serviceUri} err=${message}`,
    );
  }
}
