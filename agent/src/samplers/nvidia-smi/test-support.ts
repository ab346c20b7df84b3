// Helpers for this folder's tests (excluded from the build by the `test-*` pattern).
import { Writable } from 'node:stream';
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type DataPoint,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { pino, type Logger } from 'pino';
import type { AgentConfig } from '../../config/types.js';
import type { SamplerContext } from '../sampler.js';

/**
 * A pull reader: `collect()` on demand, with delta temporality like the
 * agent's OTLP exporter (the SDK then drops series a callback no longer
 * observes; under cumulative it would repeat their last value, OTel JS #4096).
 */
export class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }

  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface TestMeter {
  readonly provider: MeterProvider;
  readonly reader: TestReader;
  /** Every metric of one collection, by name. */
  collect(): Promise<Map<string, MetricData>>;
}

export function testMeter(): TestMeter {
  const reader = new TestReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    provider,
    reader,
    async collect() {
      const { resourceMetrics } = await reader.collect();
      const all = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
      return new Map(all.map((m) => [m.descriptor.name, m]));
    },
  };
}

/** The points of a metric as [attributes, value] pairs. */
export function pointsOf(
  metric: MetricData | undefined,
): { attributes: Record<string, unknown>; value: number }[] {
  if (metric === undefined) return [];
  const points = metric.dataPoints as DataPoint<unknown>[];
  return points.map((p) => ({
    attributes: { ...p.attributes },
    value: typeof p.value === 'number' ? p.value : Number.NaN,
  }));
}

export interface CapturedLog {
  readonly logger: Logger;
  /** Parsed pino records so far. */
  records(): { level: number; msg: string }[];
}

/** A pino logger writing JSON records into memory. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  return {
    logger,
    records: () => lines.map((l) => JSON.parse(l) as { level: number; msg: string }),
  };
}

export function testConfig(nvidiaSmi: AgentConfig['nvidiaSmi']): AgentConfig {
  return {
    collector: 'http://127.0.0.1:4318',
    token: undefined,
    protocol: 'protobuf',
    exportIntervalMs: 10_000,
    bufferMaxPoints: 10_000,
    identity: { address: undefined, uri: undefined, region: undefined, hostName: 'test-host' },
    samplers: new Set(['nvidia-smi']),
    nvidiaSmi,
    dcgm: { path: 'dcgmi', intervalMs: 1000 },
    host: { intervalMs: 10_000 },
    goLivepeer: { cliUrl: undefined, scrapeIntervalMs: 10_000, timeoutMs: 2000 },
    jobLog: { kind: 'none' },
    runners: { intervalMs: 10_000, docker: 'docker' },
    logLevel: 'debug',
  };
}

export function testContext(
  config: AgentConfig,
  meter: TestMeter,
  log: Logger,
  signal: AbortSignal = new AbortController().signal,
): SamplerContext {
  return { config, meter: meter.provider.getMeter('test'), log, signal };
}
