import {
  addMoments,
  EMPTY_MOMENTS,
  fpsMean,
  fpsStddev,
  jitterFromMoments,
  momentsOf,
  weightedJitter,
  type ErrorClass,
  type FpsMoments,
  type PipelineId,
} from '@naap/otel';
import type { GatewayRequestRecord } from '../engine.js';
import {
  outageMs,
  type SimGpu,
  type SimNetwork,
  type SimOrchestrator,
} from '../scenario/resolve.js';
import { busySeconds, utilizationPercent } from './gpu-state.js';
import { backgroundJobsBetween, HOUR_MS, MAX_STREAM_MS, type JobRecord } from './jobs.js';
import { distribution, type Distribution } from './stats.js';

/**
 * What the simulated network actually did per (hour, orchestrator, GPU,
 * pipeline, model): the quantities the SLA metrics measure. A job counts in
 * the hour it completed (when go-livepeer logs and counts it); FPS samples in
 * the hour they were logged.
 */
export interface TruthRow {
  readonly hour: string;
  readonly orchestratorId: string;
  readonly address: string;
  readonly region: string;
  readonly gpuUuid: string;
  readonly parentGpuUuid: string | null;
  readonly gpuModel: string;
  readonly pipeline: PipelineId;
  readonly modelId: string;
  readonly jobs: {
    readonly total: number;
    readonly success: number;
    readonly failure: number;
    readonly excused: number;
    readonly background: number;
    readonly gateway: number;
  };
  readonly errors: Partial<Record<ErrorClass, number>>;
  readonly startup: { readonly attempts: number; readonly successes: number };
  /** Batch: job durations (`took=`); live: stream lengths. */
  readonly latencyMs: Distribution | null;
  /** Live only: prompt-to-first-frame of streams that completed in the hour. */
  readonly ptffMs: Distribution | null;
  readonly fps: {
    readonly samples: number;
    readonly mean: number | null;
    readonly stddev: number | null;
    /** σ/μ per stream within the hour, sample-weighted over streams. */
    readonly jitter: number | null;
    readonly moments: FpsMoments;
  } | null;
  readonly inferenceMinutes: number;
  readonly windowSeconds: number;
  readonly availableSeconds: number;
  /** Mean `utilization.gpu` as a ratio (null on MIG instances, which report [N/A]). */
  readonly gpuUtilizationMean: number | null;
}

/** Gateway requests pinned to one orchestrator, and how many another O served. */
export interface SwapTruthRow {
  readonly hour: string;
  readonly orchestratorId: string;
  readonly address: string;
  readonly pipeline: PipelineId;
  readonly modelId: string;
  readonly requests: number;
  readonly swapped: number;
}

export interface Truth {
  readonly scenario: string;
  readonly seed: number;
  readonly from: string;
  readonly to: string;
  readonly rows: readonly TruthRow[];
  readonly swaps: readonly SwapTruthRow[];
}

export interface TruthOptions {
  readonly fromMs: number;
  readonly toMs: number;
  /** Gateway-routed requests recorded by a running simulation (its ledger). */
  readonly gatewayRequests?: readonly GatewayRequestRecord[];
  /** Compute per-second GPU utilization means (default true). */
  readonly gpuUtilization?: boolean;
}

const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
const rowKey = (hour: number, gpuUuid: string, pipeline: string, model: string): string =>
  `${hour}|${gpuUuid}|${pipeline}|${model}`;

interface Acc {
  readonly jobs: JobRecord[];
  readonly fpsByStream: Map<string, FpsMoments>;
}

function accumulate(jobs: readonly JobRecord[], fromMs: number, toMs: number): Map<string, Acc> {
  const acc = new Map<string, Acc>();
  const get = (hour: number, j: JobRecord): Acc => {
    const key = rowKey(hour, j.gpuUuid, j.pipeline, j.modelId);
    let a = acc.get(key);
    if (a === undefined) acc.set(key, (a = { jobs: [], fpsByStream: new Map() }));
    return a;
  };
  for (const j of jobs) {
    if (j.endMs >= fromMs && j.endMs < toMs) get(hourOf(j.endMs), j).jobs.push(j);
    for (const s of j.live?.fpsSamples ?? []) {
      if (s.atMs < fromMs || s.atMs >= toMs) continue;
      const a = get(hourOf(s.atMs), j);
      a.fpsByStream.set(
        j.id,
        addMoments(a.fpsByStream.get(j.id) ?? EMPTY_MOMENTS, momentsOf([s.fps])),
      );
    }
  }
  return acc;
}

function fpsTruth(byStream: Map<string, FpsMoments>): TruthRow['fps'] {
  if (byStream.size === 0) return null;
  let moments = EMPTY_MOMENTS;
  const streams = [];
  for (const m of byStream.values()) {
    moments = addMoments(moments, m);
    const j = jitterFromMoments(m);
    if (j !== null) streams.push({ jitter: j, samples: m.count });
  }
  return {
    samples: moments.count,
    mean: fpsMean(moments),
    stddev: fpsStddev(moments),
    jitter: weightedJitter(streams),
    moments,
  };
}

