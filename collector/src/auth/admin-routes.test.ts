import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { adminTokensPlugin } from './admin-routes.js';
import { MemoryTokenStore } from './test-memory-store.js';
import { TokenService } from './token-service.js';
import { parseTokens } from './tokens.js';

const ADDRESS = `0x${'ab'.repeat(20)}`;
const FILE_GATEWAY = 'gateway-token-0123456789abcdef';

const open: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function harness() {
  const store = new MemoryTokenStore();
  const registry = parseTokens(
    JSON.stringify([{ token: FILE_GATEWAY, kind: 'gateway', name: 'gw-file' }]),
    'f',
  );
  const tokens = new TokenService(store, registry, { refreshMs: 60_000 });
  const app = Fastify();
  await app.register(adminTokensPlugin, { tokens });
  open.push(app);
  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  return { app, store, registry, tokens, call };
}

describe('admin token endpoints', () => {
  it('are off (404) while no admin token exists', async () => {
    const h = await harness();
    const res = await h.call('GET', '/api/v1/admin/tokens', FILE_GATEWAY);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ type: string }>().type).toBe('urn:naap:problem:not_found');
  });

  it('need an admin token: 401 without one, 403 for another kind', async () => {
    const h = await harness();
    await h.tokens.create({ kind: 'admin', name: 'ops', origin: 'cli' });
    const none = await h.call('GET', '/api/v1/admin/tokens');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await h.call('GET', '/api/v1/admin/tokens', 'naap_admin_wrong')).statusCode).toBe(401);
    const gw = await h.call('GET', '/api/v1/admin/tokens', FILE_GATEWAY);
    expect(gw.statusCode).toBe(403);
  });

  it('create, list, rotate and revoke, taking effect on the next request', async () => {
    const h = await harness();
    const admin = (await h.tokens.create({ kind: 'admin', name: 'ops', origin: 'cli' })).secret;
    const created = await h.call('POST', '/api/v1/admin/tokens', admin, {
      kind: 'agent',
      address: ADDRESS.toUpperCase().replace('0X', '0x'),
      name: 'host-1',
    });
    expect(created.statusCode).toBe(201);
    const token = created.json<{ id: string; token: string; address: string; origin: string }>();
    expect(token).toMatchObject({ address: ADDRESS, origin: 'api' });
    expect(h.registry.authenticate(`Bearer ${token.token}`)?.kind).toBe('agent');

    const list = (await h.call('GET', '/api/v1/admin/tokens', admin)).json<{
      tokens: { id: string; kind: string }[];
      file: { kind: string; name: string }[];
    }>();
    expect(list.tokens.map((t) => t.kind).sort()).toEqual(['admin', 'agent']);
    expect(list.file).toEqual([{ kind: 'gateway', name: 'gw-file', address: null }]);
    expect(JSON.stringify(list)).not.toContain(token.token);
    expect(JSON.stringify(list)).not.toContain('hash');

    const rotated = await h.call('POST', `/api/v1/admin/tokens/${token.id}/rotate`, admin);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json<{ token: string }>().token;
    expect(fresh).not.toBe(token.token);
    expect(h.registry.authenticate(`Bearer ${token.token}`)).toBeNull();
    expect(h.registry.authenticate(`Bearer ${fresh}`)?.kind).toBe('agent');

    const revoked = await h.call('POST', `/api/v1/admin/tokens/${token.id}/revoke`, admin);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    expect(h.registry.authenticate(`Bearer ${fresh}`)).toBeNull();
    const again = await h.call('POST', `/api/v1/admin/tokens/${token.id}/rotate`, admin);
    expect(again.statusCode).toBe(400);
    expect(again.json<{ parameter: string }>().parameter).toBe('id');
  });

  it('names the bad field', async () => {
    const h = await harness();
    const admin = (await h.tokens.create({ kind: 'admin', origin: 'cli' })).secret;
    const cases: [object, string][] = [
      [{ kind: 'root' }, 'kind'],
      [{ kind: 'agent' }, 'address'],
      [{ kind: 'agent', address: '0x12' }, 'address'],
      [{ kind: 'gateway', address: ADDRESS }, 'address'],
      [{ kind: 'gateway', name: 'has space' }, 'name'],
      [{ kind: 5 }, 'kind'],
    ];
    for (const [payload, field] of cases) {
      const res = await h.call('POST', '/api/v1/admin/tokens', admin, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ type: string; parameter: string }>()).toMatchObject({
        type: `urn:naap:problem:invalid_${field}`,
        parameter: field,
      });
    }
    const badId = await h.call('POST', '/api/v1/admin/tokens/nope/revoke', admin);
    expect(badId.json<{ parameter: string }>().parameter).toBe('id');
    const missing = await h.call(
      'POST',
      `/api/v1/admin/tokens/tok_${'0'.repeat(16)}/revoke`,
      admin,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ type: string }>().type).toBe('urn:naap:problem:token_not_found');
  });
});
