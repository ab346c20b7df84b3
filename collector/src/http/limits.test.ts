import { BinaryReader } from '@bufbuild/protobuf/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { parseTokens } from '../auth/tokens.js';
import { loadConfig } from '../config/resolve.js';
import { IngestLimiter } from '../ingest/limits/index.js';
import { concat, double, fixed64, kv, str, sub } from '../otlp/test-wire.js';
import type { Row } from '../pipeline/types.js';
import { SelfMetrics } from '../telemetry/self-metrics.js';

// Per-token ingest limits through the OTLP routes: refused points in
// partial_success (JSON and protobuf), 429 with Retry-After over the rate.

const AGENT = 'agent-token-limits-0123456789';
const GATEWAY = 'gateway-token-limits-0123456789';
const tokens = parseTokens(
  JSON.stringify([
    { token: AGENT, kind: 'agent', address: '0x' + 'ab'.repeat(20) },
    { token: GATEWAY, kind: 'gateway', name: 'gw' },
  ]),
  't',
);

let rows = 0;
const pipeline = {
  accept: (batch: ReadonlyMap<string, readonly Row[]>): Promise<void> => {
    for (const r of batch.values()) rows += r.length;
    return Promise.resolve();
  },
};
let now = 0;
const metrics = new SelfMetrics(() => ({}));
let app: ReturnType<typeof buildApp>;

