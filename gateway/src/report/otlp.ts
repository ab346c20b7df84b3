import { ATTR, EVENT, testloadJobToAttributes, type TestloadJobRecord } from '@naap/otel';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { GatewayConfig } from '../config/types.js';
import { GATEWAY_VERSION, SERVICE_NAME } from '../version.js';
import { JobInstruments } from './instruments.js';
import type { JobDetail, ResultSink } from './sink.js';

export interface OtlpTarget {
  /** Collector base URL, e.g. http://127.0.0.1:4318. */
  readonly url: string;
  readonly token: string | undefined;
  readonly exportIntervalMs: number;
}

export interface OtlpIdentity {
  readonly region: string;
  readonly instanceId: string;
  readonly hostName: string;
}

/**
 * Sends each job to the collector as an OTLP log record `naap.testload.job`
 * (attributes of the contract's TestloadJobRecord) and into the test-load
 * metrics (job counters, latency histograms), with the gateway's bearer
 * token, over the official OpenTelemetry protobuf exporters.
 */
export class OtlpSink implements ResultSink {
  private readonly logs: LoggerProvider;
  private readonly metrics: MeterProvider;
  private readonly instruments: JobInstruments;

  constructor(target: OtlpTarget, identity: OtlpIdentity) {
    const headers: Record<string, string> =
      target.token === undefined ? {} : { Authorization: `Bearer ${target.token}` };
    const common = { headers, compression: 'gzip' as never, timeoutMillis: 10_000 };
    const resource = resourceFromAttributes({
      [ATTR.serviceName]: SERVICE_NAME,
      [ATTR.serviceVersion]: GATEWAY_VERSION,
      [ATTR.serviceInstanceId]: identity.instanceId,
      [ATTR.hostName]: identity.hostName,
      [ATTR.region]: identity.region,
    });
    this.logs = new LoggerProvider({
      resource,
      processors: [
        new BatchLogRecordProcessor({
          exporter: new OTLPLogExporter({ ...common, url: `${target.url}/v1/logs` }),
          scheduledDelayMillis: 1_000,
          maxQueueSize: 10_000,
        }),
      ],
    });
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({
        ...common,
        url: `${target.url}/v1/metrics`,
        // Delta temporality: the collector's rollups merge delta histograms and sums.
        temporalityPreference: AggregationTemporality.DELTA,
      }),
      exportIntervalMillis: target.exportIntervalMs,
      exportTimeoutMillis: Math.min(30_000, target.exportIntervalMs),
    });
    this.metrics = new MeterProvider({ resource, readers: [reader] });
    this.instruments = new JobInstruments(this.metrics.getMeter(SERVICE_NAME, GATEWAY_VERSION));
  }

  record(record: TestloadJobRecord, detail?: JobDetail): void {
    this.logs.getLogger(SERVICE_NAME, GATEWAY_VERSION).emit({
      eventName: EVENT.testloadJob,
      timestamp: record.timeUnixMs,
      severityNumber: record.outcome === 'failure' ? SeverityNumber.WARN : SeverityNumber.INFO,
      severityText: record.outcome === 'failure' ? 'WARN' : 'INFO',
      body: `${record.pipeline} ${record.caseId} on ${record.orchestratorAddress}: ${record.outcome}`,
      attributes: testloadJobToAttributes(record),
    });
    this.instruments.observe(record, detail?.fpsSamples ?? null);
  }

  async flush(): Promise<void> {
    await Promise.all([this.logs.forceFlush(), this.metrics.forceFlush()]);
  }

  async close(): Promise<void> {
    await this.flush();
    await Promise.all([this.logs.shutdown(), this.metrics.shutdown()]);
  }
}

/** The OTLP sink of a configuration; null when no collector is configured. */
export function otlpSinkOf(config: GatewayConfig): OtlpSink | null {
  const { url, token, exportIntervalMs } = config.collector;
  const region = config.identity.region;
  if (url === null || region === null) return null;
  return new OtlpSink(
    { url, token, exportIntervalMs },
    { region, instanceId: config.identity.instanceId, hostName: config.identity.hostName },
  );
}
