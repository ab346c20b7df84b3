import { isExcusedErrorClass, type ErrorClass, type PipelineId } from '@naap/otel';
import { Rng } from '../core/rng.js';
import { LIVE_DEFAULTS } from '../scenario/pipeline-defaults.js';
import {
  inOutage,
  type SimGpu,
  type SimNetwork,
  type SimOrchestrator,
  type SimWorkload,
} from '../scenario/resolve.js';
import { rawErrorMessage } from './error-strings.js';

export const HOUR_MS = 3_600_000;

export interface FpsSample {
  readonly atMs: number;
  readonly fps: number;
}

/** One job (batch request or live stream) served by an orchestrator: ground truth. */
export interface JobRecord {
  /** go-livepeer request id: 8 hex characters. */
  readonly id: string;
  readonly orchestratorId: string;
  readonly gpuUuid: string;
  readonly pipeline: PipelineId;
  readonly modelId: string;
  readonly startMs: number;
  /** Batch: inference time (`took=`); live: stream length. */
  readonly durationMs: number;
  readonly endMs: number;
  readonly outcome: 'success' | 'failure' | 'excused';
  readonly errorClass: ErrorClass | null;
  /** The raw go-livepeer / runner error string. */
  readonly errorMessage: string | null;
  readonly origin: 'background' | 'gateway';
  /** False for a job that found its model cold (a startup attempt). */
  readonly warm: boolean;
  /** Live streams only. */
  readonly live: { readonly ptffMs: number; readonly fpsSamples: readonly FpsSample[] } | null;
}

/** Daily demand curve: 0.55 at night, 1.0 at the 15:00 UTC peak. */
export function diurnal(atMs: number): number {
  const hourOfDay = (atMs / HOUR_MS) % 24;
  return 0.55 + 0.45 * ((1 + Math.cos((2 * Math.PI * (hourOfDay - 15)) / 24)) / 2);
}

interface Draw {
  readonly network: SimNetwork;
  readonly orchestrator: SimOrchestrator;
  readonly gpu: SimGpu;
  readonly workload: SimWorkload;
}

/** Draws one job's behaviour from the workload's distributions. */
export function drawJob(
  d: Draw,
  rng: Rng,
  startMs: number,
  origin: JobRecord['origin'],
  cold: boolean,
): JobRecord {
  const { orchestrator: o, gpu, workload: w } = d;
  const id = rng.hex(4);
  const fails = rng.bernoulli(w.failureRate);
  const errorClass = fails ? (rng.weighted(w.errors) ?? 'runner_error') : null;
  const errorMessage =
    errorClass === null
      ? null
      : rawErrorMessage(rng, errorClass, {
          uri: o.serviceUri,
          pipeline: w.pipeline,
          model: w.modelId,
        });
  const outcome =
    errorClass === null ? 'success' : isExcusedErrorClass(errorClass) ? 'excused' : 'failure';
  const base = {
    id,
    orchestratorId: o.id,
    gpuUuid: gpu.uuid,
    pipeline: w.pipeline,
    modelId: w.modelId,
  };
  if (w.kind === 'live')
    return drawStream(d, rng, startMs, origin, cold, base, { outcome, errorClass, errorMessage });
  let durationMs = rng.logNormal(w.latency.p50Ms, w.latency.p95Ms) + (cold ? w.coldStartMs : 0);
  if (errorClass === 'timeout') durationMs = Math.max(durationMs, w.latency.p95Ms * 2);
  else if (errorClass !== null) durationMs *= 0.3;
  durationMs = Math.round(durationMs * 1000) / 1000;
  return {
    ...base,
    startMs,
    durationMs,
    endMs: startMs + durationMs,
    outcome,
    errorClass,
    errorMessage,
    origin,
    warm: !cold,
    live: null,
  };
}

/** Longest simulated stream, so generators know how far back to look. */
export const MAX_STREAM_MS = 6 * HOUR_MS;

