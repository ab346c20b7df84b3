import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyRepository } from '../api/repository/empty.js';
import { buildApp } from '../app.js';
import { MemoryTokenStore } from '../auth/test-memory-store.js';
import { TokenService } from '../auth/token-service.js';
import { parseTokens, type TokenRegistry } from '../auth/tokens.js';
import { loadConfig } from '../config/resolve.js';
import type { Row } from '../pipeline/types.js';
import { createLogger } from '../telemetry/logger.js';
import { SelfMetrics } from '../telemetry/self-metrics.js';
import { API_CSP, DOCS_CSP, SWAGGER_LOGO_STYLE_HASH } from './security-headers.js';

// Security headers on every answer, admin endpoints off without an admin
// token, no bearer token in any log line, client addresses from
// X-Forwarded-For only behind a trusted proxy.

const AGENT = 'agent-secret-token-5f1e0c9d7a2b';
const ADMIN = 'admin-secret-token-9d8c7b6a5f4e';
const agentOnly = (): TokenRegistry =>
  parseTokens(
    JSON.stringify([{ token: AGENT, kind: 'agent', address: '0x' + '12'.repeat(20) }]),
    't',
  );

let app: ReturnType<typeof buildApp> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

interface Options {
  readonly flags?: readonly string[];
  readonly tokens?: TokenRegistry;
  readonly accept?: (batch: ReadonlyMap<string, readonly Row[]>) => Promise<void>;
  readonly logs?: string[];
  readonly tokenService?: TokenService;
}

async function start(o: Options = {}): Promise<NonNullable<typeof app>> {
  const config = await loadConfig([...(o.flags ?? [])], {});
  const lines = o.logs;
  const destination =
    lines === undefined
      ? undefined
      : new Writable({
          write(chunk: Buffer, _enc, done) {
            lines.push(chunk.toString());
            done();
          },
        });
  app = buildApp(config, {
    tokens: o.tokens ?? agentOnly(),
    pipeline: { accept: o.accept ?? (() => Promise.resolve()) },
    metrics: new SelfMetrics(() => ({})),
    ready: () => Promise.resolve(true),
    api: { repository: emptyRepository() },
    ...(o.tokenService ? { tokenService: o.tokenService } : {}),
    ...(destination ? { logger: createLogger('trace', destination) } : {}),
  });
  await app.ready();
  return app;
}

