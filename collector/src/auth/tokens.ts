import { readFile } from 'node:fs/promises';
import { normalizeAddress } from '@naap/otel';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { hashToken } from './secret.js';

/**
 * Who a bearer token stands for; stamped on everything it ingests. `id` is
 * the stored token's public id (tokens of the tokens file have none).
 */
export type Identity =
  | {
      readonly kind: 'agent';
      readonly address: string;
      readonly name: string;
      readonly id?: string;
    }
  | { readonly kind: 'gateway'; readonly name: string; readonly id?: string }
  | { readonly kind: 'admin'; readonly name: string; readonly id?: string };

/** A token held by hash: from the tokens file or from storage. */
export interface HashedToken {
  readonly hash: string;
  readonly identity: Identity;
}

const TokenEntry = Type.Object(
  {
    token: Type.String({ minLength: 16, maxLength: 512 }),
    kind: Type.Enum(['agent', 'gateway', 'admin'] as const),
    address: Type.Optional(Type.String()),
    name: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
const TokenFile = Type.Array(TokenEntry, { maxItems: 100_000 });

export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

/**
 * Resolves bearer tokens to identities, synchronously (ingest asks on every
 * request). Two sources: the tokens file (read-only, fixed at start) and the
 * stored tokens, replaced wholesale whenever storage is re-read
 * (`auth/token-service.ts`), so a revocation takes effect on the next
 * request after it is seen. Only SHA-256 hashes of the tokens are kept in
 * memory, so a heap dump or log line never holds a usable token.
 */
export class TokenRegistry {
  private readonly fromFile: ReadonlyMap<string, Identity>;
  private stored: ReadonlyMap<string, Identity> = new Map();

  constructor(entries: readonly { token: string; identity: Identity }[]) {
    this.fromFile = new Map(entries.map((e) => [hashToken(e.token), e.identity]));
  }

  get size(): number {
    return this.fromFile.size + this.stored.size;
  }

  /** Whether any admin token exists (admin endpoints are off otherwise). */
  hasAdmin(): boolean {
    for (const map of [this.fromFile, this.stored])
      for (const identity of map.values()) if (identity.kind === 'admin') return true;
    return false;
  }

  /** The identities of the tokens file, for listings. */
  fileIdentities(): readonly Identity[] {
    return [...this.fromFile.values()];
  }

  /** Replaces the stored tokens (the active ones only). */
  setStored(tokens: readonly HashedToken[]): void {
    this.stored = new Map(tokens.map((t) => [t.hash, t.identity]));
  }

  /** The identity of an `Authorization` header value, or null. */
  authenticate(header: string | undefined): Identity | null {
    if (header === undefined) return null;
    const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
    if (m?.[1] === undefined) return null;
    const h = hashToken(m[1]);
    return this.fromFile.get(h) ?? this.stored.get(h) ?? null;
  }
}

/** Parses the tokens file (`[{token, kind, address?, name?}]`); errors name the entry. */
export function parseTokens(text: string, origin: string): TokenRegistry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new TokenFileError(`${origin}: not JSON: ${(err as Error).message}`);
  }
  if (!Value.Check(TokenFile, parsed)) {
    const first = [...Value.Errors(TokenFile, parsed)][0];
    throw new TokenFileError(
      `${origin}: ${first?.instancePath ?? ''} ${first?.message ?? 'invalid'}`.trim(),
    );
  }
  const seen = new Set<string>();
  const entries = parsed.map((e, i) => {
    if (seen.has(e.token)) throw new TokenFileError(`${origin}: entry ${i} repeats a token`);
    seen.add(e.token);
    const name = e.name ?? `${e.kind}-${i}`;
    if (e.kind !== 'agent') return { token: e.token, identity: { kind: e.kind, name } };
    const address = normalizeAddress(e.address ?? '');
    if (address === null)
      throw new TokenFileError(`${origin}: entry ${i} (agent) needs an "address" 0x + 40 hex`);
    return { token: e.token, identity: { kind: 'agent' as const, address, name } };
  });
  return new TokenRegistry(entries);
}

export async function loadTokens(path: string | undefined): Promise<TokenRegistry> {
  if (path === undefined) return new TokenRegistry([]);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new TokenFileError(`cannot read tokens file ${path}: ${(err as Error).message}`);
  }
  return parseTokens(text, path);
}
