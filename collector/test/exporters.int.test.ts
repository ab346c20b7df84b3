import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as HttpLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as HttpMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { ATTR, EVENT, METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENT_ADDRESS,
  AGENT_TOKEN,
  GATEWAY_TOKEN,
  startTestCollector,
  type TestCollector,
} from './harness.js';

// Real clients we did not write: the official OpenTelemetry JS exporters, in
// every encoding and compression, against a running collector.

let collector: TestCollector;
beforeAll(async () => {
  collector = await startTestCollector();
}, 60_000);
afterAll(async () => {
  await collector.close();
});

type ExporterKind = 'proto' | 'json';
const headers = (token: string) => ({ Authorization: `Bearer ${token}` });

function metricExporter(
  kind: ExporterKind,
  compression: 'gzip' | 'none',
  token: string,
): PushMetricExporter {
  const options = {
    url: `${collector.url}/v1/metrics`,
    headers: headers(token),
    compression: compression as never,
    temporalityPreference: AggregationTemporality.DELTA,
  };
  return kind === 'proto' ? new ProtoMetricExporter(options) : new HttpMetricExporter(options);
}

async function sendMetrics(
  kind: ExporterKind,
  compression: 'gzip' | 'none',
  run: string,
): Promise<void> {
  const exporter = metricExporter(kind, compression, AGENT_TOKEN);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      [ATTR.serviceName]: 'naap-agent',
      [ATTR.region]: 'FRA',
      'test.run': run,
    }),
    readers: [reader],
  });
  const meter = provider.getMeter('naap-agent');
  const gpu = {
    [ATTR.hwId]: 'GPU-0000',
    [ATTR.hwModel]: 'NVIDIA GeForce RTX 4090',
    [ATTR.hwVendor]: 'nvidia',
  };
  meter.createObservableGauge(METRIC.gpuUtilization, { unit: '1' }).addCallback((r) => {
    r.observe(0.73, gpu);
  });
  const jobs = meter.createCounter(METRIC.jobs, { unit: '{job}' });
  jobs.add(5, { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: 'm', [ATTR.outcome]: 'success' });
  jobs.add(1, { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: 'm', [ATTR.outcome]: 'failure' });
  meter
    .createHistogram(METRIC.jobDuration, { unit: 's' })
    .record(1.25, { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: 'm' });
  // Shutting down collects and exports once more: one export in all.
  await provider.shutdown();
}

async function sendLogs(kind: ExporterKind, run: string): Promise<void> {
  const options = {
    url: `${collector.url}/v1/logs`,
    headers: headers(GATEWAY_TOKEN),
    compression: 'gzip' as never,
  };
  const exporter = kind === 'proto' ? new ProtoLogExporter(options) : new HttpLogExporter(options);
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ [ATTR.serviceName]: 'naap-gateway', 'test.run': run }),
    processors: [new BatchLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('naap-gateway');
  for (let i = 0; i < 3; i++) {
    logger.emit({
      eventName: EVENT.testloadJob,
      severityNumber: SeverityNumber.INFO,
      body: 'job',
      attributes: { [ATTR.orchestratorAddress]: AGENT_ADDRESS, [ATTR.latencyMs]: 100 + i },
    });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runFilter = (run: string): string => `ResourceAttributes['test.run'] = '${run}'`;

describe('official OpenTelemetry JS exporters → collector → storage', () => {
  for (const [kind, compression] of [
    ['proto', 'gzip'],
    ['proto', 'none'],
    ['json', 'gzip'],
    ['json', 'none'],
  ] as const) {
    it(`stores every metric point sent by the ${kind} exporter (${compression})`, async () => {
      const run = `${kind}-${compression}`;
      await sendMetrics(kind, compression, run);
      await eventually(
        async () => (await collector.count('otel_metrics_histogram', runFilter(run))) === 1,
      );
      expect(await collector.count('otel_metrics_gauge', runFilter(run))).toBe(1);
      expect(await collector.count('otel_metrics_sum', runFilter(run))).toBe(2);
      const rs = await collector.store.client.query({
        query: `SELECT OrchestratorAddress, Source, GpuId, Value FROM ${collector.store.table('otel_metrics_gauge')} WHERE ResourceAttributes['test.run'] = {run:String}`,
        query_params: { run },
        format: 'JSONEachRow',
      });
      expect(await rs.json()).toEqual([
        { OrchestratorAddress: AGENT_ADDRESS, Source: 'agent', GpuId: 'GPU-0000', Value: 0.73 },
      ]);
    });
  }

  for (const kind of ['proto', 'json'] as const) {
    it(`stores every log record sent by the ${kind} logs exporter, as test-load records`, async () => {
      const run = `logs-${kind}`;
      await sendLogs(kind, run);
      await eventually(async () => (await collector.count('otel_logs', runFilter(run))) === 3);
      expect(
        await collector.count(
          'otel_logs',
          `${runFilter(run)} AND EventName = 'naap.testload.job' AND OrchestratorAddress = '${AGENT_ADDRESS}' AND Source = 'testload'`,
        ),
      ).toBe(3);
    });
  }
});