describe('security headers', () => {
  it('are on API answers, problems, OTLP, health and unknown paths', async () => {
    const a = await start();
    for (const [url, status] of [
      ['/api/v1/network/summary', 200],
      ['/api/v1/openapi.json', 200],
      ['/api/v1/nope', 404],
      ['/healthz', 200],
      ['/v1/metrics', 404], // GET: no such route
      ['/nowhere', 404],
    ] as const) {
      const r = await a.inject(url);
      expect(r.statusCode, url).toBe(status);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['content-security-policy'], url).toBe(API_CSP);
    }
    const post = await a.inject({
      method: 'POST',
      url: '/v1/metrics',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(post.statusCode).toBe(401);
    expect(post.headers['content-security-policy']).toBe(API_CSP);
    expect(API_CSP).toContain("frame-ancestors 'none'");
    expect(API_CSP).toContain("default-src 'none'");
  });

  it('give the docs page a policy without inline script that swagger-ui works under', async () => {
    const a = await start();
    const page = await a.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // Only scripts from files on this origin: no inline <script> body, no handler attributes.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="/);
      expect(body?.trim()).toBe('');
    }
    expect(page.body).not.toMatch(/\son[a-z]+=/i);
    expect(DOCS_CSP).not.toContain('unsafe-inline');
    expect(DOCS_CSP).not.toContain('unsafe-eval');
    expect(DOCS_CSP).toContain("frame-ancestors 'none'");
    // The one inline style allowed: the logo's, whose hash matches the bundle served.
    const preset = await a.inject('/api/docs/static/swagger-ui-standalone-preset.js');
    const styles = [...preset.body.matchAll(/createElement\("style",null,"([^"]*)"\)/g)];
    expect(styles.map((m) => m[1])).toEqual([
      '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}',
    ]);
    const hash = createHash('sha256')
      .update(styles[0]?.[1] ?? '')
      .digest('base64');
    expect(`sha256-${hash}`).toBe(SWAGGER_LOGO_STYLE_HASH);
    expect(DOCS_CSP).toContain(`style-src 'self' '${SWAGGER_LOGO_STYLE_HASH}'`);
    const init = await a.inject('/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.headers['content-type']).toMatch(/javascript/);
  });
});

describe('admin endpoints', () => {
  it('are off (404) while no admin token exists, on with one, behind the full app', async () => {
    const registry = agentOnly();
    const tokenService = new TokenService(new MemoryTokenStore(), registry, { refreshMs: 60_000 });
    const a = await start({ tokens: registry, tokenService });
    const list = (token: string) =>
      a.inject({ url: '/api/v1/admin/tokens', headers: { authorization: `Bearer ${token}` } });
    const off = await list(AGENT);
    expect(off.statusCode).toBe(404);
    expect(off.headers['content-security-policy']).toBe(API_CSP);
    const admin = (await tokenService.create({ kind: 'admin', name: 'ops', origin: 'cli' })).secret;
    expect((await list(AGENT)).statusCode).toBe(403);
    expect((await list('naap_admin_wrong_0123456789')).statusCode).toBe(401);
    expect((await list(admin)).statusCode).toBe(200);
  });
});

describe('logs', () => {
  it('never hold a bearer token, whatever the request led to', async () => {
    const logs: string[] = [];
    const a = await start({
      logs,
      accept: () => Promise.reject(new Error('storage exploded')),
    });
    const body = JSON.stringify({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [{ name: 'm', gauge: { dataPoints: [{ timeUnixNano: '1', asDouble: 1 }] } }],
            },
          ],
        },
      ],
    });
    const json = { 'content-type': 'application/json' };
    const failed = await a.inject({
      method: 'POST',
      url: '/v1/metrics',
      payload: body,
      headers: { ...json, authorization: `Bearer ${AGENT}` },
    });
    expect(failed.statusCode).toBe(500);
    const bad = await a.inject({
      method: 'POST',
      url: '/v1/metrics',
      payload: body,
      headers: { ...json, authorization: `Bearer ${ADMIN}` },
    });
    expect(bad.statusCode).toBe(401);
    await a.inject({ url: '/api/v1/nope', headers: { authorization: `Bearer ${AGENT}` } });
    // Something was logged (the failed ingest, with its request id), and no token in it.
    expect(logs.join('')).toContain('ingest failed');
    for (const secret of [AGENT, ADMIN]) expect(logs.join('')).not.toContain(secret);
  });

  it('redact authorization headers and token fields wherever a log call puts them', () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const bearer = `Bearer ${AGENT}`;
    log.info({ req: { headers: { authorization: bearer, host: 'h' } } }, 'a');
    log.info({ headers: { authorization: bearer } }, 'b');
    log.info({ request: { headers: { authorization: bearer } } }, 'c');
    log.info({ authorization: bearer, token: AGENT, secret: AGENT }, 'd');
    log.info({ made: { token: AGENT, id: 'tok_1' } }, 'e');
    expect(lines).toHaveLength(5);
    expect(lines.join('')).not.toContain(AGENT);
    expect(lines.join('')).toContain('[redacted]');
    expect(lines.join('')).toContain('tok_1');
  });
});

describe('client addresses', () => {
  const hit = (a: NonNullable<typeof app>, forwarded: string) =>
    a.inject({ url: '/api/v1/network/summary', headers: { 'x-forwarded-for': forwarded } });

  it('ignore X-Forwarded-For by default: one peer shares one API rate limit', async () => {
    const a = await start({ flags: ['--api-rate-limit', '2'] });
    expect((await hit(a, '203.0.113.1')).statusCode).toBe(200);
    expect((await hit(a, '203.0.113.2')).statusCode).toBe(200);
    expect((await hit(a, '203.0.113.3')).statusCode).toBe(429);
  });

  it('come from X-Forwarded-For behind a trusted proxy: each client its own limit', async () => {
    const a = await start({ flags: ['--api-rate-limit', '2', '--trust-proxy', '127.0.0.1'] });
    for (let i = 0; i < 2; i++) expect((await hit(a, '203.0.113.1')).statusCode).toBe(200);
    expect((await hit(a, '203.0.113.1')).statusCode).toBe(429);
    expect((await hit(a, '203.0.113.2')).statusCode).toBe(200);
  });
});
