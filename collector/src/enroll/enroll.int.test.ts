/**
 * Enrollment against a running collector (embedded chDB, real pipeline):
 * the token an orchestrator receives for its signature ingests its own data
 * and nothing else, and stops working as soon as it is revoked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, METRIC } from '@naap/otel';
import { pino } from 'pino';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/resolve.js';
import { startCollector, type RunningCollector } from '../service.js';

const O1 = privateKeyToAccount(`0x${'31'.repeat(32)}`);
const O2 = privateKeyToAccount(`0x${'32'.repeat(32)}`);
const A1 = O1.address.toLowerCase();
const A2 = O2.address.toLowerCase();
const T = 1_795_000_000_000_000_000n;

let dir = '';
let collector: RunningCollector;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-enroll-'));
  const config = await loadConfig(
    [
      '--listen',
      '127.0.0.1:0',
      '--clickhouse',
      `embedded:${join(dir, 'data')}`,
      '--batch-delay-ms',
      '50',
      '--enroll-name',
      'https://collector.test',
    ],
    {},
  );
  collector = await startCollector(config, pino({ level: 'silent' }));
});
afterAll(async () => {
  await collector.close();
  await rm(dir, { recursive: true, force: true });
});

async function postJson(path: string, body: unknown, token?: string) {
  const res = await fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

async function enroll(account: PrivateKeyAccount, name: string): Promise<string> {
  const address = account.address.toLowerCase();
  const c = await postJson('/api/v1/enroll/challenge', { address });
  expect(c.status).toBe(201);
  const signature = await account.signMessage({ message: String(c.body['message']) });
  const e = await postJson('/api/v1/enroll', { address, signature, name });
  expect(e.status).toBe(201);
  return String(e.body['token']);
}

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** One gauge request: the resource claims `resourceAddress` (if any), each point `pointAddresses[i]`. */
function gauge(resourceAddress: string | null, pointAddresses: (string | null)[], value: number) {
  return {
    resourceMetrics: [
      {
        resource: {
          attributes: [
            str('service.name', 'naap-agent'),
            ...(resourceAddress === null ? [] : [str(ATTR.orchestratorAddress, resourceAddress)]),
          ],
        },
        scopeMetrics: [
          {
            metrics: [
              {
                name: METRIC.gpuUtilization,
                gauge: {
                  dataPoints: pointAddresses.map((a, i) => ({
                    timeUnixNano: String(T + BigInt(i)),
                    asDouble: value,
                    attributes: a === null ? [] : [str(ATTR.orchestratorAddress, a)],
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

async function storedPoints(address: string): Promise<number> {
  const rs = await collector.store.client.query({
    query: `SELECT count() AS n FROM ${collector.store.table('otel_metrics_gauge')}
            WHERE OrchestratorAddress = {a:String}`,
    query_params: { a: address },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

describe('enrollment round trip', () => {
  it('a token from a real signature ingests data stamped with its address', async () => {
    const token = await enroll(O1, 'o1-host');
    const res = await postJson('/v1/metrics', gauge(null, [null, null], 0.5), token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await storedPoints(A1)).toBe(2);
  });
});

describe('forged data', () => {
  it("an agent token for O1 cannot write O2's series: refused in partial_success, nothing stored for O2", async () => {
    const token = await enroll(O1, 'o1-forger');
    const before = await storedPoints(A1);

    const asO2 = await postJson('/v1/metrics', gauge(A2, [null, null, null], 0.9), token);
    expect(asO2.status).toBe(200);
    expect(asO2.body['partialSuccess']).toMatchObject({ rejectedDataPoints: '3' });
    expect(
      String((asO2.body['partialSuccess'] as Record<string, unknown>)['errorMessage']),
    ).toContain(A2);

    const mixed = await postJson('/v1/metrics', gauge(null, [A2, A1, null, A2], 0.7), token);
    expect(mixed.status).toBe(200);
    expect(mixed.body['partialSuccess']).toMatchObject({ rejectedDataPoints: '2' });

    expect(await storedPoints(A2)).toBe(0);
    expect(await storedPoints(A1)).toBe(before + 2);
  });
});

describe('revocation', () => {
  it('a revoked token is refused on the very next request', async () => {
    const admin = await collector.tokenService.create({
      kind: 'admin',
      name: 'ops',
      origin: 'cli',
    });
    const token = await enroll(O2, 'o2-host');
    expect((await postJson('/v1/metrics', gauge(null, [null], 1), token)).status).toBe(200);
    const list = await fetch(`${collector.url}/api/v1/admin/tokens`, {
      headers: { authorization: `Bearer ${admin.secret}` },
    });
    const { tokens } = (await list.json()) as { tokens: { id: string; name: string }[] };
    const id = tokens.find((t) => t.name === 'o2-host')?.id;
    const revoked = await postJson(`/api/v1/admin/tokens/${id ?? ''}/revoke`, {}, admin.secret);
    expect(revoked.status).toBe(200);
    expect((await postJson('/v1/metrics', gauge(null, [null], 1), token)).status).toBe(401);
  });
});
