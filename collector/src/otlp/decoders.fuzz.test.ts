/**
 * Fuzzing the OTLP decoders (protobuf and JSON, metrics and logs) with
 * ≥ 10 000 seeded inputs each — random bytes and mutations of real bodies
 * (this folder's `fixtures/`, sent by the OpenTelemetry JS exporters, and
 * when present the third-party captures of ../shared/fixtures):
 * bit flips, truncation, splices, crossovers, forged huge lengths, overlong
 * varints, deep nesting. Each input either decodes or throws a DecodeError
 * from the decoders' own checks (not the guard's catch-all), and the
 * slowest one stays far below a second. A sample goes through the HTTP
 * route with `inject`: 200 or 4xx, never 5xx.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { parseTokens } from '../auth/tokens.js';
import { loadConfig } from '../config/resolve.js';
import type { Row } from '../pipeline/types.js';
import { SelfMetrics } from '../telemetry/self-metrics.js';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import { DecodeError } from './model.js';
import { decodeLogsProtobuf } from './proto-logs.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import { kv, str, sub } from './test-wire.js';
import {
  fuzzCase,
  int,
  mutateBytesN,
  mutateTextN,
  pick,
  randomBytes,
  rng,
  tally,
  type Rng,
} from './test-fuzz.js';

const FIXTURES = new URL('../../../../shared/fixtures/otlp/', import.meta.url);
const CASES = 10_000;
/** Far above any honest decode of these sizes (microseconds to milliseconds): a hang detector. */
const HANG_MS = 1000;

const files = (sub: string, suffix: string): URL[] => {
  const dir = new URL(sub, FIXTURES);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(suffix))
    .map((n) => new URL(n, dir));
};

/** The project's own seed bodies (`fixtures/capture.ts`). */
const seed = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Real protobuf bodies (uncompressed). */
const PROTO_METRICS = [
  seed('sdk-metrics.pb'),
  ...[
    ...files('captured-opentelemetry-js/', '.decoded.pb'),
    ...files('captured-opentelemetry-js/', 'protobuf__none__cumulative.body'),
  ].map((u) => readFileSync(u)),
].map((b) => new Uint8Array(b));

/** A logs request with every AnyValue kind, built field by field, and the SDK's. */
const PROTO_LOGS = [
  new Uint8Array(seed('sdk-logs.pb')),
  sub(
    1,
    sub(1, kv(1, 'service.name', 'naap-gateway'), kv(1, 'n', 3)),
    sub(
      2,
      sub(1, str(1, 'lg'), str(2, '1.0')),
      sub(
        2,
        kv(6, 'livepeer.orchestrator.address', `0x${'ab'.repeat(20)}`),
        kv(6, 'latency', 12.5),
        kv(6, 'ok', true),
        sub(5, sub(6, kv(1, 'k', sub(5, sub(1, str(1, 'v')))))),
        str(3, 'INFO'),
        str(12, 'naap.testload.job'),
      ),
    ),
  ),
];

const JSON_METRICS = [
  seed('sdk-metrics.json').toString('utf8'),
  seed('other-sdk-metrics.json').toString('utf8'),
  ...[
    ...files('captured-opentelemetry-js/', 'json__none__cumulative.body'),
    ...files('captured-opentelemetry-js/', '.decoded.json'),
    ...files('opentelemetry-proto/', '.json'),
    ...files('third-party/', '.json'),
  ].map((u) => readFileSync(u, 'utf8')),
];

const JSON_LOGS = [
  seed('sdk-logs.json').toString('utf8'),
  JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'gw' } }] },
        scopeLogs: [
          {
            scope: { name: 'lg' },
            logRecords: [
              {
                timeUnixNano: '1795000000000000000',
                severityNumber: 9,
                body: {
                  kvlistValue: {
                    values: [
                      {
                        key: 'a',
                        value: {
                          arrayValue: {
                            values: [
                              { intValue: '1' },
                              { doubleValue: 2.5 },
                              { boolValue: true },
                              { bytesValue: 'AQI=' },
                            ],
                          },
                        },
                      },
                    ],
                  },
                },
                attributes: [{ key: 'k', value: { stringValue: 'v' } }],
                traceId: '5b8efff798038103d269b633813fc60c',
                spanId: 'eee19b7ec3c1b174',
                eventName: 'naap.testload.job',
              },
            ],
          },
        ],
      },
    ],
  }),
];

const isOwnDecodeError = (err: unknown): boolean =>
  err instanceof DecodeError && !err.message.startsWith('malformed request');

