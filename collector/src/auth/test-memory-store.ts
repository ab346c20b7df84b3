// Test helper: stored tokens in memory, with the ClickHouse store's semantics.
import { hashToken, newSecret, newTokenId } from './secret.js';
import {
  checkNewToken,
  TokenSpecError,
  type NewToken,
  type TokenRecord,
  type TokenStorage,
} from './token-store.js';

export class MemoryTokenStore implements TokenStorage {
  readonly records = new Map<string, TokenRecord>();
  /** When set, every call fails with it (storage down). */
  failure: Error | undefined;

  private check(): void {
    if (this.failure) throw this.failure;
  }

  all(): Promise<TokenRecord[]> {
    this.check();
    return Promise.resolve([...this.records.values()]);
  }

  get(id: string): Promise<TokenRecord | null> {
    this.check();
    return Promise.resolve(this.records.get(id) ?? null);
  }

  create(spec: NewToken): Promise<{ record: TokenRecord; secret: string }> {
    this.check();
    const { kind, address, name } = checkNewToken(spec);
    const secret = newSecret(kind);
    const now = Date.now();
    const record: TokenRecord = {
      ...{ id: newTokenId(), version: 1, hash: hashToken(secret), kind, address, name },
      ...{ origin: spec.origin, createdAt: now, updatedAt: now, revokedAt: null },
    };
    this.records.set(record.id, record);
    return Promise.resolve({ record, secret });
  }

  revoke(id: string): Promise<TokenRecord | null> {
    this.check();
    const r = this.records.get(id);
    if (r === undefined || r.revokedAt !== null) return Promise.resolve(r ?? null);
    const next = { ...r, version: r.version + 1, revokedAt: Date.now() };
    this.records.set(id, next);
    return Promise.resolve(next);
  }

  rotate(id: string): Promise<{ record: TokenRecord; secret: string } | null> {
    this.check();
    const r = this.records.get(id);
    if (r === undefined) return Promise.resolve(null);
    if (r.revokedAt !== null)
      return Promise.reject(new TokenSpecError('id', `token ${id} is revoked`));
    const secret = newSecret(r.kind);
    const record = { ...r, version: r.version + 1, hash: hashToken(secret) };
    this.records.set(id, record);
    return Promise.resolve({ record, secret });
  }
}
