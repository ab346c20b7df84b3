import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidField, problemErrorHandler, ProblemError, sendProblem } from './problem.js';
import { TOKEN_ID_PATTERN } from './secret.js';
import type { TokenService } from './token-service.js';
import { TokenSpecError, type TokenRecord } from './token-store.js';

export interface AdminOptions {
  readonly tokens: TokenService;
}

/** A stored token as the admin API shows it: never the secret, never the hash. */
export function publicRecord(r: TokenRecord): Record<string, unknown> {
  return {
    id: r.id,
    kind: r.kind,
    address: r.address,
    name: r.name,
    origin: r.origin,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    revokedAt: r.revokedAt === null ? null : new Date(r.revokedAt).toISOString(),
  };
}

function idParam(req: FastifyRequest): string {
  const id = (req.params as Record<string, unknown>)['id'];
  if (typeof id !== 'string' || !TOKEN_ID_PATTERN.test(id))
    throw invalidField('id', 'token id must be tok_ followed by 16 hex digits');
  return id;
}

function notFound(id: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'token_not_found',
    title: 'no such token',
    detail: `no stored token ${id}`,
    parameter: 'id',
  });
}

function asProblem(err: unknown): unknown {
  return err instanceof TokenSpecError ? invalidField(err.field, err.message) : err;
}

/**
 * Token administration over HTTP, for an admin token: list, create, revoke,
 * rotate. Off (404, as if absent) while no admin token exists, in the tokens
 * file or in storage. Tokens of the tokens file are listed but read-only.
 */
export function adminTokensPlugin(scope: FastifyInstance, o: AdminOptions, done: () => void): void {
  const registry = o.tokens.registry;
  scope.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) =>
    problemErrorHandler(err, reply),
  );
  scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!registry.hasAdmin())
      return sendProblem(reply, {
        status: 404,
        code: 'not_found',
        title: 'not found',
        detail: 'admin endpoints are off: no admin token exists',
      });
    const who = registry.authenticate(req.headers.authorization);
    if (who === null) {
      void reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, {
        status: 401,
        code: 'unauthenticated',
        title: 'admin token required',
        detail: 'send Authorization: Bearer <admin token>',
      });
    }
    if (who.kind !== 'admin')
      return sendProblem(reply, {
        status: 403,
        code: 'forbidden',
        title: 'admin token required',
        detail: `a ${who.kind} token cannot manage tokens`,
      });
    return undefined;
  });

  scope.get('/api/v1/admin/tokens', async () => ({
    tokens: (await o.tokens.list()).map(publicRecord),
    file: registry
      .fileIdentities()
      .map((i) => ({ kind: i.kind, name: i.name, address: i.kind === 'agent' ? i.address : null })),
  }));

  scope.post('/api/v1/admin/tokens', { bodyLimit: 4096 }, async (req, reply) => {
    const b: unknown = req.body;
    if (typeof b !== 'object' || b === null || Array.isArray(b))
      throw invalidField('body', 'the body must be a JSON object {kind, address?, name?}');
    const spec = b as Record<string, unknown>;
    const str = (k: string): string | undefined =>
      typeof spec[k] === 'string' ? spec[k] : undefined;
    for (const k of ['kind', 'address', 'name'])
      if (spec[k] !== undefined && typeof spec[k] !== 'string')
        throw invalidField(k, `${k} must be a string`);
    const made = await o.tokens
      .create({
        kind: str('kind') ?? '',
        address: str('address'),
        name: str('name'),
        origin: 'api',
      })
      .catch((err: unknown) => {
        throw asProblem(err);
      });
    req.log.info({ tokenId: made.record.id, kind: made.record.kind }, 'token created');
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({ ...publicRecord(made.record), token: made.secret });
  });

  scope.post('/api/v1/admin/tokens/:id/revoke', async (req) => {
    const id = idParam(req);
    const r = await o.tokens.revoke(id);
    if (r === null) throw notFound(id);
    req.log.info({ tokenId: id }, 'token revoked');
    return publicRecord(r);
  });

  scope.post('/api/v1/admin/tokens/:id/rotate', async (req, reply) => {
    const id = idParam(req);
    const r = await o.tokens.rotate(id).catch((err: unknown) => {
      throw asProblem(err);
    });
    if (r === null) throw notFound(id);
    req.log.info({ tokenId: id }, 'token rotated');
    return reply
      .header('cache-control', 'no-store')
      .send({ ...publicRecord(r.record), token: r.secret });
  });
  done();
}