function gpuUtilization(
  network: SimNetwork,
  o: SimOrchestrator,
  gpu: SimGpu,
  from: number,
  to: number,
): number | null {
  if (gpu.mig !== null || to <= from) return null;
  const busy = busySeconds(network, o, gpu, hourOf(from));
  let sum = 0;
  let n = 0;
  for (let t = from; t < to; t += 1000) {
    const second = Math.floor(t / 1000);
    sum += utilizationPercent(
      network.seed,
      gpu.uuid,
      second,
      busy[second - hourOf(from) / 1000] ?? 0,
    );
    n++;
  }
  return n === 0 ? null : sum / n / 100;
}

function buildRow(
  ctx: {
    network: SimNetwork;
    o: SimOrchestrator;
    gpu: SimGpu;
    hour: number;
    from: number;
    to: number;
  },
  w: { pipeline: PipelineId; modelId: string; kind: 'batch' | 'live' },
  acc: Acc | undefined,
  withGpu: boolean,
): TruthRow {
  const jobs = acc?.jobs ?? [];
  const count = (f: (j: JobRecord) => boolean): number => jobs.filter(f).length;
  const errors: Partial<Record<ErrorClass, number>> = {};
  for (const j of jobs)
    if (j.errorClass !== null) errors[j.errorClass] = (errors[j.errorClass] ?? 0) + 1;
  const window = (ctx.to - ctx.from) / 1000;
  return {
    hour: new Date(ctx.hour).toISOString(),
    orchestratorId: ctx.o.id,
    address: ctx.o.address,
    region: ctx.o.region,
    gpuUuid: ctx.gpu.uuid,
    parentGpuUuid: ctx.gpu.mig?.parentUuid ?? null,
    gpuModel: ctx.gpu.model.name,
    pipeline: w.pipeline,
    modelId: w.modelId,
    jobs: {
      total: jobs.length,
      success: count((j) => j.outcome === 'success'),
      failure: count((j) => j.outcome === 'failure'),
      excused: count((j) => j.outcome === 'excused'),
      background: count((j) => j.origin === 'background'),
      gateway: count((j) => j.origin === 'gateway'),
    },
    errors,
    startup: {
      attempts: count((j) => !j.warm),
      successes: count((j) => !j.warm && j.outcome === 'success'),
    },
    latencyMs: distribution(jobs.map((j) => j.durationMs)),
    ptffMs:
      w.kind === 'live'
        ? distribution(
            jobs.flatMap((j) => (j.live && j.outcome === 'success' ? [j.live.ptffMs] : [])),
          )
        : null,
    fps: w.kind === 'live' ? fpsTruth(acc?.fpsByStream ?? new Map<string, FpsMoments>()) : null,
    inferenceMinutes: jobs.reduce((s, j) => s + j.durationMs, 0) / 60_000,
    windowSeconds: window,
    availableSeconds: window - outageMs(ctx.o, ctx.from, ctx.to) / 1000,
    gpuUtilizationMean: withGpu
      ? gpuUtilization(ctx.network, ctx.o, ctx.gpu, ctx.from, ctx.to)
      : null,
  };
}

function swapRows(
  network: SimNetwork,
  requests: readonly GatewayRequestRecord[],
  fromMs: number,
  toMs: number,
): SwapTruthRow[] {
  const rows = new Map<string, SwapTruthRow>();
  for (const r of requests) {
    if (r.pinnedOrchestratorId === null || r.atMs < fromMs || r.atMs >= toMs) continue;
    const o = network.orchestrators.find((x) => x.id === r.pinnedOrchestratorId);
    if (o === undefined) continue;
    const hour = new Date(hourOf(r.atMs)).toISOString();
    const key = `${hour}|${o.id}|${r.pipeline}|${r.modelId}`;
    const prev = rows.get(key) ?? {
      hour,
      orchestratorId: o.id,
      address: o.address,
      pipeline: r.pipeline,
      modelId: r.modelId,
      requests: 0,
      swapped: 0,
    };
    rows.set(key, {
      ...prev,
      requests: prev.requests + 1,
      swapped: prev.swapped + (r.swapped ? 1 : 0),
    });
  }
  return [...rows.values()];
}

/** Ground truth of the network over [fromMs, toMs): background jobs plus the given gateway requests. */
export function computeTruth(network: SimNetwork, options: TruthOptions): Truth {
  const { fromMs, toMs } = options;
  if (!(toMs > fromMs)) throw new RangeError('truth: "to" must be after "from"');
  const routed = (options.gatewayRequests ?? []).flatMap((r) => r.attempts);
  const jobs = [...backgroundJobsBetween(network, fromMs - MAX_STREAM_MS, toMs), ...routed];
  const acc = accumulate(jobs, fromMs, toMs);
  const rows: TruthRow[] = [];
  for (let hour = hourOf(fromMs); hour < toMs; hour += HOUR_MS) {
    const from = Math.max(hour, fromMs);
    const to = Math.min(hour + HOUR_MS, toMs);
    for (const o of network.orchestrators) {
      for (const gpu of o.gpus) {
        for (const w of gpu.workloads) {
          const a = acc.get(rowKey(hour, gpu.uuid, w.pipeline, w.modelId));
          rows.push(
            buildRow({ network, o, gpu, hour, from, to }, w, a, options.gpuUtilization ?? true),
          );
        }
      }
    }
  }
  return {
    scenario: network.name,
    seed: network.seed,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    rows,
    swaps: swapRows(network, options.gatewayRequests ?? [], fromMs, toMs),
  };
}
