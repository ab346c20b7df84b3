import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { parseTokens } from './auth/tokens.js';
import { loadConfig } from './config/resolve.js';
import { BackpressureError } from './pipeline/errors.js';
import type { Row } from './pipeline/types.js';
import { SelfMetrics } from './telemetry/self-metrics.js';

const AGENT = 'agent-token-0123456789abcdef';
const ADDRESS = '0x3b28a7d785356dc67c7970666747e042305bfb79';
const tokens = parseTokens(
  JSON.stringify([{ token: AGENT, kind: 'agent', address: ADDRESS }]),
  't',
);
const auth = { authorization: `Bearer ${AGENT}` };

const accepted: ReadonlyMap<string, readonly Row[]>[] = [];
let busy = false;
const pipeline = {
  accept: (batch: ReadonlyMap<string, readonly Row[]>): Promise<void> => {
    if (busy) return Promise.reject(new BackpressureError('memory', 3, 'full'));
    accepted.push(batch);
    return Promise.resolve();
  },
};

const metricsJson = (points: number) =>
  JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'naap-agent' } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'hw.gpu.utilization',
                gauge: {
                  dataPoints: Array.from({ length: points }, (_, i) => ({
                    timeUnixNano: String(1795000000000000000n + BigInt(i)),
                    asDouble: 0.5,
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  });

let app: ReturnType<typeof buildApp>;
beforeAll(async () => {
  const config = await loadConfig(['--max-body-bytes', String(1024 * 1024)], {});
  app = buildApp(config, {
    tokens,
    pipeline,
    metrics: new SelfMetrics(() => ({ pendingRows: 0 })),
    ready: () => Promise.resolve(true),
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const post = (url: string, body: string | Buffer, headers: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: body, headers });

describe('OTLP ingest', () => {
  it('accepts JSON and gzip bodies and answers an empty success', async () => {
    const before = accepted.length;
    const r1 = await post('/v1/metrics', metricsJson(3), {
      ...auth,
      'content-type': 'application/json',
    });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toEqual({});
    const r2 = await post('/v1/metrics', gzipSync(metricsJson(2)), {
      ...auth,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(r2.statusCode).toBe(200);
    expect(accepted.length - before).toBe(2);
    expect(accepted.at(-1)?.get('otel_metrics_gauge')).toHaveLength(2);
  });

  it('answers partial success when some points are refused', async () => {
    const body = JSON.parse(metricsJson(2)) as {
      resourceMetrics: { resource: { attributes: unknown[] } }[];
    };
    body.resourceMetrics.push({
      resource: {
        attributes: [
          {
            key: 'livepeer.orchestrator.address',
            value: { stringValue: '0x1111111111111111111111111111111111111111' },
          },
        ],
      },
      scopeMetrics: [
        { metrics: [{ name: 'x', gauge: { dataPoints: [{ timeUnixNano: '1', asDouble: 1 }] } }] },
      ],
    } as never);
    const r = await post('/v1/metrics', JSON.stringify(body), {
      ...auth,
      'content-type': 'application/json',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      partialSuccess: {
        rejectedDataPoints: expect.anything() as unknown,
        errorMessage: expect.stringMatching(/claims orchestrator/) as unknown,
      },
    });
    expect(
      Number(
        r.json<{ partialSuccess: { rejectedDataPoints: string } }>().partialSuccess
          .rejectedDataPoints,
      ),
    ).toBe(1);
  });

  it('refuses without a valid token, without details, storing nothing', async () => {
    const before = accepted.length;
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: AGENT },
    ];
    for (const headers of variants) {
      const r = await post('/v1/metrics', metricsJson(1), {
        ...headers,
        'content-type': 'application/json',
      });
      expect(r.statusCode).toBe(401);
      expect(r.body).toBe('');
    }
    expect(accepted.length).toBe(before);
  });

  it('answers 4xx to hostile and malformed bodies, storing nothing, and stays up', async () => {
    const before = accepted.length;
    const cases: [string | Buffer, Record<string, string>, number][] = [
      ['garbage', { 'content-type': 'application/x-protobuf' }, 400],
      [
        Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]),
        { 'content-type': 'application/x-protobuf' },
        400,
      ],
      ['{"resourceMetrics": [', { 'content-type': 'application/json' }, 400],
      ['['.repeat(100_000), { 'content-type': 'application/json' }, 400],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { 'content-type': 'application/json' }, 400],
      ['{"resourceMetrics": 5}', { 'content-type': 'application/json' }, 400],
      [metricsJson(1), { 'content-type': 'text/plain' }, 415],
      [metricsJson(1), { 'content-type': 'application/json', 'content-encoding': 'br' }, 415],
      [
        gzipSync(Buffer.alloc(50 * 1024 * 1024)),
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        413,
      ],
      ['x'.repeat(2 * 1024 * 1024), { 'content-type': 'application/json' }, 413],
    ];
    for (const [body, headers, status] of cases) {
      const r = await post('/v1/metrics', body, { ...auth, ...headers });
      expect(r.statusCode, JSON.stringify(headers)).toBe(status);
    }
    expect(accepted.length).toBe(before);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers 429 with Retry-After under backpressure', async () => {
    busy = true;
    const r = await post('/v1/metrics', metricsJson(1), {
      ...auth,
      'content-type': 'application/json',
    });
    busy = false;
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('3');
  });

  it('takes logs too', async () => {
    const body = JSON.stringify({
      resourceLogs: [
        { scopeLogs: [{ logRecords: [{ timeUnixNano: '1', body: { stringValue: 'x' } }] }] },
      ],
    });
    const r = await post('/v1/logs', body, { ...auth, 'content-type': 'application/json' });
    expect(r.statusCode).toBe(200);
    expect(accepted.at(-1)?.get('otel_logs')).toHaveLength(1);
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness and Prometheus self-metrics', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const m = await app.inject({ url: '/metrics' });
    expect(m.body).toMatch(/naap_collector_requests_total\{signal="metrics",status="200"\} \d+/);
    expect(m.body).toMatch(/naap_collector_points_accepted_total\{signal="metrics"\} \d+/);
  });
});
