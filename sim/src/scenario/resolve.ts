import { isLivePipeline, type ErrorClass, type PipelineId, type RegionCode } from '@naap/otel';
import type { PrivateKeyAccount } from 'viem/accounts';
import { addressOf, orchestratorAccount } from '../core/keys.js';
import { Rng } from '../core/rng.js';
import { gpuModel, MIG_PROFILES, type GpuModelSpec } from './gpu-models.js';
import { LIVE_DEFAULTS, PIPELINE_DEFAULTS } from './pipeline-defaults.js';
import type {
  LatencySpec,
  OrchestratorSpec,
  OutageSpec,
  Scenario,
  WorkloadSpec,
} from './schema.js';

/** A workload with every default filled in. */
export interface SimWorkload {
  readonly pipeline: PipelineId;
  readonly kind: 'batch' | 'live';
  readonly modelId: string;
  readonly latency: LatencySpec;
  readonly failureRate: number;
  readonly errors: Readonly<Partial<Record<ErrorClass, number>>>;
  readonly demandPerHour: number;
  readonly capacity: number;
  readonly warm: boolean;
  readonly coldStartMs: number;
  readonly vramMiB: number;
  /** Live only (null for batch). */
  readonly fps: { readonly mean: number; readonly sigma: number } | null;
  readonly ptff: LatencySpec | null;
  readonly streamMinutes: number;
  /** The ai-runner container serving it: name and loopback port. */
  readonly container: { readonly name: string; readonly hostPort: number };
}

export interface SimMig {
  readonly parentUuid: string;
  readonly profile: string;
  readonly memoryMiB: number;
  readonly smShare: number;
  readonly gpuInstanceId: number;
  readonly computeInstanceId: number;
}

/** One GPU (or MIG instance) as nvidia-smi and the runners see it. */
export interface SimGpu {
  readonly uuid: string;
  /** nvidia-smi index on its host. */
  readonly index: number;
  readonly model: GpuModelSpec;
  readonly busId: string;
  readonly serial: string;
  readonly mig: SimMig | null;
  readonly workloads: readonly SimWorkload[];
}

export type SimOutage =
  | { readonly kind: 'window'; readonly fromMs: number; readonly toMs: number }
  | {
      readonly kind: 'recurring';
      readonly everyMs: number;
      readonly offsetMs: number;
      readonly durationMs: number;
    };

export interface SimOrchestrator {
  readonly id: string;
  readonly index: number;
  readonly address: string;
  readonly account: PrivateKeyAccount;
  readonly region: RegionCode;
  readonly serviceUri: string;
  readonly hostName: string;
  readonly version: string;
  readonly pricePerUnit: number;
  readonly behaviour: 'healthy' | 'flaky' | 'slow' | 'outage';
  readonly outages: readonly SimOutage[];
  readonly agent: boolean;
  readonly gpus: readonly SimGpu[];
  /** go-livepeer's node_id label. */
  readonly nodeId: string;
}

export interface SimNetwork {
  readonly name: string;
  readonly seed: number;
  readonly orchestrators: readonly SimOrchestrator[];
}