function drawStream(
  d: Draw,
  rng: Rng,
  startMs: number,
  origin: JobRecord['origin'],
  cold: boolean,
  base: Pick<JobRecord, 'id' | 'orchestratorId' | 'gpuUuid' | 'pipeline' | 'modelId'>,
  result: Pick<JobRecord, 'outcome' | 'errorClass' | 'errorMessage'>,
): JobRecord {
  const w = d.workload;
  const ptffSpec = w.ptff ?? LIVE_DEFAULTS.ptff;
  const ptffMs = Math.round(
    rng.logNormal(ptffSpec.p50Ms, ptffSpec.p95Ms) + (cold ? w.coldStartMs : 0),
  );
  const lengthMs = Math.min(
    MAX_STREAM_MS,
    Math.round(rng.logNormal(w.streamMinutes * 60_000, w.streamMinutes * 120_000)),
  );
  const failedAtStart = result.outcome !== 'success';
  let endMs = startMs + (failedAtStart ? ptffMs : Math.max(lengthMs, ptffMs + 1000));
  const fpsSamples: FpsSample[] = [];
  if (!failedAtStart && w.fps !== null) {
    for (
      let t = startMs + ptffMs + LIVE_DEFAULTS.fpsIntervalMs;
      t < endMs;
      t += LIVE_DEFAULTS.fpsIntervalMs
    ) {
      if (inOutage(d.orchestrator, t)) {
        endMs = t;
        break;
      }
      const fps = Math.max(0, Math.round(rng.normal(w.fps.mean, w.fps.sigma) * 100) / 100);
      fpsSamples.push({ atMs: t, fps });
    }
  }
  return {
    ...base,
    startMs,
    durationMs: endMs - startMs,
    endMs,
    ...result,
    origin,
    warm: !cold,
    live: { ptffMs, fpsSamples },
  };
}

/**
 * The background jobs of one workload on one GPU that start in the hour
 * beginning at `hourStartMs`: a pure function of the scenario, seed and hour.
 */
export function backgroundJobs(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  gpu: SimGpu,
  workload: SimWorkload,
  hourStartMs: number,
): readonly JobRecord[] {
  const key = `${network.seed}|${orchestrator.id}|${gpu.uuid}|${workload.pipeline}|${workload.modelId}|${hourStartMs}`;
  const cached = jobCache.get(key);
  if (cached !== undefined) return cached;
  const jobs = generateBackgroundJobs(network, orchestrator, gpu, workload, hourStartMs);
  if (jobCache.size >= JOB_CACHE_LIMIT) jobCache.clear();
  jobCache.set(key, jobs);
  return jobs;
}

// Generation is pure, so results are memoised: truth, GPU state and the engine
// ask for the same hours repeatedly.
const jobCache = new Map<string, readonly JobRecord[]>();
const JOB_CACHE_LIMIT = 50_000;

function generateBackgroundJobs(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  gpu: SimGpu,
  workload: SimWorkload,
  hourStartMs: number,
): JobRecord[] {
  const hour = Math.floor(hourStartMs / HOUR_MS);
  const rng = Rng.of(
    network.seed,
    'bg',
    orchestrator.id,
    gpu.uuid,
    workload.pipeline,
    workload.modelId,
    hour,
  );
  const count = rng.poisson(workload.demandPerHour * diurnal(hour * HOUR_MS + HOUR_MS / 2));
  const starts = Array.from(
    { length: count },
    () => hour * HOUR_MS + Math.floor(rng.uniform() * HOUR_MS),
  );
  starts.sort((a, b) => a - b);
  const jobs: JobRecord[] = [];
  let first = true;
  for (const startMs of starts) {
    const job = drawJob(
      { network, orchestrator, gpu, workload },
      rng,
      startMs,
      'background',
      first && !workload.warm,
    );
    // An orchestrator in an outage serves nothing: the job went elsewhere.
    if (inOutage(orchestrator, startMs)) continue;
    jobs.push(job);
    first = false;
  }
  return jobs;
}

/** Every background job of the network starting in [fromMs, toMs). */
export function backgroundJobsBetween(
  network: SimNetwork,
  fromMs: number,
  toMs: number,
): JobRecord[] {
  const out: JobRecord[] = [];
  for (let h = Math.floor(fromMs / HOUR_MS) * HOUR_MS; h < toMs; h += HOUR_MS) {
    for (const o of network.orchestrators) {
      for (const gpu of o.gpus) {
        for (const w of gpu.workloads) {
          for (const job of backgroundJobs(network, o, gpu, w, h)) {
            if (job.startMs >= fromMs && job.startMs < toMs) out.push(job);
          }
        }
      }
    }
  }
  return out;
}
