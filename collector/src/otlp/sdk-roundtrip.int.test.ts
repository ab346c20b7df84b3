/**
 * Round trip through the official OpenTelemetry JS SDK: metrics and logs are
 * recorded and exported by the unmodified OTLP exporters (protobuf and JSON)
 * to a local HTTP server, and the captured bodies decode to what was recorded.
 * The server answers with our partial-success encodings, which the exporters
 * must understand (they log them through `diag`).
 *
 * The SDK runs in a child Node process: Vitest starts its workers with
 * `--conditions module`, under which Node's own `require` picks the exporters'
 * ESM builds, whose extension-less imports do not load.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import type { LogRecord, Metric, MetricsRequest } from './model.js';
import { decodeLogsProtobuf } from './proto-logs.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import { encodeLogsResponse, encodeMetricsResponse } from './response.js';
import type { OtlpEncoding } from './response.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const WHEN = '2026-01-02T03:04:05.006Z';

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

interface Captured {
  readonly path: string;
  readonly body: Buffer;
}

const captured: Captured[] = [];
let base = '';

/** Answers every export with a partial success in the request's own encoding. */
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const encoding = req.headers['content-type'] === 'application/json' ? 'json' : 'protobuf';
    const path = req.url ?? '';
    captured.push({ path, body: Buffer.concat(chunks) });
    const body = path.endsWith('/v1/logs')
      ? encodeLogsResponse({ rejectedLogRecords: 1, errorMessage: 'log rejected' }, encoding)
      : encodeMetricsResponse({ rejectedDataPoints: 2, errorMessage: 'points rejected' }, encoding);
    res.writeHead(200, { 'content-type': req.headers['content-type'] ?? '' }).end(body);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Runs the SDK client; returns the body it sent and the `diag` lines it printed. */
async function runClient(signal: 'metrics' | 'logs', encoding: OtlpEncoding) {
  const before = captured.length;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', CLIENT],
    {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: {
        PATH: process.env.PATH,
        RT_SIGNAL: signal,
        RT_ENCODING: encoding,
        RT_URL: `${base}/v1/${signal}`,
      },
    },
  );
  const sent = captured.slice(before).filter((c) => c.path === `/v1/${signal}`);
  expect(sent).toHaveLength(1);
  return { body: sent[0]?.body ?? Buffer.alloc(0), diag: stdout };
}

function byName(req: MetricsRequest): Map<string, Metric> {
  const metrics = req.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics));
  return new Map(metrics.map((m) => [m.name, m]));
}

describe.each(['protobuf', 'json'] as const)('metrics through the %s exporter', (encoding) => {
  it('decode to the recorded values, and the exporter reads our partial success', async () => {
    const { body, diag } = await runClient('metrics', encoding);
    const req =
      encoding === 'json' ? decodeMetricsJson(body.toString('utf8')) : decodeMetricsProtobuf(body);
    const rm = req.resourceMetrics[0];
    expect(rm?.resource.attributes).toMatchObject({
      'service.name': 'roundtrip',
      'gpu.count': 2,
      'fixture.ratio': 0.5,
      'fixture.flag': true,
    });
    expect(rm?.scopeMetrics[0]?.scope).toMatchObject({ name: 'rt-meter', version: '1.2.3' });
    const m = byName(req);
    expect(m.get('rt.gauge')).toMatchObject({ kind: 'gauge', unit: 'Cel' });
    expect(m.get('rt.gauge')?.points).toMatchObject([
      { value: 41.5, valueType: 'double', attributes: { 'gpu.index': 0 } },
    ]);
    expect(m.get('rt.gauge.int')?.points).toMatchObject([{ value: 7, valueType: 'int' }]);
    expect(m.get('rt.counter')).toMatchObject({
      kind: 'sum',
      monotonic: true,
      temporality: 'cumulative',
    });
    expect(m.get('rt.counter')?.points).toMatchObject([
      { value: 7, valueType: 'int', attributes: { pipeline: 'llm' } },
    ]);
    expect(m.get('rt.updown')).toMatchObject({
      kind: 'sum',
      monotonic: false,
      points: [{ value: 2 }],
    });
    expect(m.get('rt.histogram')).toMatchObject({ kind: 'histogram', temporality: 'cumulative' });
    expect(m.get('rt.histogram')?.points[0]).toMatchObject({
      attributes: { pipeline: 'llm' },
      count: 3,
      sum: 55.5,
      min: 0.5,
      max: 50,
      explicitBounds: [1, 10],
      bucketCounts: [1, 1, 1],
    });
    expectExponential(m.get('rt.exp'));
    expectRecentTimestamps(req);
    expect(diag).toMatch(/Partial Success.*"rejectedDataPoints":"?2"?.*points rejected/);
  });
});

function expectExponential(exp: Metric | undefined): void {
  expect(exp).toMatchObject({
    kind: 'exponential_histogram',
    unit: 'ms',
    temporality: 'cumulative',
  });
  const p = exp?.kind === 'exponential_histogram' ? exp.points[0] : undefined;
  expect(p).toMatchObject({ count: 4, sum: 1007, min: 1, max: 1000, zeroCount: 0 });
  expect(p?.positive.bucketCounts.reduce((a, b) => a + b, 0)).toBe(4);
  expect(p?.negative.bucketCounts).toEqual([]);
  // Bucket i covers (base^(offset+i), base^(offset+i+1)] with base 2^(2^-scale): 1 … 1000 in range.
  const base = 2 ** (2 ** -(p?.scale ?? 0));
  const offset = p?.positive.offset ?? 0;
  expect(base ** offset).toBeLessThan(1);
  expect(base ** (offset + (p?.positive.bucketCounts.length ?? 0))).toBeGreaterThanOrEqual(1000);
}

function expectRecentTimestamps(req: MetricsRequest): void {
  const now = BigInt(Date.now()) * 1_000_000n;
  for (const m of byName(req).values()) {
    for (const p of m.points) {
      expect(p.startTimeUnixNano <= p.timeUnixNano).toBe(true);
      expect(now - p.timeUnixNano < 60_000_000_000n).toBe(true);
    }
  }
}

describe.each(['protobuf', 'json'] as const)('logs through the %s exporter', (encoding) => {
  it('decode to the recorded record, and the exporter reads our partial success', async () => {
    const { body, diag } = await runClient('logs', encoding);
    const req =
      encoding === 'json' ? decodeLogsJson(body.toString('utf8')) : decodeLogsProtobuf(body);
    expect(req.resourceLogs[0]?.resource.attributes).toMatchObject({ 'service.name': 'roundtrip' });
    expect(req.resourceLogs[0]?.scopeLogs[0]?.scope).toMatchObject({
      name: 'rt-logger',
      version: '0.1.0',
    });
    const record: LogRecord | undefined = req.resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(record).toMatchObject({
      timeUnixNano: BigInt(Date.parse(WHEN)) * 1_000_000n,
      severityNumber: 13,
      severityText: 'WARN',
      body: { msg: 'slow', ms: 1234, tags: ['a', 'b'], ok: false },
      attributes: { 'job.id': 'j-1', retries: 2, ratio: 0.25, raw: 'AQID' },
      flags: 1,
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      eventName: 'livepeer.job.completed',
    });
    expect((record?.observedTimeUnixNano ?? 0n) > 0n).toBe(true);
    expect(diag).toMatch(/Partial Success.*"rejectedLogRecords":"?1"?.*log rejected/);
  });
});
