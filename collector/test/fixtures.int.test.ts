import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_TOKEN, startTestCollector, type TestCollector } from './harness.js';

// Every OTLP payload of the shared fixtures, posted as its client sent it,
// lands with exactly the number of points its SOURCES.md describes.

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/otlp/', import.meta.url));
const present = existsSync(FIXTURES);

const TABLES = [
  'otel_metrics_gauge',
  'otel_metrics_sum',
  'otel_metrics_histogram',
  'otel_metrics_exponential_histogram',
  'otel_metrics_summary',
];

interface Case {
  readonly file: string;
  readonly contentType: string;
  readonly encoding?: string;
  /** Points per SOURCES.md. */
  readonly points: number;
}

const JS = [
  'http-protobuf__gzip__cumulative',
  'http-protobuf__none__cumulative',
  'http-json__gzip__cumulative',
  'http-json__none__cumulative',
  'http-protobuf__gzip__delta',
];
const CASES: Case[] = [
  // 1 exponential histogram + 2 temperature + 2 utilization + 2 requests + 1 energy + 1 inflight + 1 duration histogram
  ...JS.map((name) => ({
    file: `captured-opentelemetry-js/${name}.body`,
    contentType: name.startsWith('http-json') ? 'application/json' : 'application/x-protobuf',
    ...(name.includes('__gzip__') ? { encoding: 'gzip' } : {}),
    points: 10,
  })),
  { file: 'opentelemetry-proto/metrics.v1.11.0.json', contentType: 'application/json', points: 4 },
  {
    file: 'opentelemetry-proto/metrics.c269bbe-numbers-not-strings.json',
    contentType: 'application/json',
    points: 4,
  },
  {
    file: 'third-party/go-sdk-1.10.0-sum-enum-as-string.json',
    contentType: 'application/json',
    points: 1,
  },
];

let collector: TestCollector;
beforeAll(async () => {
  // The examples carry 2018–2022 timestamps: keep them inside the retention.
  if (present) collector = await startTestCollector(['--ttl-raw-days', '3650']);
}, 60_000);
afterAll(async () => {
  if (present) await collector.close();
});

async function totalPoints(): Promise<number> {
  let n = 0;
  for (const t of TABLES) n += await collector.count(t);
  return n;
}

describe.skipIf(!present)('shared OTLP fixtures → collector', () => {
  for (const c of CASES) {
    it(`stores exactly ${c.points} points of ${c.file}`, async () => {
      const before = await totalPoints();
      const body = await readFile(`${FIXTURES}${c.file}`);
      const res = await fetch(`${collector.url}/v1/metrics`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${AGENT_TOKEN}`,
          'content-type': c.contentType,
          ...(c.encoding ? { 'content-encoding': c.encoding } : {}),
        },
        body,
      });
      expect(res.status).toBe(200);
      await collector.pipeline.flush();
      expect((await totalPoints()) - before).toBe(c.points);
    });
  }
});
