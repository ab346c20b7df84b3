// Test helpers of the go-livepeer-log tests: an SDK MeterProvider with an
// in-memory exporter, a configuration and a sampler context.
import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { pino } from 'pino';
import type { AgentConfig } from '../../config/types.js';
import type { SamplerContext } from '../sampler.js';

export interface Point {
  readonly attributes: Attributes;
  /** Counters: the value; histograms: the sum. */
  readonly value: number;
  /** Histograms only. */
  readonly count?: number;
  readonly buckets?: { readonly boundaries: number[]; readonly counts: number[] };
}

export interface TestMeter {
  readonly meter: SamplerContext['meter'];
  /** Exports once; the points per metric name. */
  collect(): Promise<Map<string, Point[]>>;
  shutdown(): Promise<void>;
}

export function testMeter(): TestMeter {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('naap-agent-test'),
    async collect() {
      exporter.reset();
      await reader.forceFlush();
      const out = new Map<string, Point[]>();
      for (const rm of exporter.getMetrics()) {
        for (const sm of rm.scopeMetrics) {
          for (const data of sm.metrics) {
            const points: Point[] =
              data.dataPointType === DataPointType.HISTOGRAM
                ? data.dataPoints.map((p) => ({
                    attributes: p.attributes,
                    value: p.value.sum ?? Number.NaN,
                    count: p.value.count,
                    buckets: p.value.buckets,
                  }))
                : data.dataPointType === DataPointType.SUM
                  ? data.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value }))
                  : [];
            out.set(data.descriptor.name, points);
          }
        }
      }
      return out;
    },
    shutdown: () => provider.shutdown(),
  };
}

export function testContext(
  jobLog: AgentConfig['jobLog'],
  meter: SamplerContext['meter'],
  signal: AbortSignal = new AbortController().signal,
): SamplerContext {
  const config: AgentConfig = {
    collector: 'http://127.0.0.1:4318',
    token: undefined,
    protocol: 'protobuf',
    exportIntervalMs: 10_000,
    bufferMaxPoints: 10_000,
    identity: { address: undefined, uri: undefined, region: undefined, hostName: 'test-host' },
    samplers: new Set(['go-livepeer-log']),
    nvidiaSmi: { path: 'nvidia-smi', intervalMs: 1000, computeAppsIntervalMs: 10_000 },
    dcgm: { path: 'dcgmi', intervalMs: 1000 },
    host: { intervalMs: 3_600_000 },
    goLivepeer: { cliUrl: undefined, scrapeIntervalMs: 3_600_000, timeoutMs: 2000 },
    jobLog,
    runners: { intervalMs: 3_600_000, docker: 'docker' },
    logLevel: 'warn',
  };
  return { config, meter, log: pino({ level: 'silent' }), signal };
}

/** Sums points by a key of their attributes. */
export function totals(
  points: readonly Point[],
  key: (a: Attributes) => string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of points) {
    const k = key(p.attributes);
    out.set(k, (out.get(k) ?? 0) + (p.count ?? p.value));
  }
  return out;
}