/** AnyValue nested `depth` times as arrays (protobuf), built inside out. */
function nestedAnyValue(depth: number): Uint8Array {
  let value = str(1, 'x');
  for (let i = 0; i < depth; i++) value = sub(5, sub(1, value));
  return value;
}

const DEPTHS = [8, 33, 64, 65, 100, 129, 1000, 3000];
/** Requests nesting AnyValues deeper and deeper (built once: building is quadratic). */
const DEEP_METRICS = DEPTHS.map((d) => sub(1, sub(1, kv(1, 'deep', nestedAnyValue(d)))));
const DEEP_LOGS = DEPTHS.map((d) => sub(1, sub(2, sub(2, sub(5, nestedAnyValue(d))))));

/** JSON texts nested deeper and deeper, in the shapes the decoders walk. */
const DEEP_JSON = [8, 64, 65, 129, 1000, 20_000, 200_000].flatMap((depth) => [
  '['.repeat(depth) + ']'.repeat(depth),
  '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":' +
    '{"arrayValue":{"values":['.repeat(depth) +
    '{"stringValue":"x"}' +
    ']}}'.repeat(depth) +
    '}]}]}]}',
  '{"resourceMetrics":[{"resource":{"attributes":[{"key":"k","value":' +
    '{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth) +
    '{"intValue":"1"}' +
    '}]}}'.repeat(depth) +
    '}]}}]}',
]);

/** Replaces one value somewhere in a parsed JSON document with a hostile one. */
function mutateJsonValue(doc: unknown, next: Rng): unknown {
  const hostile: unknown[] = [
    null,
    true,
    -1,
    1e308,
    -0,
    '',
    '1e999',
    '-9223372036854775809',
    '18446744073709551616',
    'NaN',
    'x'.repeat(int(next, 5000)),
    [],
    {},
    { __proto__: { polluted: true } },
    Array.from({ length: int(next, 300) }, () => ({ key: 'k', value: { intValue: '1' } })),
  ];
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 0 && next() < 0.15) return pick(next, hostile);
    if (Array.isArray(v)) {
      if (v.length === 0) return v;
      const i = int(next, v.length);
      const copy: unknown[] = [...(v as unknown[])];
      copy[i] = walk(copy[i], depth + 1);
      return next() < 0.1 ? [...copy, ...copy] : copy;
    }
    if (typeof v === 'object' && v !== null) {
      const entries: [string, unknown][] = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) return v;
      const i = int(next, entries.length);
      const [k, x] = entries[i] ?? ['', null];
      if (next() < 0.1) return Object.fromEntries(entries.filter((_, j) => j !== i));
      return { ...Object.fromEntries(entries), [k]: walk(x, depth + 1) };
    }
    return pick(next, hostile);
  };
  return walk(doc, 0);
}

describe('OTLP protobuf decoders under fuzzing', () => {
  it(`survive ${CASES} metrics and ${CASES} logs inputs`, { timeout: 60_000 }, () => {
    const next = rng(9001);
    const metrics = tally();
    const logs = tally();
    const corpus = [...PROTO_METRICS, ...PROTO_LOGS];
    expect(PROTO_METRICS.length).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < CASES; i++) {
      const r = next();
      const mb =
        r < 0.1
          ? randomBytes(next, int(next, 2000))
          : r < 0.15
            ? pick(next, DEEP_METRICS)
            : mutateBytesN(pick(next, PROTO_METRICS), next, corpus);
      fuzzCase(
        metrics,
        `metrics case ${i} (seed 9001)`,
        mb.length,
        () => decodeMetricsProtobuf(mb),
        isOwnDecodeError,
      );
      const lb =
        r < 0.1
          ? randomBytes(next, int(next, 2000))
          : r < 0.15
            ? pick(next, DEEP_LOGS)
            : mutateBytesN(pick(next, PROTO_LOGS), next, corpus);
      fuzzCase(
        logs,
        `logs case ${i} (seed 9001)`,
        lb.length,
        () => decodeLogsProtobuf(lb),
        isOwnDecodeError,
      );
    }
    for (const t of [metrics, logs]) {
      expect(t.ok + t.rejected).toBe(CASES);
      expect(t.ok).toBeGreaterThan(0);
      expect(t.rejected).toBeGreaterThan(0);
      expect(t.slowestMs).toBeLessThan(HANG_MS);
    }
    console.info(`protobuf fuzz: metrics ${JSON.stringify(metrics)}, logs ${JSON.stringify(logs)}`);
  });
});

