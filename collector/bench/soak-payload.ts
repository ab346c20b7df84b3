/**
 * The soak's agents: realistic GPU telemetry of one orchestrator host per
 * agent, encoded as an OTLP/HTTP protobuf ExportMetricsServiceRequest and
 * gzipped, as the agent's exporter sends it. Each sample (1 s) holds the 12
 * nvidia-smi gauges of every GPU (the gauges of `payload.ts`) and the agent's
 * heartbeat; a request carries the samples of one export interval with their
 * own timestamps. Written with protobuf's wire writer rather than the OTel
 * SDK so the load generator stays cheap next to the collector it measures.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { ATTR, METRIC, METRICS, type MetricName } from '@naap/otel';
import type { Orchestrator } from './payload.js';

const GiB = 1024 ** 3;
const MODELS = [
  { model: 'NVIDIA GeForce RTX 4090', memory: 24 * GiB, power: 450, sm: 2520 },
  { model: 'NVIDIA A100-SXM4-40GB', memory: 40 * GiB, power: 400, sm: 1410 },
  { model: 'NVIDIA L40S', memory: 48 * GiB, power: 350, sm: 2520 },
] as const;
const REGIONS = ['FRA', 'LAX', 'LON', 'MDW', 'NYC', 'PRG', 'SAO', 'SIN'] as const;

interface Gpu {
  readonly spec: (typeof MODELS)[number];
  readonly attributes: readonly (readonly [string, string])[];
  load: number;
  temp: number;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const mib = (bytes: number): number => Math.round(bytes / 1048576) * 1048576;
const hex = (s: string, n: number): string =>
  createHash('sha256').update(s).digest('hex').slice(0, n);

/** The 12 GPU gauges of an agent's nvidia-smi sampler, valued from the GPU's state. */
const GAUGES: readonly { name: MetricName; value: (g: Gpu) => number }[] = [
  { name: METRIC.gpuUtilization, value: (g) => round(g.load, 2) },
  { name: METRIC.gpuMemoryBandwidthUtilization, value: (g) => round(g.load * 0.6, 2) },
  { name: METRIC.gpuMemoryUsage, value: (g) => mib(g.spec.memory * (0.2 + 0.7 * g.load)) },
  { name: METRIC.gpuMemoryLimit, value: (g) => g.spec.memory },
  { name: METRIC.gpuMemoryFree, value: (g) => mib(g.spec.memory * (0.8 - 0.7 * g.load)) },
  { name: METRIC.gpuTemperature, value: (g) => Math.round(g.temp) },
  { name: METRIC.gpuPowerDraw, value: (g) => round(30 + g.spec.power * 0.9 * g.load, 2) },
  { name: METRIC.gpuPowerLimit, value: (g) => g.spec.power },
  { name: METRIC.gpuClockSm, value: (g) => Math.round(g.spec.sm * (0.3 + 0.7 * g.load)) },
  { name: METRIC.gpuClockSmMax, value: (g) => g.spec.sm },
  { name: METRIC.gpuClockMemory, value: (g) => (g.load > 0.05 ? 10_501 : 405) },
  { name: METRIC.gpuEncoderUtilization, value: (g) => round(g.load * 0.3, 2) },
];

/** Data points one sample of a host with `gpus` GPUs holds (gauges per GPU + heartbeat). */
export const pointsPerSample = (gpus: number): number => gpus * GAUGES.length + 1;

const describe = (name: MetricName) => METRICS.find((d) => d.name === name);

