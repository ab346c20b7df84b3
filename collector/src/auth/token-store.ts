import { normalizeAddress } from '@naap/otel';
import type { Store } from '../storage/store.js';
import {
  hashToken,
  isTokenKind,
  newSecret,
  newTokenId,
  TOKEN_NAME_PATTERN,
  type TokenKind,
} from './secret.js';
import { TOKENS_TABLE } from './token-table.js';

/** How a stored token came to be. */
export type TokenOrigin = 'cli' | 'api' | 'enroll';

/** The newest version of a stored token. Times are milliseconds since the epoch. */
export interface TokenRecord {
  readonly id: string;
  readonly version: number;
  readonly hash: string;
  readonly kind: TokenKind;
  /** Bound orchestrator address (agent tokens), else null. */
  readonly address: string | null;
  readonly name: string;
  readonly origin: TokenOrigin;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly revokedAt: number | null;
}

export interface NewToken {
  readonly kind: string;
  readonly address?: string | undefined;
  readonly name?: string | undefined;
  readonly origin: TokenOrigin;
}

/** A token request that cannot be honoured; `field` names the bad input. */
export class TokenSpecError extends Error {
  constructor(
    readonly field: 'kind' | 'address' | 'name' | 'id',
    message: string,
  ) {
    super(message);
    this.name = 'TokenSpecError';
  }
}

interface Row {
  id: string;
  version: string | number;
  hash: string;
  kind: string;
  address: string;
  name: string;
  origin: string;
  created: string | number;
  updated: string | number;
  revoked: string | number | null;
}

const COLUMNS = `id, version, hash, kind, address, name, origin,
  toUnixTimestamp64Milli(created_at) AS created, toUnixTimestamp64Milli(updated_at) AS updated,
  if(isNull(revoked_at), NULL, toUnixTimestamp64Milli(assumeNotNull(revoked_at))) AS revoked`;

/** `YYYY-MM-DD hh:mm:ss.sss` in UTC: what a `DateTime64(3, 'UTC')` column parses exactly. */
const datetime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

function toRecord(r: Row): TokenRecord {
  return {
    id: r.id,
    version: Number(r.version),
    hash: r.hash,
    kind: isTokenKind(r.kind) ? r.kind : 'gateway',
    address: r.address === '' ? null : r.address,
    name: r.name,
    origin: r.origin === 'api' || r.origin === 'enroll' ? r.origin : 'cli',
    createdAt: Number(r.created),
    updatedAt: Number(r.updated),
    revokedAt: r.revoked === null ? null : Number(r.revoked),
  };
}

/** Checks a new token's kind, address and name; returns them normalised. */
export function checkNewToken(spec: NewToken): {
  kind: TokenKind;
  address: string | null;
  name: string;
} {
  if (!isTokenKind(spec.kind))
    throw new TokenSpecError('kind', `kind must be agent, gateway or admin, got "${spec.kind}"`);
  const name = spec.name ?? spec.kind;
  if (!TOKEN_NAME_PATTERN.test(name))
    throw new TokenSpecError('name', 'name must be 1–64 letters, digits or . _ @ : -');
  if (spec.kind !== 'agent') {
    if (spec.address !== undefined)
      throw new TokenSpecError('address', `a ${spec.kind} token is not bound to an address`);
    return { kind: spec.kind, address: null, name };
  }
  const address = normalizeAddress(spec.address ?? '');
  if (address === null)
    throw new TokenSpecError('address', 'an agent token needs an address: 0x + 40 hex digits');
  return { kind: 'agent', address, name };
}

/** What the token service needs of storage (ClickHouse here; memory in tests). */
export type TokenStorage = Pick<TokenStore, 'all' | 'get' | 'create' | 'revoke' | 'rotate'>;

/**
 * Stored tokens in ClickHouse (migration 009). Writes are new versions of a
 * row; reads take the newest version of each id. A secret is returned once,
 * when it is made, and only its hash is written.
 */
export class TokenStore {
  constructor(private readonly store: Store) {}

  private get table(): string {
    return this.store.table(TOKENS_TABLE);
  }

  /** The newest version of every token (revoked ones too), oldest first. */
  async all(): Promise<TokenRecord[]> {
    const rs = await this.store.client.query({
      query: `SELECT ${COLUMNS} FROM ${this.table} ORDER BY id, version DESC LIMIT 1 BY id`,
      format: 'JSONEachRow',
    });
    const rows = (await rs.json<Row>()).map(toRecord);
    return rows.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<TokenRecord | null> {
    const rs = await this.store.client.query({
      query: `SELECT ${COLUMNS} FROM ${this.table} WHERE id = {id:String} ORDER BY version DESC LIMIT 1`,
      query_params: { id },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<Row>();
    return row === undefined ? null : toRecord(row);
  }

  async create(spec: NewToken): Promise<{ record: TokenRecord; secret: string }> {
    const { kind, address, name } = checkNewToken(spec);
    const secret = newSecret(kind);
    const now = Date.now();
    const record: TokenRecord = {
      id: newTokenId(),
      version: 1,
      hash: hashToken(secret),
      kind,
      address,
      name,
      origin: spec.origin,
      createdAt: now,
      updatedAt: now,
      revokedAt: null,
    };
    await this.write(record);
    return { record, secret };
  }

  /** Revokes a token; null when there is no such token. Revoking twice changes nothing. */
  async revoke(id: string): Promise<TokenRecord | null> {
    const current = await this.get(id);
    if (current === null || current.revokedAt !== null) return current;
    const now = Date.now();
    const next = { ...current, version: current.version + 1, updatedAt: now, revokedAt: now };
    await this.write(next);
    return next;
  }

  /** A new secret for the same token (the old one stops working); null when there is no such token. */
  async rotate(id: string): Promise<{ record: TokenRecord; secret: string } | null> {
    const current = await this.get(id);
    if (current === null) return null;
    if (current.revokedAt !== null)
      throw new TokenSpecError('id', `token ${id} is revoked: create a new one`);
    const secret = newSecret(current.kind);
    const record = {
      ...current,
      version: current.version + 1,
      hash: hashToken(secret),
      updatedAt: Date.now(),
    };
    await this.write(record);
    return { record, secret };
  }

  private async write(r: TokenRecord): Promise<void> {
    await this.store.client.insert({
      table: this.table,
      values: [
        {
          id: r.id,
          version: r.version,
          hash: r.hash,
          kind: r.kind,
          address: r.address ?? '',
          name: r.name,
          origin: r.origin,
          created_at: datetime(r.createdAt),
          updated_at: datetime(r.updatedAt),
          revoked_at: r.revokedAt === null ? null : datetime(r.revokedAt),
        },
      ],
      format: 'JSONEachRow',
    });
  }
}
