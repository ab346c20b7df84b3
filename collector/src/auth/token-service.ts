import type { FastifyBaseLogger } from 'fastify';
import type { HashedToken, Identity, TokenRegistry } from './tokens.js';
import type { NewToken, TokenRecord, TokenStorage } from './token-store.js';

export interface TokenServiceOptions {
  /** How often storage is re-read, so changes made elsewhere (CLI, other collectors) apply. */
  readonly refreshMs: number;
  readonly log?: FastifyBaseLogger;
}

/** The identity a stored token stands for. */
export function identityOf(r: TokenRecord): Identity {
  return r.kind === 'agent'
    ? { kind: 'agent', address: r.address ?? '', name: r.name, id: r.id }
    : { kind: r.kind, name: r.name, id: r.id };
}

/**
 * Keeps the registry's stored tokens in line with storage: read at start,
 * re-read every `refreshMs`, and right after every change made through this
 * service (so a revocation here applies to the very next request, and one
 * made by another process within `refreshMs`). When storage cannot be read,
 * the last known set stays in force.
 */
export class TokenService {
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  /** Reads are numbered; one that finishes after a later one is dropped (it may predate a change). */
  private started = 0;
  private applied = 0;

  constructor(
    private readonly store: TokenStorage,
    readonly registry: TokenRegistry,
    private readonly options: TokenServiceOptions,
  ) {}

  /** Reads storage once (throws when it cannot), then keeps refreshing. */
  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Re-reads storage into the registry. */
  async reload(): Promise<void> {
    const read = ++this.started;
    const active: HashedToken[] = (await this.store.all())
      .filter((r) => r.revokedAt === null)
      .map((r) => ({ hash: r.hash, identity: identityOf(r) }));
    if (read < this.applied) return;
    this.applied = read;
    this.registry.setStored(active);
  }

  private async refresh(): Promise<void> {
    try {
      await this.reload();
      if (this.failing) this.options.log?.info('stored tokens readable again');
      this.failing = false;
    } catch (err) {
      if (!this.failing)
        this.options.log?.warn({ err }, 'cannot re-read stored tokens; keeping the last known set');
      this.failing = true;
    }
  }

  list(): Promise<TokenRecord[]> {
    return this.store.all();
  }

  get(id: string): Promise<TokenRecord | null> {
    return this.store.get(id);
  }

  async create(spec: NewToken): Promise<{ record: TokenRecord; secret: string }> {
    const made = await this.store.create(spec);
    await this.reload();
    return made;
  }

  async revoke(id: string): Promise<TokenRecord | null> {
    const r = await this.store.revoke(id);
    await this.reload();
    return r;
  }

  async rotate(id: string): Promise<{ record: TokenRecord; secret: string } | null> {
    const r = await this.store.rotate(id);
    await this.reload();
    return r;
  }
}
