import { ATTR, METRIC } from '@naap/otel';
import type { Meter } from '@opentelemetry/api';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import type { AgentConfig } from '../config/types.js';
import { counter, histogram, observableCounter, observableGauge } from '../samplers/instruments.js';
import type { Sampler } from '../samplers/sampler.js';
import { BufferingExporter } from './buffering-exporter.js';

export const AGENT_VERSION = '0.1.0';

/** How long one OTLP request may take before it is sent again. */
export const EXPORT_TIMEOUT_MS = 30_000;

export interface Telemetry {
  readonly provider: MeterProvider;
  readonly meter: Meter;
  readonly buffer: BufferingExporter;
  /** Registers the agent's own metrics about its samplers. */
  observeSamplers(samplers: readonly Sampler[]): void;
  /** One last collection and delivery attempt, then stop. */
  shutdown(): Promise<void>;
}

function otlpExporter(config: AgentConfig): PushMetricExporter {
  const options = {
    url: `${config.collector}/v1/metrics`,
    headers: (config.token === undefined
      ? {}
      : { Authorization: `Bearer ${config.token}` }) as Record<string, string>,
    compression: 'gzip' as never,
    // Delta temporality: the collector's rollups merge delta histograms and sums.
    temporalityPreference: AggregationTemporality.DELTA,
    // Generous: a request the collector answers late was usually stored, and
    // sending it again (the exporter retries a timed-out request) stores it twice.
    timeoutMillis: EXPORT_TIMEOUT_MS,
  };
  return config.protocol === 'json' ? new JsonExporter(options) : new ProtoExporter(options);
}

/** The agent's MeterProvider: resource from the identity, OTLP export through a bounded buffer. */
export function createTelemetry(
  config: AgentConfig,
  exporter: PushMetricExporter = otlpExporter(config),
): Telemetry {
  // The counter exists only once the meter does; the buffer reports drops through this holder.
  const drops: { counter?: { add(n: number): void } } = {};
  const buffer = new BufferingExporter(exporter, config.bufferMaxPoints, (n) => {
    drops.counter?.add(n);
  });
  const id = config.identity;
  const resource = resourceFromAttributes({
    [ATTR.serviceName]: 'naap-agent',
    [ATTR.serviceVersion]: AGENT_VERSION,
    [ATTR.hostName]: id.hostName,
    ...(id.address ? { [ATTR.orchestratorAddress]: id.address } : {}),
    ...(id.uri ? { [ATTR.orchestratorUri]: id.uri } : {}),
    ...(id.region ? { [ATTR.region]: id.region } : {}),
  });
  const reader = new PeriodicExportingMetricReader({
    exporter: buffer,
    exportIntervalMillis: config.exportIntervalMs,
    exportTimeoutMillis: Math.min(30_000, config.exportIntervalMs),
  });
  const provider = new MeterProvider({ resource, readers: [reader] });
  const meter = provider.getMeter('naap-agent', AGENT_VERSION);
  drops.counter = counter(meter, METRIC.agentDroppedPoints);
  observableGauge(meter, METRIC.agentHeartbeat).addCallback((r) => {
    r.observe(1);
  });
  observableGauge(meter, METRIC.agentExportInterval).addCallback((r) => {
    r.observe(config.exportIntervalMs / 1000);
  });
  return {
    provider,
    meter,
    buffer,
    observeSamplers: (samplers) => {
      observeSamplerHealth(meter, samplers);
    },
    shutdown: async () => {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}

/** Bucket boundaries of naap.agent.sampler.duration (s): 1 ms to 30 s. */
export const SAMPLER_DURATION_BOUNDARIES_S: readonly number[] = Object.freeze([
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
]);

/** The agent's metrics about its samplers: run durations, errors, last success. */
function observeSamplerHealth(meter: Meter, samplers: readonly Sampler[]): void {
  const duration = histogram(meter, METRIC.agentSamplerDuration, [
    ...SAMPLER_DURATION_BOUNDARIES_S,
  ]);
  for (const s of samplers) {
    const attributes = { [ATTR.sampler]: s.name };
    s.onRun((ms) => {
      duration.record(ms / 1000, attributes);
    });
  }
  observableGauge(meter, METRIC.agentSamplerLastSuccess).addCallback((r) => {
    for (const s of samplers) {
      const h = s.health();
      if (h.lastSuccessMs !== null) r.observe(h.lastSuccessMs / 1000, { [ATTR.sampler]: s.name });
    }
  });
  observableCounter(meter, METRIC.agentSamplerErrors).addCallback((r) => {
    for (const s of samplers) r.observe(s.health().errors, { [ATTR.sampler]: s.name });
  });
}
