import { fastifyRateLimit } from '@fastify/rate-limit';
import { normalizeAddress } from '@naap/otel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidField, problemErrorHandler, ProblemError } from '../auth/problem.js';
import { TOKEN_NAME_PATTERN } from '../auth/secret.js';
import type { TokenService } from '../auth/token-service.js';
import type { CollectorConfig } from '../config/config.js';
import { ChallengeBook, ChallengeBookFullError } from './challenges.js';
import { matchSignature, parseSignature, type SignatureMatch } from './verify.js';

export interface EnrollOptions {
  readonly tokens: TokenService;
  /** How challenges name this collector (its public URL, ideally). */
  readonly collector: string;
  readonly challengeTtlMs: number;
  /** Requests per minute and client IP, for each of the two routes. */
  readonly ratePerMinute: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** The plugin's options from the collector's configuration. */
export function enrollOptions(config: CollectorConfig, tokens: TokenService): EnrollOptions {
  const { name, challengeTtlMs, ratePerMinute } = config.enroll;
  return { tokens, collector: name, challengeTtlMs, ratePerMinute };
}

const BODY_LIMIT = 4096;
const DEFAULT_NAME = 'agent';

function body(req: FastifyRequest): Record<string, unknown> {
  const b: unknown = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw invalidField('body', 'the body must be a JSON object');
  return b as Record<string, unknown>;
}

function address(b: Record<string, unknown>): string {
  const a = typeof b['address'] === 'string' ? normalizeAddress(b['address']) : null;
  if (a === null) throw invalidField('address', 'address must be 0x followed by 40 hex digits');
  return a;
}

function name(b: Record<string, unknown>): string {
  const n = b['name'] ?? DEFAULT_NAME;
  if (typeof n !== 'string' || !TOKEN_NAME_PATTERN.test(n))
    throw invalidField('name', 'name must be 1–64 letters, digits or . _ @ : -');
  return n;
}

/** The answer to a signature that matches no pending challenge. */
function refusal(m: Exclude<SignatureMatch, { kind: 'ok' }>, addr: string): ProblemError {
  const field = 'signature';
  switch (m.kind) {
    case 'malformed':
      return invalidField(field, 'signature is not a valid secp256k1 signature');
    case 'used':
      return new ProblemError({
        status: 409,
        code: 'challenge_used',
        title: 'challenge already used',
        detail: 'this signature was already used to enroll: ask for a new challenge',
        parameter: field,
      });
    case 'expired':
      return new ProblemError({
        status: 410,
        code: 'challenge_expired',
        title: 'challenge expired',
        detail: `the challenge expired at ${new Date(m.challenge.expiresAt).toISOString()}: ask for a new one`,
        parameter: field,
      });
    case 'none':
      return new ProblemError({
        status: 404,
        code: 'challenge_not_found',
        title: 'no challenge',
        detail: `no enrollment challenge was issued to ${addr}: POST /api/v1/enroll/challenge first`,
        parameter: 'address',
      });
    case 'mismatch':
      return new ProblemError({
        status: 403,
        code: 'signature_mismatch',
        title: 'signature does not match the address',
        detail: `the signature recovers ${m.recovered}, not ${addr}, for the challenges issued to it`,
        parameter: field,
      });
  }
}

/** Revokes earlier enrolled tokens of the same address and name: re-enrolling a host replaces its token. */
async function replacePrevious(tokens: TokenService, addr: string, n: string, keep: string) {
  for (const r of await tokens.list()) {
    if (
      r.id !== keep &&
      r.origin === 'enroll' &&
      r.revokedAt === null &&
      r.address === addr &&
      r.name === n
    )
      await tokens.revoke(r.id);
  }
}

/**
 * Enrollment (spec: identity, auth, trust): `POST /api/v1/enroll/challenge
 * {address}` issues a single-use, expiring challenge; `POST /api/v1/enroll
 * {address, signature, name?}` checks with viem that the signature of that
 * challenge recovers the address and answers an agent token bound to it
 * (stored as a hash). Both routes are rate limited per client IP. Errors are
 * RFC 7807 problems naming the field at fault.
 */
export async function enrollPlugin(scope: FastifyInstance, o: EnrollOptions): Promise<void> {
  const now = o.now ?? Date.now;
  const book = new ChallengeBook({ collector: o.collector, ttlMs: o.challengeTtlMs });
  if (!scope.hasDecorator('rateLimit')) await scope.register(fastifyRateLimit, { global: false });
  const limited = () => ({
    onRequest: scope.rateLimit({ max: o.ratePerMinute, timeWindow: 60_000 }),
    bodyLimit: BODY_LIMIT,
  });
  scope.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) =>
    problemErrorHandler(err, reply),
  );

  scope.post('/api/v1/enroll/challenge', limited(), async (req, reply) => {
    const addr = address(body(req));
    try {
      const c = book.issue(addr, now());
      return await reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({
          address: c.address,
          nonce: c.nonce,
          message: c.message,
          expiresAt: new Date(c.expiresAt).toISOString(),
        });
    } catch (err) {
      if (!(err instanceof ChallengeBookFullError)) throw err;
      throw new ProblemError({
        status: 503,
        code: 'enroll_busy',
        title: 'too many pending challenges',
        detail: 'too many enrollments in progress; retry later',
        retryAfterSeconds: 60,
      });
    }
  });

  scope.post('/api/v1/enroll', limited(), async (req, reply: FastifyReply) => {
    const b = body(req);
    const addr = address(b);
    const n = name(b);
    const signature = parseSignature(b['signature']);
    if (signature === null)
      throw invalidField('signature', 'signature must be 65 bytes as hex (0x + 130 hex digits)');
    const match = await matchSignature(addr, signature, book.candidates(addr, now()));
    if (match.kind !== 'ok') throw refusal(match, addr);
    // Consumed before any await: a concurrent replay finds it used.
    if (!book.consume(addr, match.challenge.nonce, now()))
      throw refusal({ kind: 'used', challenge: match.challenge }, addr);
    let made;
    try {
      made = await o.tokens.create({ kind: 'agent', address: addr, name: n, origin: 'enroll' });
    } catch (err) {
      book.release(addr, match.challenge.nonce);
      throw err;
    }
    await replacePrevious(o.tokens, addr, n, made.record.id);
    req.log.info({ tokenId: made.record.id, address: addr, name: n }, 'agent enrolled');
    return reply.code(201).header('cache-control', 'no-store').send({
      token: made.secret,
      id: made.record.id,
      kind: made.record.kind,
      address: addr,
      name: n,
    });
  });
}
