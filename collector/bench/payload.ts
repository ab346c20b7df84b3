/**
 * Realistic OTLP/HTTP protobuf bodies of GPU telemetry, made by the official
 * OpenTelemetry JS SDK: one MeterProvider per simulated orchestrator (agent),
 * observable gauges per GPU as `nvidia-smi` would report them, collected by a
 * pull reader, serialised by `@opentelemetry/otlp-transformer` and gzipped
 * like the OTLP exporter does (`compression: 'gzip'`).
 *
 * A request carries consecutive 1 s samples of one orchestrator (an agent
 * exporting every ~10 s, or a batching OTel Collector in front of it): one
 * ResourceMetrics, each gauge holding a point per GPU and sample. The last
 * sample is cut short to hit the requested points per request exactly (like
 * fields a GPU reports as [N/A]).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { HrTime } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  DataPointType,
  MeterProvider,
  MetricReader,
  type GaugeMetricData,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { ATTR, METRIC, METRICS, type MetricName } from '@naap/otel';

export interface Orchestrator {
  readonly address: string;
  readonly token: string;
}

export interface BenchRequest {
  readonly orchestrator: number;
  /** gzip of an ExportMetricsServiceRequest. */
  readonly body: Buffer;
  readonly points: number;
  readonly rawBytes: number;
}

export interface PayloadOptions {
  readonly requests: number;
  readonly pointsPerRequest: number;
  readonly orchestrators: number;
  readonly gpusPerOrchestrator: number;
  readonly seed?: number;
}

interface MetricsSerializer {
  serializeRequest(request: ResourceMetrics): Uint8Array | undefined;
}

/** The exporters' own serializer; otlp-transformer is their dependency, not ours. */
function loadSerializer(): MetricsSerializer {
  const require = createRequire(import.meta.url);
  const exporter = require.resolve('@opentelemetry/exporter-metrics-otlp-proto');
  const mod: unknown = createRequire(exporter)('@opentelemetry/otlp-transformer');
  const s: unknown =
    typeof mod === 'object' && mod !== null && 'ProtobufMetricsSerializer' in mod
      ? mod.ProtobufMetricsSerializer
      : undefined;
  if (typeof s === 'object' && s !== null && 'serializeRequest' in s) {
    if (typeof s.serializeRequest === 'function') return s as MetricsSerializer;
  }
  throw new Error('@opentelemetry/otlp-transformer has no ProtobufMetricsSerializer');
}

/** A reader the benchmark pulls from; the SDK calls these on flush/shutdown only. */
class PullReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

const GiB = 1024 ** 3;
const MODELS = [
  { model: 'NVIDIA GeForce RTX 4090', memory: 24 * GiB, power: 450, sm: 2520 },
  { model: 'NVIDIA GeForce RTX 3090', memory: 24 * GiB, power: 350, sm: 1950 },
  { model: 'NVIDIA A100-SXM4-40GB', memory: 40 * GiB, power: 400, sm: 1410 },
  { model: 'NVIDIA L40S', memory: 48 * GiB, power: 350, sm: 2520 },
] as const;
const REGIONS = ['FRA', 'LAX', 'LON', 'MDW', 'NYC', 'PRG', 'SAO', 'SIN'] as const;

type Gpu = {
  load: number;
  temp: number;
  attributes: Record<string, string>;
} & (typeof MODELS)[number];

/** The 12 GPU gauges an agent reports per GPU (`nvidia-smi`), valued from the GPU's state. */
const GAUGES: readonly { name: MetricName; value: (g: Gpu) => number }[] = [
  { name: METRIC.gpuUtilization, value: (g) => round(g.load, 2) },
  { name: METRIC.gpuMemoryBandwidthUtilization, value: (g) => round(g.load * 0.6, 2) },
  { name: METRIC.gpuMemoryUsage, value: (g) => mib(g.memory * (0.2 + 0.7 * g.load)) },
  { name: METRIC.gpuMemoryLimit, value: (g) => g.memory },
  { name: METRIC.gpuMemoryFree, value: (g) => mib(g.memory * (0.8 - 0.7 * g.load)) },
  { name: METRIC.gpuTemperature, value: (g) => Math.round(g.temp) },
  { name: METRIC.gpuPowerDraw, value: (g) => round(30 + g.power * 0.9 * g.load, 2) },
  { name: METRIC.gpuPowerLimit, value: (g) => g.power },
  { name: METRIC.gpuClockSm, value: (g) => Math.round(g.sm * (0.3 + 0.7 * g.load)) },
  { name: METRIC.gpuClockSmMax, value: (g) => g.sm },
  { name: METRIC.gpuClockMemory, value: (g) => (g.load > 0.05 ? 10_501 : 405) },
  { name: METRIC.gpuEncoderUtilization, value: (g) => round(g.load * 0.3, 2) },
];
export const GAUGES_PER_GPU = GAUGES.length;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const mib = (bytes: number): number => Math.round(bytes / 1048576) * 1048576;
const hex = (s: string, n: number): string =>
  createHash('sha256').update(s).digest('hex').slice(0, n);
const hrTime = (ms: number): HrTime => [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];

/** Deterministic PRNG (mulberry32): the same run sends the same values. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function orchestrators(count: number): Orchestrator[] {
  return Array.from({ length: count }, (_, i) => ({
    address: `0x${hex(`orchestrator-${i}`, 40)}`,
    token: `bench-agent-${i}-${hex(`token-${i}`, 24)}`,
  }));
}

/** One simulated agent: its GPUs, its MeterProvider and its sample clock. */
class Agent {
  private readonly gpus: Gpu[];
  private readonly reader = new PullReader();
  readonly provider: MeterProvider;
  private clockMs: number;

