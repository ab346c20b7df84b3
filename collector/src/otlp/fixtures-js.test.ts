/**
 * The captured OpenTelemetry JS requests in shared/fixtures/otlp (see its
 * SOURCES.md) decode to exactly the content SOURCES.md states. Timestamps and the exponential histogram's
 * bucket counts of the protobuf captures are checked against the
 * `protoc --decode` output stored beside them (an independent decoder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeMetricsJson } from './json-metrics.js';
import type { Metric, MetricsRequest, Temporality } from './model.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';

const ROOT = new URL('../../../../shared/fixtures/otlp/', import.meta.url);
const JS = new URL('captured-opentelemetry-js/', ROOT);

function file(dir: URL, name: string): Buffer {
  return readFileSync(new URL(name, dir));
}

/** A captured body, un-gzipped when its headers say so. */
function body(variant: string): Buffer {
  const headers = JSON.parse(file(JS, `${variant}.headers.json`).toString('utf8')) as {
    headers: Record<string, string>;
  };
  const raw = file(JS, `${variant}.body`);
  return headers.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

function protocNumbers(variant: string, field: string): string[] {
  const text = file(JS, `${variant}.protoc-decoded.txt`).toString('utf8');
  return [...text.matchAll(new RegExp(`^\\s*${field}: (-?[\\d.]+)$`, 'gm'))].map((m) => m[1] ?? '');
}

function metricsOf(req: MetricsRequest): readonly Metric[] {
  expect(req.resourceMetrics).toHaveLength(1);
  const scopes = req.resourceMetrics[0]?.scopeMetrics ?? [];
  expect(scopes).toHaveLength(1);
  return scopes[0]?.metrics ?? [];
}

function metric<K extends Metric['kind']>(req: MetricsRequest, name: string, kind: K) {
  const m = metricsOf(req).find((x) => x.name === name);
  expect(m?.kind, name).toBe(kind);
  return m as Extract<Metric, { kind: K }>;
}

function allTimestamps(req: MetricsRequest): { start: bigint[]; time: bigint[] } {
  const points = metricsOf(req).flatMap((m) => [...m.points]);
  return { start: points.map((p) => p.startTimeUnixNano), time: points.map((p) => p.timeUnixNano) };
}

const RESOURCE = {
  'service.name': 'otlp-node-client',
  'service.version': '0.1.0',
  'service.instance.id': 'fixture-instance-1',
  'host.name': 'fixture-host',
  'deployment.environment.name': 'test',
  'gpu.vendor': 'nvidia',
  'node.role': 'orchestrator',
  'gpu.count': 2,
  'fixture.flag': true,
  'fixture.ratio': 0.5,
  'telemetry.sdk.language': 'nodejs',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '2.12.0',
};

const NAMES = [
  'fixture.inference.duration.exp',
  'fixture.gpu.temperature',
  'fixture.gpu.utilization',
  'fixture.requests',
  'fixture.gpu.energy',
  'fixture.inflight',
  'fixture.request.duration',
];

/** The content SOURCES.md states for every captured-opentelemetry-js variant. */
function expectCapturedJs(req: MetricsRequest, temporality: Temporality): void {
  const rm = req.resourceMetrics[0];
  expect(rm?.resource).toEqual({ attributes: RESOURCE, droppedAttributesCount: 0 });
  expect(rm?.scopeMetrics[0]?.scope).toEqual({
    name: 'otlp-node-client',
    version: '0.1.0',
    attributes: {},
    droppedAttributesCount: 0,
  });
  expect(metricsOf(req).map((m) => m.name)).toEqual(NAMES);
  expectExponential(req, temporality);
  expectGauges(req);
  expectSums(req, temporality);
  expectHistogram(req, temporality);
  for (const m of metricsOf(req)) {
    for (const p of m.points) {
      expect(p.flags).toBe(0);
      expect(p.exemplarCount).toBe(0);
      expect(p.startTimeUnixNano <= p.timeUnixNano).toBe(true);
      expect(p.timeUnixNano > 1_700_000_000_000_000_000n).toBe(true);
    }
  }
}

function expectExponential(req: MetricsRequest, temporality: Temporality): void {
  const exp = metric(req, 'fixture.inference.duration.exp', 'exponential_histogram');
  expect(exp.unit).toBe('ms');
  expect(exp.temporality).toBe(temporality);
  expect(exp.points).toHaveLength(1);
  const p = exp.points[0];
  expect(p).toMatchObject({ attributes: { model_id: 'x' }, count: 13, sum: 1375, min: 0 });
  expect(p).toMatchObject({ max: 1000, zeroCount: 1, scale: 3, zeroThreshold: 0 });
  expect(p?.positive.offset).toBe(-1);
  expect(p?.positive.bucketCounts).toHaveLength(81);
  expect(p?.positive.bucketCounts.reduce((a, b) => a + b, 0)).toBe(12);
  expect(p?.negative).toEqual({ offset: 0, bucketCounts: [] });
  const protoc = protocNumbers('http-protobuf__gzip__cumulative', 'bucket_counts');
  expect(p?.positive.bucketCounts.map(String)).toEqual(protoc.slice(0, 81));
}

function expectGauges(req: MetricsRequest): void {
  const temp = metric(req, 'fixture.gpu.temperature', 'gauge');
  expect(temp.unit).toBe('Cel');
  expect(temp.points.map((p) => [p.value, p.valueType, p.attributes])).toEqual([
    [41, 'double', { 'gpu.index': 0, 'gpu.uuid': 'GPU-00000000-0000-0000-0000-000000000000' }],
    [57.5, 'double', { 'gpu.index': 1, 'gpu.uuid': 'GPU-11111111-1111-1111-1111-111111111111' }],
  ]);
  const util = metric(req, 'fixture.gpu.utilization', 'gauge');
  expect(util.unit).toBe('1');
  expect(util.points.map((p) => [p.value, p.attributes])).toEqual([
    [0.73, { 'gpu.index': 0 }],
    [0, { 'gpu.index': 1 }],
  ]);
}

function expectSums(req: MetricsRequest, temporality: Temporality): void {
  const requests = metric(req, 'fixture.requests', 'sum');
  expect([requests.unit, requests.monotonic, requests.temporality]).toEqual([
    '{request}',
    true,
    temporality,
  ]);
  expect(requests.points.map((p) => [p.value, p.valueType, p.attributes])).toEqual([
    [5, 'double', { pipeline: 'text-to-image', model_id: 'stabilityai/sd-turbo' }],
    [7, 'double', { pipeline: 'llm', model_id: 'meta-llama/Meta-Llama-3.1-8B-Instruct' }],
  ]);
  const energy = metric(req, 'fixture.gpu.energy', 'sum');
  expect([energy.unit, energy.monotonic, energy.temporality]).toEqual(['J', true, temporality]);
  expect(energy.points.map((p) => [p.value, p.attributes])).toEqual([[1234.5, { 'gpu.index': 0 }]]);
  const inflight = metric(req, 'fixture.inflight', 'sum');
  expect([inflight.unit, inflight.monotonic, inflight.temporality]).toEqual([
    '',
    false,
    'cumulative',
  ]);
  expect(inflight.points.map((p) => [p.value, p.attributes])).toEqual([[3, {}]]);
}

function expectHistogram(req: MetricsRequest, temporality: Temporality): void {
  const h = metric(req, 'fixture.request.duration', 'histogram');
  expect([h.unit, h.temporality]).toEqual(['s', temporality]);
  expect(h.points).toHaveLength(1);
  expect(h.points[0]).toMatchObject({
    attributes: { pipeline: 'llm' },
    explicitBounds: [0.1, 0.5, 1, 2.5, 5],
    bucketCounts: [1, 2, 1, 1, 1, 1],
    count: 7,
    sum: 13.65,
    min: 0.05,
    max: 8,
  });
}

describe.skipIf(!existsSync(JS))('captured OpenTelemetry JS requests', () => {
  it.each([
    ['http-protobuf__none__cumulative', 'cumulative'],
    ['http-protobuf__gzip__cumulative', 'cumulative'],
    ['http-protobuf__gzip__delta', 'delta'],
  ] as const)('%s.body decodes to the recorded content', (variant, temporality) => {
    expectCapturedJs(decodeMetricsProtobuf(body(variant)), temporality);
  });

  it.each([
    ['http-protobuf__gzip__cumulative', 'cumulative'],
    ['http-protobuf__gzip__delta', 'delta'],
  ] as const)('%s.decoded.pb matches the body and protoc', (variant, temporality) => {
    const req = decodeMetricsProtobuf(file(JS, `${variant}.decoded.pb`));
    expectCapturedJs(req, temporality);
    expect(req).toEqual(decodeMetricsProtobuf(body(variant)));
    const { start, time } = allTimestamps(req);
    expect(start.map(String)).toEqual(protocNumbers(variant, 'start_time_unix_nano'));
    expect(time.map(String)).toEqual(protocNumbers(variant, 'time_unix_nano'));
  });

  it.each(['http-json__none__cumulative', 'http-json__gzip__cumulative'])(
    '%s.body decodes to the recorded content',
    (variant) => {
      const text = body(variant).toString('utf8');
      const req = decodeMetricsJson(text);
      expectCapturedJs(req, 'cumulative');
      const stated = [...text.matchAll(/"startTimeUnixNano":"(\d+)"/g)].map((m) => m[1]);
      expect(allTimestamps(req).start.map(String)).toEqual(stated);
    },
  );

  it('http-json__gzip__cumulative.decoded.json decodes like its gunzipped body', () => {
    const decoded = file(JS, 'http-json__gzip__cumulative.decoded.json').toString('utf8');
    expectCapturedJs(decodeMetricsJson(decoded), 'cumulative');
    expect(decodeMetricsJson(decoded)).toEqual(
      decodeMetricsJson(body('http-json__gzip__cumulative').toString('utf8')),
    );
  });
});