function keyValue(w: BinaryWriter, field: number, key: string, value: string): void {
  w.tag(field, WireType.LengthDelimited).fork();
  w.tag(1, WireType.LengthDelimited).string(key);
  w.tag(2, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string(value).join();
  w.join();
}

/** Nanoseconds since the epoch of a millisecond time, as protobuf's fixed64 wants it. */
const nanos = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;

/** One simulated agent: its host's GPUs, resource and sample clock. */
export class SoakAgent {
  private readonly gpus: Gpu[];
  private readonly resource: readonly (readonly [string, string])[];

  constructor(
    readonly orchestrator: Orchestrator,
    index: number,
    gpuCount: number,
    private readonly random: () => number,
  ) {
    const spec = MODELS[index % MODELS.length] ?? MODELS[0];
    this.gpus = Array.from({ length: gpuCount }, (_, i) => ({
      spec,
      attributes: [
        [ATTR.hwId, `GPU-${hex(`${orchestrator.address}/${i}`, 32)}`],
        [ATTR.hwModel, spec.model],
        [ATTR.hwVendor, 'nvidia'],
      ],
      load: random(),
      temp: 40 + random() * 30,
    }));
    this.resource = [
      [ATTR.serviceName, 'naap-agent'],
      [ATTR.serviceVersion, '0.4.2'],
      [ATTR.serviceInstanceId, hex(`instance-${index}`, 32)],
      [ATTR.hostName, `orch-${index}.example.net`],
      [ATTR.orchestratorAddress, orchestrator.address],
      [ATTR.orchestratorUri, `https://orch-${index}.example.net:8935`],
      [ATTR.region, REGIONS[index % REGIONS.length] ?? 'FRA'],
    ];
  }

  /** A gzipped request of the samples taken at `sampleTimesMs`, and its point count. */
  request(sampleTimesMs: readonly number[]): { body: Buffer; points: number } {
    const states = sampleTimesMs.map(() => this.step());
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).fork(); // ResourceMetrics
    w.tag(1, WireType.LengthDelimited).fork(); // Resource
    for (const [k, v] of this.resource) keyValue(w, 1, k, v);
    w.join();
    w.tag(2, WireType.LengthDelimited).fork(); // ScopeMetrics
    w.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('naap-agent');
    w.tag(2, WireType.LengthDelimited).string('0.4.2').join();
    let points = 0;
    for (const gauge of GAUGES) {
      this.metric(w, gauge.name, () => {
        sampleTimesMs.forEach((t, s) => {
          for (const [i, g] of this.gpus.entries()) {
            this.point(w, g.attributes, t, gauge.value(states[s]?.[i] ?? g));
            points++;
          }
        });
      });
    }
    this.metric(w, METRIC.agentHeartbeat, () => {
      for (const t of sampleTimesMs) {
        this.point(w, [], t, 1);
        points++;
      }
    });
    w.join().join();
    return { body: gzipSync(w.finish()), points };
  }

  private metric(w: BinaryWriter, name: MetricName, points: () => void): void {
    const def = describe(name);
    w.tag(2, WireType.LengthDelimited).fork(); // Metric
    w.tag(1, WireType.LengthDelimited).string(name);
    w.tag(2, WireType.LengthDelimited).string(def?.description ?? '');
    w.tag(3, WireType.LengthDelimited).string(def?.unit ?? '');
    w.tag(5, WireType.LengthDelimited).fork(); // Gauge
    points();
    w.join().join();
  }

  private point(
    w: BinaryWriter,
    attributes: readonly (readonly [string, string])[],
    timeMs: number,
    value: number,
  ): void {
    w.tag(1, WireType.LengthDelimited).fork(); // NumberDataPoint
    w.tag(2, WireType.Bit64).fixed64(nanos(timeMs - 1000));
    w.tag(3, WireType.Bit64).fixed64(nanos(timeMs));
    w.tag(4, WireType.Bit64).double(value);
    for (const [k, v] of attributes) keyValue(w, 7, k, v);
    w.join();
  }

  /** Advances the GPUs by one second; returns their states for that sample. */
  private step(): Gpu[] {
    return this.gpus.map((g) => {
      g.load = Math.min(1, Math.max(0, g.load + (this.random() - 0.5) * 0.2));
      g.temp += (35 + 50 * g.load - g.temp) * 0.1 + (this.random() - 0.5);
      return { ...g };
    });
  }
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