beforeAll(async () => {
  const config = await loadConfig(
    [
      ...['--max-point-attributes', '3', '--max-attribute-length', '20'],
      ...['--max-series-per-token', '4', '--ingest-rate', '10', '--ingest-burst', '20'],
    ],
    {},
  );
  app = buildApp(config, {
    tokens,
    pipeline,
    metrics,
    ready: () => Promise.resolve(true),
    ingestLimits: new IngestLimiter(config.ingestLimits, () => now),
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

type Attrs = Record<string, string>;
const T = '1795000000000000000';

function jsonBody(points: readonly Attrs[], name = 'hw.gpu.utilization'): string {
  const dataPoints = points.map((a) => ({
    attributes: Object.entries(a).map(([key, v]) => ({ key, value: { stringValue: v } })),
    timeUnixNano: T,
    asDouble: 0.5,
  }));
  return JSON.stringify({
    resourceMetrics: [
      { resource: {}, scopeMetrics: [{ metrics: [{ name, gauge: { dataPoints } }] }] },
    ],
  });
}

/** The same request in binary protobuf (ExportMetricsServiceRequest). */
function protoBody(points: readonly Attrs[], name = 'hw.gpu.utilization'): Buffer {
  const dataPoints = points.map((a) =>
    sub(
      1,
      ...Object.entries(a).map(([k, v]) => kv(7, k, v)),
      fixed64(3, BigInt(T)),
      double(4, 0.5),
    ),
  );
  const metric = sub(2, str(1, name), sub(5, ...dataPoints));
  return Buffer.from(concat(sub(1, sub(1), sub(2, metric))));
}

/** ExportMetricsServiceResponse.partial_success as [rejected, message]. */
function protoPartial(bytes: Uint8Array): [number, string] {
  let rejected = 0;
  let message = '';
  const outer = new BinaryReader(bytes);
  while (outer.pos < outer.len) {
    const [no] = outer.tag();
    if (no !== 1) throw new Error(`unexpected field ${no}`);
    const inner = new BinaryReader(outer.bytes());
    while (inner.pos < inner.len) {
      const [f] = inner.tag();
      if (f === 1) rejected = Number(inner.int64());
      else message = inner.string();
    }
  }
  return [rejected, message];
}

const post = (token: string, body: string | Buffer, type = 'application/json') =>
  app.inject({
    method: 'POST',
    url: '/v1/metrics',
    payload: body,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
  });

const counter = async (reason: string): Promise<number> => {
  const m = await metrics.rejected.get();
  return m.values.find((v) => v.labels.reason === reason)?.value ?? 0;
};

describe('ingest limits over OTLP/HTTP', () => {
  it('refuses points over the attribute limits, stores the rest, says why (JSON)', async () => {
    now = 0;
    const before = rows;
    const r = await post(
      GATEWAY,
      jsonBody([{ gpu: '0' }, { a: '1', b: '2', c: '3', d: '4' }, { gpu: 'x'.repeat(21) }]),
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      partialSuccess: {
        rejectedDataPoints: '2',
        errorMessage:
          'a point has more than 3 attributes; a point has an attribute key or value longer than 20 characters',
      },
    });
    expect(rows - before).toBe(1);
    expect(await counter('limit')).toBe(2);
  });

  it('refuses points of new series beyond the token budget; its known series pass (protobuf)', async () => {
    now = 10_000;
    const four = [0, 1, 2, 3].map((i) => ({ gpu: String(i) }));
    const first = await post(AGENT, protoBody([...four, { gpu: '4' }]), 'application/x-protobuf');
    expect(first.statusCode).toBe(200);
    expect(protoPartial(first.rawPayload)).toEqual([
      1,
      'series budget of this token exhausted (4 series active within 3600 s): points of new series refused',
    ]);
    now = 20_000;
    const again = await post(AGENT, protoBody(four.slice(0, 2)), 'application/x-protobuf');
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.length).toBe(0); // full success: an empty response
    // Another token has a budget of its own.
    const other = await post(GATEWAY, jsonBody([{ gpu: '4' }]));
    expect(other.json()).toEqual({});
  });

  it('refuses hostile attribute sets point by point, never with a 5xx', async () => {
    now = 500_000;
    const nested = {
      kvlistValue: { values: [{ key: 'k', value: { stringValue: 'v'.repeat(30) } }] },
    };
    const many = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: { intValue: i } }));
    const body = JSON.stringify({
      resourceMetrics: [
        {
          resource: {
            attributes: [{ key: 'r', value: { arrayValue: { values: [{ intValue: 1 }] } } }],
          },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'hostile',
                  gauge: {
                    dataPoints: [
                      { attributes: many, timeUnixNano: T, asDouble: 1 },
                      { attributes: [{ key: 'n', value: nested }], timeUnixNano: T, asDouble: 1 },
                      {
                        attributes: [{ key: 'x'.repeat(10_000), value: { boolValue: true } }],
                        timeUnixNano: T,
                        asDouble: 1,
                      },
                      {
                        attributes: [{ key: 'ok', value: { arrayValue: { values: [] } } }],
                        timeUnixNano: T,
                        asDouble: 1,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const r = await post(GATEWAY, body);
    expect(r.statusCode).toBe(200);
    expect(
      r.json<{ partialSuccess: { rejectedDataPoints: string } }>().partialSuccess
        .rejectedDataPoints,
    ).toBe('3');
  });

  it('answers 429 with Retry-After for a whole request over the token rate', async () => {
    now = 1_000_000; // every bucket full again (20 points)
    const ten = Array.from({ length: 10 }, () => ({ gpu: '0' }));
    expect((await post(GATEWAY, jsonBody(ten))).statusCode).toBe(200);
    expect((await post(GATEWAY, jsonBody(ten))).statusCode).toBe(200);
    const before = rows;
    const over = await post(GATEWAY, jsonBody(ten));
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBe('1');
    expect(over.json()).toEqual({
      message: 'ingest rate of this token exceeded (10 points per second); retry later',
    });
    expect(rows).toBe(before);
    expect(await counter('rate_limited')).toBe(10);
    // The agent token's bucket is its own.
    expect((await post(AGENT, jsonBody([{ gpu: '0' }]))).statusCode).toBe(200);
    now += 1_000;
    expect((await post(GATEWAY, jsonBody(ten))).statusCode).toBe(200);
  });
});
