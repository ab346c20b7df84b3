import type { TestloadJobRecord } from '@naap/otel';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { GatewayConfig } from '../config/types.js';
import { JobInstruments } from './instruments.js';
import { GATEWAY_SCOPE, gatewayResourceAttributes, type OtlpIdentity } from './resource.js';
import type { JobDetail, ResultSink } from './sink.js';

export type { OtlpIdentity } from './resource.js';

export interface OtlpTarget {
  /** Collector base URL, e.g. http://127.0.0.1:4318. */
  readonly url: string;
  readonly token: string | undefined;
  readonly exportIntervalMs: number;
}

/**
 * Feeds each job into the test-load metrics (job counters, latency
 * histograms) and exports them to the collector with the gateway's bearer
 * token over the official OpenTelemetry protobuf exporter (delta
 * temporality). Metrics are aggregates: an export the collector does not
 * take within the exporter's timeout is dropped with its interval's deltas.
 * The job records themselves travel through the outbox (`../outbox/`).
 */
export class OtlpMetricsSink implements ResultSink {
  private readonly metrics: MeterProvider;
  private readonly instruments: JobInstruments;

  constructor(target: OtlpTarget, identity: OtlpIdentity) {
    const headers: Record<string, string> =
      target.token === undefined ? {} : { Authorization: `Bearer ${target.token}` };
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({
        headers,
        compression: 'gzip' as never,
        timeoutMillis: 10_000,
        url: `${target.url}/v1/metrics`,
        // Delta temporality: the collector's rollups merge delta histograms and sums.
        temporalityPreference: AggregationTemporality.DELTA,
      }),
      exportIntervalMillis: target.exportIntervalMs,
      exportTimeoutMillis: Math.min(30_000, target.exportIntervalMs),
    });
    this.metrics = new MeterProvider({
      resource: resourceFromAttributes(gatewayResourceAttributes(identity)),
      readers: [reader],
    });
    this.instruments = new JobInstruments(
      this.metrics.getMeter(GATEWAY_SCOPE.name, GATEWAY_SCOPE.version),
    );
  }

  record(record: TestloadJobRecord, detail?: JobDetail): void {
    this.instruments.observe(record, detail?.fpsSamples ?? null);
  }

  flush(): Promise<void> {
    return this.metrics.forceFlush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.metrics.shutdown();
  }
}

/** The identity the configuration gives the gateway's resource; null without a region. */
export function otlpIdentityOf(config: GatewayConfig): OtlpIdentity | null {
  const region = config.identity.region;
  if (region === null) return null;
  return { region, instanceId: config.identity.instanceId, hostName: config.identity.hostName };
}

/** The metrics sink of a configuration; null when no collector is configured. */
export function otlpMetricsSinkOf(config: GatewayConfig): OtlpMetricsSink | null {
  const { url, token, exportIntervalMs } = config.collector;
  const identity = otlpIdentityOf(config);
  if (url === null || identity === null) return null;
  return new OtlpMetricsSink({ url, token, exportIntervalMs }, identity);
}