function uuidFrom(rng: Rng, prefix: 'GPU' | 'MIG'): string {
  const h = rng.hex(16);
  return `${prefix}-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function resolveWorkload(
  spec: WorkloadSpec,
  defaults: Scenario['defaults'],
  hostPort: number,
): SimWorkload {
  const pd = PIPELINE_DEFAULTS[spec.pipeline];
  const live = isLivePipeline(spec.pipeline);
  const pick = <K extends keyof NonNullable<Scenario['defaults']>>(k: K) =>
    spec[k] ?? defaults?.[k];
  const slug = spec.model.replaceAll('/', '-').replaceAll('_', '-');
  return {
    pipeline: spec.pipeline,
    kind: live ? 'live' : 'batch',
    modelId: spec.model,
    latency: pick('latency') ?? pd.latency,
    failureRate: pick('failureRate') ?? 0.005,
    errors: pick('errors') ?? { timeout: 0.4, runner_error: 0.3, oom: 0.1, transport: 0.2 },
    demandPerHour: pick('demandPerHour') ?? pd.demandPerHour,
    capacity: pick('capacity') ?? 1,
    warm: pick('warm') ?? true,
    coldStartMs: pick('coldStartMs') ?? pd.coldStartMs,
    vramMiB: pd.vramMiB,
    fps: live ? (pick('fps') ?? LIVE_DEFAULTS.fps) : null,
    ptff: live ? (pick('ptff') ?? LIVE_DEFAULTS.ptff) : null,
    streamMinutes: pick('streamMinutes') ?? LIVE_DEFAULTS.streamMinutes,
    container: { name: `${spec.pipeline}_${slug}_${hostPort}`, hostPort },
  };
}

function resolveOutage(o: OutageSpec): SimOutage {
  if ('from' in o) {
    const fromMs = Date.parse(o.from);
    const toMs = Date.parse(o.to);
    if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs <= fromMs) {
      throw new RangeError(`outage ${o.from} … ${o.to}: not a valid time window`);
    }
    return { kind: 'window', fromMs, toMs };
  }
  return {
    kind: 'recurring',
    everyMs: o.everyHours * 3_600_000,
    offsetMs: o.offsetMinutes * 60_000,
    durationMs: o.durationMinutes * 60_000,
  };
}

function resolveGpus(
  seed: number,
  spec: OrchestratorSpec,
  defaults: Scenario['defaults'],
): SimGpu[] {
  const gpus: SimGpu[] = [];
  let port = 8000;
  let physical = 0;
  for (const g of spec.gpus) {
    const model = gpuModel(g.model);
    for (let n = 0; n < (g.count ?? 1); n++, physical++) {
      const rng = Rng.of(seed, 'gpu', spec.id, physical);
      const uuid = uuidFrom(rng, 'GPU');
      const busId = `00000000:${(0x18 + physical * 0x10).toString(16).toUpperCase().padStart(2, '0')}:00.0`;
      const serial = String(1_320_000_000_000 + rng.int(0, 99_999_999));
      const workloads = () => g.workloads.map((w) => resolveWorkload(w, defaults, port++));
      if (g.mig === undefined) {
        gpus.push({
          uuid,
          index: gpus.length,
          model,
          busId,
          serial,
          mig: null,
          workloads: workloads(),
        });
        continue;
      }
      if (!model.migCapable) throw new RangeError(`${spec.id}: ${model.name} does not support MIG`);
      g.mig.forEach((profile, i) => {
        const p = MIG_PROFILES[profile] ?? { memoryMiB: 0, smShare: 0 };
        gpus.push({
          uuid: uuidFrom(Rng.of(seed, 'mig', spec.id, physical, i), 'MIG'),
          index: gpus.length,
          model,
          busId,
          serial,
          mig: { parentUuid: uuid, profile, ...p, gpuInstanceId: i + 1, computeInstanceId: 0 },
          workloads: workloads(),
        });
      });
    }
  }
  return gpus;
}

/** Expands a validated scenario into the simulated network. */
export function resolveScenario(scenario: Scenario, seedOverride?: number): SimNetwork {
  const seed = seedOverride ?? scenario.seed ?? 1;
  const ids = new Set<string>();
  const orchestrators = scenario.orchestrators.map((spec, index): SimOrchestrator => {
    if (ids.has(spec.id))
      throw new RangeError(`orchestrators[${index}].id "${spec.id}" is used twice`);
    ids.add(spec.id);
    const account = orchestratorAccount(seed, spec.id);
    return {
      id: spec.id,
      index,
      address: addressOf(account),
      account,
      region: spec.region,
      serviceUri: spec.serviceUri ?? `https://${spec.id}.orch.sim.invalid:8935`,
      hostName: spec.id,
      version: spec.version ?? '0.9.1',
      pricePerUnit: spec.pricePerUnit ?? 4_768_371,
      behaviour: spec.behaviour ?? 'healthy',
      outages: (spec.outages ?? []).map(resolveOutage),
      agent: spec.agent ?? true,
      gpus: resolveGpus(seed, spec, scenario.defaults),
      // go-livepeer's default node id: <eth address>-<hostname>.
      nodeId: `${addressOf(account)}-${spec.id}`,
    };
  });
  return { name: scenario.name, seed, orchestrators };
}

/** Whether the orchestrator is down (in an outage) at `atMs`. */
export function inOutage(o: SimOrchestrator, atMs: number): boolean {
  return o.outages.some((x) =>
    x.kind === 'window'
      ? atMs >= x.fromMs && atMs < x.toMs
      : (((atMs - x.offsetMs) % x.everyMs) + x.everyMs) % x.everyMs < x.durationMs,
  );
}

/** Milliseconds of [fromMs, toMs) the orchestrator is down. */
export function outageMs(o: SimOrchestrator, fromMs: number, toMs: number): number {
  // Outages are minute-aligned in practice; sampling every second is exact enough and simple.
  let down = 0;
  const step = 1000;
  for (let t = fromMs; t < toMs; t += step) if (inOutage(o, t)) down += Math.min(step, toMs - t);
  return down;
}
