import { goDuration } from '../go-format.js';
import { badRequest, serviceUnavailable } from '../http-errors.js';
import { orchLabels, RequestRouting, type RoutingRequest, type Started } from '../routing.js';
import type { GatewayRuntime } from '../runtime.js';
import { waitUntilSim } from '../sim-time.js';

/** A batch request some orchestrator is serving successfully. */
export interface Served extends Started {
  readonly routing: RequestRouting;
}

/**
 * go-livepeer's processAIRequest for a batch request: tries orchestrators
 * until one succeeds. A failed job is waited for (its simulated duration —
 * the gateway learns of a failure when the orchestrator answers), then the
 * next orchestrator is tried: go-livepeer retries every error on another
 * session except a bad request ("returned 400" → 400 to the client). When
 * nothing served: 503 "no orchestrators available". `localError` is a
 * failure of the gateway's own submit step (e.g. image.DecodeConfig), which
 * go-livepeer also treats as a per-orchestrator error.
 */
export async function dispatchBatch(
  rt: GatewayRuntime,
  req: RoutingRequest,
  localError: string | null = null,
): Promise<Served> {
  const routing = await RequestRouting.open(rt, req);
  if (localError !== null) {
    routing.failLocally(localError);
    routing.giveUp();
    throw serviceUnavailable(routing.unavailableMessage());
  }
  for (let started = routing.startNext(); started !== null; started = routing.startNext()) {
    if (started.job.outcome === 'success') return { ...started, routing };
    await waitUntilSim(rt.ctx.clock, started.job.endMs);
    routing.failed(started);
    if (started.job.errorClass === 'bad_request') {
      routing.record(null);
      throw badRequest(started.job.errorMessage ?? 'bad request');
    }
  }
  routing.giveUp();
  throw serviceUnavailable(routing.unavailableMessage());
}

/**
 * The served job is done: releases its capacity, records go-livepeer's
 * AIRequestFinished metrics (latency score = seconds / `scoreUnits`), logs
 * the processed request and writes the ledger.
 */
export function completeBatch(rt: GatewayRuntime, served: Served, scoreUnits: number): void {
  const { job, orchestrator: o, routing } = served;
  rt.ctx.engine.finishGatewayJob(job);
  const took = rt.ctx.clock.now() - routing.atMs;
  const score = scoreUnits > 0 ? job.durationMs / 1000 / scoreUnits : 0;
  rt.metrics.requestFinished(job.pipeline, job.modelId, score, o.pricePerUnit, orchLabels(o));
  rt.log.info(
    'ai_process.go:1545',
    { ...routing.context(), orch: o.serviceUri },
    `Processed AI request model_id=${job.modelId} took=${goDuration(took)}`,
  );
  routing.record(o, [...routing.attempts, job]);
}

/** Dispatch, wait the job's duration, complete: the whole life of a synchronous batch request. */
export async function serveBatch(
  rt: GatewayRuntime,
  req: RoutingRequest,
  scoreUnits: number,
  localError: string | null = null,
): Promise<Served> {
  const served = await dispatchBatch(rt, req, localError);
  await waitUntilSim(rt.ctx.clock, served.job.endMs);
  completeBatch(rt, served, scoreUnits);
  return served;
}