  constructor(o: Orchestrator, i: number, gpuCount: number, startMs: number, rnd: () => number) {
    const spec = MODELS[i % MODELS.length] ?? MODELS[0];
    this.gpus = Array.from({ length: gpuCount }, (_, index) => ({
      ...spec,
      attributes: {
        [ATTR.hwId]: `GPU-${hex(`${o.address}/${index}`, 32)}`,
        [ATTR.hwModel]: spec.model,
        [ATTR.hwVendor]: 'nvidia',
      },
      load: rnd(),
      temp: 40 + rnd() * 30,
    }));
    this.clockMs = startMs + Math.floor(rnd() * 1000);
    this.provider = new MeterProvider({
      resource: resourceFromAttributes({
        [ATTR.serviceName]: 'naap-agent',
        [ATTR.serviceVersion]: '0.4.2',
        [ATTR.serviceInstanceId]: hex(`instance-${i}`, 32),
        [ATTR.hostName]: `orch-${i}.example.net`,
        [ATTR.orchestratorAddress]: o.address,
        [ATTR.orchestratorUri]: `https://orch-${i}.example.net:8935`,
        [ATTR.region]: REGIONS[i % REGIONS.length] ?? 'FRA',
      }),
      readers: [this.reader],
    });
    const meter = this.provider.getMeter('naap-agent', '0.4.2');
    for (const gauge of GAUGES) {
      // Unit and description as the catalog defines the instrument.
      const def = METRICS.find((d) => d.name === gauge.name);
      const options = { unit: def?.unit ?? '', description: def?.description ?? '' };
      meter.createObservableGauge(gauge.name, options).addCallback((r) => {
        for (const g of this.gpus) r.observe(gauge.value(g), g.attributes);
      });
    }
  }

  /** Advances 1 s of GPU activity and collects it; points carry the sample time. */
  async sample(rnd: () => number): Promise<ResourceMetrics> {
    for (const g of this.gpus) {
      g.load = Math.min(1, Math.max(0, g.load + (rnd() - 0.5) * 0.2));
      g.temp += (35 + 50 * g.load - g.temp) * 0.1 + (rnd() - 0.5);
    }
    const startTime = hrTime(this.clockMs);
    this.clockMs += 1000;
    const endTime = hrTime(this.clockMs + Math.floor(rnd() * 20));
    const { resourceMetrics } = await this.reader.collect();
    const retime = (m: MetricData): MetricData =>
      m.dataPointType === DataPointType.GAUGE
        ? { ...m, dataPoints: m.dataPoints.map((p) => ({ ...p, startTime, endTime })) }
        : m;
    return {
      resource: resourceMetrics.resource,
      scopeMetrics: resourceMetrics.scopeMetrics.map((sm) => ({
        scope: sm.scope,
        metrics: sm.metrics.map(retime),
      })),
    };
  }
}

/** Merges samples into one ResourceMetrics of `limit` points at most, a metric per name. */
function merge(samples: readonly ResourceMetrics[], limit: number) {
  const first = samples[0];
  if (first === undefined) throw new Error('no samples');
  const merged = new Map<string, GaugeMetricData>();
  let points = 0;
  for (const m of samples.flatMap((s) => s.scopeMetrics.flatMap((sm) => sm.metrics))) {
    if (m.dataPointType !== DataPointType.GAUGE) continue;
    const take = m.dataPoints.slice(0, Math.max(0, limit - points));
    if (take.length === 0) continue;
    points += take.length;
    const prev = merged.get(m.descriptor.name);
    merged.set(m.descriptor.name, {
      ...m,
      dataPoints: prev === undefined ? take : [...prev.dataPoints, ...take],
    });
  }
  const scope = first.scopeMetrics[0]?.scope ?? { name: 'naap-agent' };
  const request: ResourceMetrics = {
    resource: first.resource,
    scopeMetrics: [{ scope, metrics: [...merged.values()] }],
  };
  return { request, points };
}

/** Builds `requests` gzip bodies, orchestrators taking turns; timestamps end about now. */
export async function buildRequests(
  options: PayloadOptions,
): Promise<{ orchestrators: Orchestrator[]; requests: BenchRequest[] }> {
  const serializer = loadSerializer();
  const rnd = prng(options.seed ?? 42);
  const orchs = orchestrators(options.orchestrators);
  const perSample = options.gpusPerOrchestrator * GAUGES_PER_GPU;
  const samplesPerRequest = Math.ceil(options.pointsPerRequest / perSample);
  const rounds = Math.ceil(options.requests / options.orchestrators);
  const startMs = Date.now() - (rounds * samplesPerRequest + 5) * 1000;
  const agents = orchs.map((o, i) => new Agent(o, i, options.gpusPerOrchestrator, startMs, rnd));
  const requests: BenchRequest[] = [];
  try {
    for (let r = 0; r < options.requests; r++) {
      const orchestrator = r % agents.length;
      const agent = agents[orchestrator];
      if (agent === undefined) throw new Error('no agent');
      const samples: ResourceMetrics[] = [];
      for (let s = 0; s < samplesPerRequest; s++) samples.push(await agent.sample(rnd));
      const { request, points } = merge(samples, options.pointsPerRequest);
      const raw = serializer.serializeRequest(request);
      if (raw === undefined) throw new Error('the serializer refused the request');
      requests.push({ orchestrator, body: gzipSync(raw), points, rawBytes: raw.byteLength });
    }
  } finally {
    await Promise.all(agents.map((a) => a.provider.shutdown()));
  }
  return { orchestrators: orchs, requests };
}