describe('OTLP JSON decoders under fuzzing', () => {
  it(`survive ${CASES} metrics and ${CASES} logs inputs`, { timeout: 60_000 }, () => {
    const next = rng(9002);
    const metrics = tally();
    const logs = tally();
    const corpus = [...JSON_METRICS, ...JSON_LOGS];
    const docs = corpus.map((t) => JSON.parse(t) as unknown);
    expect(JSON_METRICS.length).toBeGreaterThanOrEqual(2);
    const input = (own: readonly string[], ownDocs: readonly unknown[]): string => {
      const r = next();
      if (r < 0.05) return Buffer.from(randomBytes(next, int(next, 500))).toString('latin1');
      if (r < 0.1) return pick(next, DEEP_JSON);
      if (r < 0.5) return JSON.stringify(mutateJsonValue(pick(next, ownDocs), next));
      return mutateTextN(pick(next, own), next, corpus);
    };
    const metricDocs = JSON_METRICS.map((t) => JSON.parse(t) as unknown);
    const logDocs = JSON_LOGS.map((t) => JSON.parse(t) as unknown);
    expect(docs.length).toBe(metricDocs.length + logDocs.length);
    for (let i = 0; i < CASES; i++) {
      const mt = input(JSON_METRICS, metricDocs);
      fuzzCase(
        metrics,
        `metrics case ${i} (seed 9002)`,
        mt.length,
        () => decodeMetricsJson(mt),
        isOwnDecodeError,
      );
      const lt = input(JSON_LOGS, logDocs);
      fuzzCase(
        logs,
        `logs case ${i} (seed 9002)`,
        lt.length,
        () => decodeLogsJson(lt),
        isOwnDecodeError,
      );
    }
    for (const t of [metrics, logs]) {
      expect(t.ok + t.rejected).toBe(CASES);
      expect(t.ok).toBeGreaterThan(0);
      expect(t.rejected).toBeGreaterThan(0);
      expect(t.slowestMs).toBeLessThan(HANG_MS);
    }
    console.info(`JSON fuzz: metrics ${JSON.stringify(metrics)}, logs ${JSON.stringify(logs)}`);
  });
});

describe('OTLP/HTTP route under fuzzing', () => {
  const TOKEN = 'agent-token-fuzz-0123456789';
  /** 4 MiB of zeros, gzipped to a few KiB: beyond the decompression ratio. */
  const BOMB = gzipSync(Buffer.alloc(4 * 1024 * 1024));
  let app: ReturnType<typeof buildApp>;
  beforeAll(async () => {
    const config = await loadConfig(['--max-body-bytes', String(1024 * 1024)], {});
    app = buildApp(config, {
      tokens: parseTokens(
        JSON.stringify([{ token: TOKEN, kind: 'agent', address: `0x${'ab'.repeat(20)}` }]),
        't',
      ),
      pipeline: { accept: (_b: ReadonlyMap<string, readonly Row[]>) => Promise.resolve() },
      metrics: new SelfMetrics(() => ({ pendingRows: 0 })),
      ready: () => Promise.resolve(true),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 600 mutated requests with 200 or 4xx, never 5xx', { timeout: 60_000 }, async () => {
    const next = rng(9003);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const json = next() < 0.5;
      let body: Buffer = json
        ? Buffer.from(mutateTextN(pick(next, JSON_METRICS), next, JSON_METRICS))
        : Buffer.from(mutateBytesN(pick(next, PROTO_METRICS), next, PROTO_METRICS));
      const headers: Record<string, string> = {
        authorization: `Bearer ${TOKEN}`,
        'content-type': json ? 'application/json' : 'application/x-protobuf',
      };
      const odd = next();
      if (odd < 0.03) headers['content-encoding'] = 'br';
      else if (odd < 0.06) headers['content-type'] = 'text/plain';
      else if (odd < 0.09) headers['authorization'] = `Bearer ${TOKEN}x`;
      else if (odd < 0.11) {
        headers['content-encoding'] = 'gzip';
        body = BOMB;
      } else if (next() < 0.3) {
        headers['content-encoding'] = 'gzip';
        const gz = gzipSync(body);
        // Sometimes a corrupt gzip stream.
        body = next() < 0.5 ? gz : Buffer.from(mutateBytesN(gz, next, [gz]));
      }
      const url = next() < 0.8 ? '/v1/metrics' : '/v1/logs';
      const res = await app.inject({ method: 'POST', url, payload: body, headers });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `request ${i} (seed 9003)`).toBeLessThan(500);
      expect([200, 400, 401, 413, 415]).toContain(res.statusCode);
    }
    for (const status of [200, 400, 401, 413, 415])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    console.info(`HTTP fuzz: ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
