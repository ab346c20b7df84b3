/**
 * Round trip through the official OpenTelemetry JS SDK (`test-sdk-client.ts`):
 * metrics and logs are recorded and exported by the unmodified OTLP exporters
 * (protobuf and JSON) to a local HTTP server, and the captured bodies decode
 * to what was recorded. The server answers with our partial-success
 * encodings, which the exporters must understand (they log them through
 * `diag`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import type { LogRecord, Metric, MetricsRequest } from './model.js';
import { decodeLogsProtobuf } from './proto-logs.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import type { OtlpEncoding } from './response.js';
import {
  SPAN_ID,
  TRACE_ID,
  WHEN,
  runSdkClient,
  startCaptureServer,
  type CaptureServer,
} from './test-sdk-client.js';

let server: CaptureServer;

beforeAll(async () => {
  server = await startCaptureServer();
});

afterAll(async () => {
  await server.close();
});

/** Runs the SDK client; returns the body it sent and the `diag` lines it printed. */
async function runClient(signal: 'metrics' | 'logs', encoding: OtlpEncoding) {
  const { sent, diag } = await runSdkClient(server, signal, encoding);
  expect(sent).toHaveLength(1);
  return { body: sent[0]?.body ?? Buffer.alloc(0), diag };
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
