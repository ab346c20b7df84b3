/**
 * The official OpenTelemetry JS SDK as a client, for tests and for the seed
 * bodies in `fixtures/`: metrics (every point kind) and one log record are
 * recorded and exported by the unmodified OTLP exporters (protobuf or JSON)
 * to a local capture server, which answers with our partial-success
 * encodings.
 *
 * The SDK runs in a child Node process: Vitest starts its workers with
 * `--conditions module`, under which Node's own `require` picks the exporters'
 * ESM builds, whose extension-less imports do not load.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodeLogsResponse, encodeMetricsResponse } from './response.js';
import type { OtlpEncoding } from './response.js';

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const SPAN_ID = 'eee19b7ec3c1b174';
export const WHEN = '2026-01-02T03:04:05.006Z';

/** The SDK client, run as an ES module from the collector package (where its deps resolve). */
const CLIENT = `
import { diag, DiagLogLevel, ROOT_CONTEXT, trace, TraceFlags, ValueType } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import * as LogsHttp from '@opentelemetry/exporter-logs-otlp-http';
import * as LogsProto from '@opentelemetry/exporter-logs-otlp-proto';
import * as MetricsHttp from '@opentelemetry/exporter-metrics-otlp-http';
import * as MetricsProto from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationType, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

const { RT_SIGNAL: signal, RT_ENCODING: encoding, RT_URL: url } = process.env;
const warn = (...args) => console.log('DIAG', args.map(String).join(' '));
diag.setLogger({ error: warn, warn, info() {}, debug() {}, verbose() {} }, DiagLogLevel.WARN);
const resource = resourceFromAttributes({
  'service.name': 'roundtrip', 'gpu.count': 2, 'fixture.ratio': 0.5, 'fixture.flag': true,
});

if (signal === 'metrics') {
  const Exporter = (encoding === 'json' ? MetricsHttp : MetricsProto).OTLPMetricExporter;
  const temporalityPreference = MetricsHttp.AggregationTemporalityPreference.CUMULATIVE;
  const exporter = new Exporter({ url, temporalityPreference });
  const provider = new MeterProvider({
    resource,
    views: [{ instrumentName: 'rt.exp', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3600000 })],
  });
  const meter = provider.getMeter('rt-meter', '1.2.3');
  meter.createGauge('rt.gauge', { unit: 'Cel' }).record(41.5, { 'gpu.index': 0 });
  meter.createGauge('rt.gauge.int', { valueType: ValueType.INT }).record(7);
  const counter = meter.createCounter('rt.counter', { valueType: ValueType.INT, unit: '{request}' });
  counter.add(5, { pipeline: 'llm' });
  counter.add(2, { pipeline: 'llm' });
  const upDown = meter.createUpDownCounter('rt.updown');
  upDown.add(3);
  upDown.add(-1);
  const histogram = meter.createHistogram('rt.histogram', { unit: 's', advice: { explicitBucketBoundaries: [1, 10] } });
  for (const v of [0.5, 5, 50]) histogram.record(v, { pipeline: 'llm' });
  const exp = meter.createHistogram('rt.exp', { unit: 'ms' });
  for (const v of [1, 2, 4, 1000]) exp.record(v);
  await provider.shutdown(); // one final collection and export
} else {
  const Exporter = (encoding === 'json' ? LogsHttp : LogsProto).OTLPLogExporter;
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: new Exporter({ url }) })] });
  const context = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '${TRACE_ID}', spanId: '${SPAN_ID}', traceFlags: TraceFlags.SAMPLED,
  });
  provider.getLogger('rt-logger', '0.1.0').emit({
    eventName: 'livepeer.job.completed',
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: { msg: 'slow', ms: 1234, tags: ['a', 'b'], ok: false },
    attributes: { 'job.id': 'j-1', retries: 2, ratio: 0.25, raw: new Uint8Array([1, 2, 3]) },
    timestamp: new Date('${WHEN}'),
    context,
  });
  await provider.forceFlush();
  await provider.shutdown();
}
`;

export interface Captured {
  readonly path: string;
  readonly body: Buffer;
}

export interface CaptureServer {
  readonly base: string;
  readonly captured: Captured[];
  close(): Promise<void>;
}

/** A server that keeps every export and answers it with a partial success in its own encoding. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const captured: Captured[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const encoding = req.headers['content-type'] === 'application/json' ? 'json' : 'protobuf';
      const path = req.url ?? '';
      captured.push({ path, body: Buffer.concat(chunks) });
      const body = path.endsWith('/v1/logs')
        ? encodeLogsResponse({ rejectedLogRecords: 1, errorMessage: 'log rejected' }, encoding)
        : encodeMetricsResponse(
            { rejectedDataPoints: 2, errorMessage: 'points rejected' },
            encoding,
          );
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? '' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    captured,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Runs the SDK client against the server; returns what it sent and the `diag` lines it printed. */
export async function runSdkClient(
  server: CaptureServer,
  signal: 'metrics' | 'logs',
  encoding: OtlpEncoding,
): Promise<{ sent: Captured[]; diag: string }> {
  const before = server.captured.length;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', CLIENT],
    {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: {
        PATH: process.env.PATH,
        RT_SIGNAL: signal,
        RT_ENCODING: encoding,
        RT_URL: `${server.base}/v1/${signal}`,
      },
    },
  );
  const sent = server.captured.slice(before).filter((c) => c.path === `/v1/${signal}`);
  return { sent, diag: stdout };
}
