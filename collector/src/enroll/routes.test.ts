import { ProblemSchema } from '@naap/otel/api';
import Fastify, { type FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';
import { getAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/secret.js';
import { TokenService } from '../auth/token-service.js';
import { TokenRegistry } from '../auth/tokens.js';
import { MemoryTokenStore } from '../auth/test-memory-store.js';
import { enrollPlugin } from './routes.js';

const O1 = privateKeyToAccount(`0x${'11'.repeat(32)}`);
const O2 = privateKeyToAccount(`0x${'22'.repeat(32)}`);
const A1 = O1.address.toLowerCase();
const A2 = O2.address.toLowerCase();
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const TTL = 300_000;

interface Harness {
  app: FastifyInstance;
  store: MemoryTokenStore;
  registry: TokenRegistry;
  clock: { now: number };
}

const open: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function harness(ratePerMinute = 1000): Promise<Harness> {
  const store = new MemoryTokenStore();
  const registry = new TokenRegistry([]);
  const tokens = new TokenService(store, registry, { refreshMs: 60_000 });
  const clock = { now: T0 };
  const app = Fastify();
  await app.register(enrollPlugin, {
    tokens,
    collector: 'https://collector.example.org',
    challengeTtlMs: TTL,
    ratePerMinute,
    now: () => clock.now,
  });
  open.push(app);
  return { app, store, registry, clock };
}

const post = (app: FastifyInstance, url: string, payload: unknown, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: ip });

async function challenge(h: Harness, address: string): Promise<string> {
  const res = await post(h.app, '/api/v1/enroll/challenge', { address });
  expect(res.statusCode).toBe(201);
  return res.json<{ message: string }>().message;
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
  field?: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body: unknown = JSON.parse(res.body);
  if (!Value.Check(ProblemSchema, body)) throw new Error(`not a problem: ${res.body}`);
  expect(body.type).toBe(`urn:naap:problem:${code}`);
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(body.parameter).toBe(field);
  return body;
}

describe('POST /api/v1/enroll/challenge', () => {
  it('issues a single-use challenge naming the collector, the address, a nonce and the expiry', async () => {
    const h = await harness();
    const res = await post(h.app, '/api/v1/enroll/challenge', { address: O1.address });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{ address: string; nonce: string; message: string; expiresAt: string }>();
    expect(body.address).toBe(A1);
    expect(body.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(body.expiresAt).toBe(new Date(T0 + TTL).toISOString());
    expect(body.message).toContain('Collector: https://collector.example.org');
    expect(body.message).toContain(`Orchestrator: ${getAddress(A1)}`);
    expect(body.message).toContain(`Nonce: ${body.nonce}`);
    expect(body.message).toContain(`Expires at: ${body.expiresAt}`);
    const again = await post(h.app, '/api/v1/enroll/challenge', { address: A1 });
    expect(again.json<{ nonce: string }>().nonce).not.toBe(body.nonce);
  });

  it('refuses a bad address, naming the field', async () => {
    const h = await harness();
    for (const address of [undefined, '', 'nope', `0x${'a'.repeat(39)}`, `0x${'g'.repeat(40)}`, 42])
      expectProblem(
        await post(h.app, '/api/v1/enroll/challenge', { address }),
        400,
        'invalid_address',
        'address',
      );
  });

  it('refuses bodies that are not a small JSON object', async () => {
    const h = await harness();
    const url = '/api/v1/enroll/challenge';
    expectProblem(await post(h.app, url, [A1]), 400, 'invalid_body', 'body');
    const text = await h.app.inject({
      method: 'POST',
      url,
      payload: A1,
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(text, 400, 'invalid_body', 'body');
    const broken = await h.app.inject({
      method: 'POST',
      url,
      payload: '{"address": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(broken, 400, 'invalid_body', 'body');
    const big = await post(h.app, url, { address: A1, pad: 'x'.repeat(8192) });
    expectProblem(big, 413, 'body_too_large', 'body');
    const xml = await h.app.inject({
      method: 'POST',
      url,
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expectProblem(xml, 415, 'unsupported_media_type', 'body');
  });

  it('rate-limits per client IP with 429 and Retry-After', async () => {
    const h = await harness(3);
    for (let i = 0; i < 3; i++)
      expect((await post(h.app, '/api/v1/enroll/challenge', { address: A1 })).statusCode).toBe(201);
    const limited = await post(h.app, '/api/v1/enroll/challenge', { address: A1 });
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await post(h.app, '/api/v1/enroll/challenge', { address: A1 }, '10.0.0.2');
    expect(other.statusCode).toBe(201);
  });
});

describe('POST /api/v1/enroll', () => {
  it('returns an agent token bound to the address whose key signed the challenge, stored as a hash', async () => {
    const h = await harness();
    const message = await challenge(h, A1);
    const signature = await O1.signMessage({ message });
    const res = await post(h.app, '/api/v1/enroll', { address: A1, signature, name: 'gpu-host-1' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{
      token: string;
      id: string;
      kind: string;
      address: string;
      name: string;
    }>();
    expect(body).toMatchObject({ kind: 'agent', address: A1, name: 'gpu-host-1' });
    expect(body.token).toMatch(/^naap_agent_[\w-]{43}$/);
    expect(h.registry.authenticate(`Bearer ${body.token}`)).toEqual({
      kind: 'agent',
      address: A1,
      name: 'gpu-host-1',
      id: body.id,
    });
    const [stored] = [...h.store.records.values()];
    expect(stored?.hash).toBe(hashToken(body.token));
    expect(JSON.stringify([...h.store.records.values()])).not.toContain(body.token);
  });

  it('accepts the signature without 0x, in upper case, and with v = 0/1', async () => {
    const h = await harness();
    const variants = [
      (s: Hex) => s.slice(2),
      (s: Hex) => `0x${s.slice(2).toUpperCase()}`,
      (s: Hex) =>
        `${s.slice(0, 130)}${(parseInt(s.slice(130), 16) - 27).toString(16).padStart(2, '0')}`,
    ];
    for (const variant of variants) {
      const signature = variant(await O1.signMessage({ message: await challenge(h, A1) }));
      const res = await post(h.app, '/api/v1/enroll', { address: A1, signature });
      expect(res.statusCode).toBe(201);
    }
  });

  it('refuses a replayed signature: the challenge is single-use', async () => {
    const h = await harness();
    const signature = await O1.signMessage({ message: await challenge(h, A1) });
    expect((await post(h.app, '/api/v1/enroll', { address: A1, signature })).statusCode).toBe(201);
    expectProblem(
      await post(h.app, '/api/v1/enroll', { address: A1, signature }),
      409,
      'challenge_used',
      'signature',
    );
    await challenge(h, A1);
    expectProblem(
      await post(h.app, '/api/v1/enroll', { address: A1, signature }),
      409,
      'challenge_used',
      'signature',
    );
    expect(h.store.records.size).toBe(1);
  });

  it('refuses a signature of an expired challenge', async () => {
    const h = await harness();
    const signature = await O1.signMessage({ message: await challenge(h, A1) });
    h.clock.now = T0 + TTL + 1;
    const body = expectProblem(
      await post(h.app, '/api/v1/enroll', { address: A1, signature }),
      410,
      'challenge_expired',
      'signature',
    );
    expect(body.detail).toContain(new Date(T0 + TTL).toISOString());
    expect(h.store.records.size).toBe(0);
  });

  it('refuses a signature made by another key, naming the address it recovers', async () => {
    const h = await harness();
    const signature = await O2.signMessage({ message: await challenge(h, A1) });
    const body = expectProblem(
      await post(h.app, '/api/v1/enroll', { address: A1, signature }),
      403,
      'signature_mismatch',
      'signature',
    );
    expect(body.detail).toContain(A2);
    expect(h.registry.size).toBe(0);
  });

  it('refuses an address that was issued no challenge', async () => {
    const h = await harness();
    const signature = await O1.signMessage({ message: await challenge(h, A1) });
    expectProblem(
      await post(h.app, '/api/v1/enroll', { address: A2, signature }),
      404,
      'challenge_not_found',
      'address',
    );
  });

  it('refuses malformed signatures, naming the field', async () => {
    const h = await harness();
    await challenge(h, A1);
    const good = await O1.signMessage({ message: 'other text' });
    for (const signature of [
      undefined,
      42,
      '',
      'zz',
      good.slice(0, 130),
      `${good}00`,
      `${good.slice(0, 130)}05`,
      `0x${'00'.repeat(64)}1b`,
      `0x${'ff'.repeat(64)}1c`,
    ]) {
      expectProblem(
        await post(h.app, '/api/v1/enroll', { address: A1, signature }),
        400,
        'invalid_signature',
        'signature',
      );
    }
  });

  it('refuses a bad name', async () => {
    const h = await harness();
    const signature = await O1.signMessage({ message: await challenge(h, A1) });
    for (const name of ['', 'a b', 'x'.repeat(65), 7, 'new\nline'])
      expectProblem(
        await post(h.app, '/api/v1/enroll', { address: A1, signature, name }),
        400,
        'invalid_name',
        'name',
      );
  });

  it('re-enrolling a host replaces its token; other hosts of the orchestrator keep theirs', async () => {
    const h = await harness();
    const enroll = async (name: string) => {
      const signature = await O1.signMessage({ message: await challenge(h, A1) });
      const res = await post(h.app, '/api/v1/enroll', { address: A1, signature, name });
      expect(res.statusCode).toBe(201);
      return res.json<{ token: string }>().token;
    };
    const first = await enroll('host-a');
    const other = await enroll('host-b');
    const second = await enroll('host-a');
    expect(h.registry.authenticate(`Bearer ${first}`)).toBeNull();
    expect(h.registry.authenticate(`Bearer ${second}`)?.name).toBe('host-a');
    expect(h.registry.authenticate(`Bearer ${other}`)?.name).toBe('host-b');
  });

  it('answers 500 without details when storage fails, and the challenge stays usable', async () => {
    const h = await harness();
    const signature = await O1.signMessage({ message: await challenge(h, A1) });
    h.store.failure = new Error('SELECT secret FROM naap_tokens: connection refused');
    const res = await post(h.app, '/api/v1/enroll', { address: A1, signature });
    const body = expectProblem(res, 500, 'internal');
    expect(body.detail).toBe('internal error');
    expect(res.body).not.toContain('naap_tokens');
    h.store.failure = undefined;
    expect((await post(h.app, '/api/v1/enroll', { address: A1, signature })).statusCode).toBe(201);
  });
});
