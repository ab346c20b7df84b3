// Test helpers shared by the go-livepeer-metrics, host and runners tests: an
// SDK MeterProvider with an in-memory exporter, a config, a capturing logger.
import type { Attributes, HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { pino } from 'pino';
import type { AgentConfig } from '../../config/types.js';
import type { SamplerContext } from '../sampler.js';

export interface ExportedPoint {
  readonly attributes: Attributes;
  /** Sums and gauges: the value; histograms: the sum. */
  readonly value: number;
  /** Histograms only. */
  readonly count?: number;
  readonly startTime: HrTime;
}

export interface TestMetrics {
  readonly meter: SamplerContext['meter'];
  /** Collects and exports once; returns the points of each metric exported. */
  collect(): Promise<Map<string, { data: MetricData; points: ExportedPoint[] }>>;
  shutdown(): Promise<void>;
}

export function testMetrics(): TestMetrics {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('naap-agent-test'),
    async collect() {
      exporter.reset();
      await reader.forceFlush();
      const out = new Map<string, { data: MetricData; points: ExportedPoint[] }>();
      for (const rm of exporter.getMetrics()) {
        for (const sm of rm.scopeMetrics) {
          for (const data of sm.metrics) {
            out.set(data.descriptor.name, { data, points: pointsOf(data) });
          }
        }
      }
      return out;
    },
    shutdown: () => provider.shutdown(),
  };
}

function pointsOf(data: MetricData): ExportedPoint[] {
  if (data.dataPointType === DataPointType.HISTOGRAM) {
    return data.dataPoints.map((p) => ({
      attributes: p.attributes,
      value: p.value.sum ?? Number.NaN,
      count: p.value.count,
      startTime: p.startTime,
    }));
  }
  if (data.dataPointType === DataPointType.SUM || data.dataPointType === DataPointType.GAUGE) {
    return data.dataPoints.map((p) => ({
      attributes: p.attributes,
      value: p.value,
      startTime: p.startTime,
    }));
  }
  return [];
}

export function testConfig(overrides: Partial<AgentConfig> = {}): AgentConfig {
  return {
    collector: 'http://127.0.0.1:4318',
    token: undefined,
    protocol: 'protobuf',
    exportIntervalMs: 10_000,
    bufferMaxPoints: 10_000,
    identity: { address: undefined, uri: undefined, region: undefined, hostName: 'test-host' },
    samplers: new Set(['go-livepeer-metrics', 'host', 'runners']),
    nvidiaSmi: { path: 'nvidia-smi', intervalMs: 1000, computeAppsIntervalMs: 10_000 },
    dcgm: { path: 'dcgmi', intervalMs: 1000 },
    host: { intervalMs: 3_600_000 },
    goLivepeer: { cliUrl: undefined, scrapeIntervalMs: 3_600_000, timeoutMs: 2000 },
    jobLog: { kind: 'none' },
    runners: { intervalMs: 3_600_000, docker: 'docker' },
    logLevel: 'warn',
    ...overrides,
  };
}

export interface LogRecord {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** A SamplerContext with a logger that keeps what it logs. */
export function testContext(
  config: AgentConfig,
  meter: SamplerContext['meter'],
  signal: AbortSignal = new AbortController().signal,
): { ctx: SamplerContext; logs: LogRecord[] } {
  const logs: LogRecord[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        logs.push(JSON.parse(line) as LogRecord);
      },
    },
  );
  return { ctx: { config, meter, log, signal }, logs };
}

/** pino's numeric level of warnings. */
export const WARN = 40;

/** Polls `check` until it holds (or throws after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
