import type { Backoff } from './backoff.js';
import type { Batcher } from './batcher.js';
import type { Part } from './buffer.js';
import { BackpressureError, SpoolFullError, StorageError } from './errors.js';
import type { Metrics } from './metrics.js';
import type { Spool } from './spool.js';
import type { InsertFn, PipelineLogger } from './types.js';

export interface CommitterDeps {
  readonly insert: InsertFn;
  readonly spool: Spool | null;
  readonly batcher: Batcher;
  readonly metrics: Metrics;
  readonly backoff: Backoff;
  readonly isPermanentError: (error: unknown) => boolean;
  readonly now: () => number;
  readonly logger: PipelineLogger;
  /** After every spool write (success or not): lets the replay pick the records up. */
  readonly afterSpoolWrite: () => void;
}

interface Leftover {
  readonly parts: readonly Part[];
  readonly error: unknown;
}

/**
 * Makes the parts of one flush durable and settles their callers. Storage
 * first, one INSERT per part, a table's parts in order; the parts of a table
 * from its first failed INSERT on go to the spool (all of them while the
 * spool is in use, to keep order behind older spooled data). Never throws.
 */
export class Committer {
  /** New parts go to the spool (it holds data, or storage failed). */
  spooling = false;

  constructor(private readonly deps: CommitterDeps) {}

  async commit(parts: readonly Part[]): Promise<void> {
    const { spool } = this.deps;
    if (this.spooling && spool !== null) {
      await this.toSpool(spool, parts);
      return;
    }
    const leftovers = await Promise.all(
      groupByTable(parts).map((group) => this.insertGroup(group)),
    );
    const failed = leftovers.filter((l): l is Leftover => l !== null);
    if (failed.length > 0) await this.fallback(failed);
  }

  /** The spool is empty and nothing is being written to it: back to direct INSERTs. */
  stopSpooling(): void {
    if (this.spooling) this.deps.logger.info({}, 'spool drained; inserting directly');
    this.spooling = false;
  }

  /** Retry-After for callers refused now, in ms. */
  retryAfterMs(minimumMs: number): number {
    return this.deps.metrics.storageHealthy
      ? minimumMs
      : Math.max(minimumMs, this.deps.backoff.peek());
  }

  private async insertGroup(parts: readonly Part[]): Promise<Leftover | null> {
    for (const [i, part] of parts.entries()) {
      const error = await this.tryInsert(part);
      if (error === null) {
        this.finish(part, null);
      } else if (this.deps.isPermanentError(error.cause)) {
        this.deps.logger.error(
          { err: error.cause, table: part.table },
          'insert refused by storage',
        );
        this.finish(part, this.storageError('storage refused the rows', error.cause, true));
      } else {
        return { parts: parts.slice(i), error: error.cause };
      }
    }
    return null;
  }

  private async tryInsert(part: Part): Promise<{ cause: unknown } | null> {
    const { insert, now, metrics } = this.deps;
    const startedAt = now();
    try {
      await insert(part.table, part.rows, { id: part.id, replay: false });
    } catch (cause) {
      metrics.insertFailed();
      return { cause };
    }
    metrics.insertSucceeded(part.rows.length, startedAt, now(), false);
    return null;
  }

  private async fallback(failed: readonly Leftover[]): Promise<void> {
    const parts = failed.flatMap((l) => l.parts);
    const cause = failed[0]?.error;
    const { spool, logger } = this.deps;
    if (spool === null) {
      logger.error({ err: cause }, 'insert failed; rows rejected (no spool)');
      const error = this.storageError('storage unavailable', cause, false);
      for (const part of parts) this.finish(part, error);
      return;
    }
    if (!this.spooling) logger.warn({ err: cause }, 'insert failed; spooling to disk');
    this.spooling = true;
    await this.toSpool(spool, parts);
  }

  private async toSpool(spool: Spool, parts: readonly Part[]): Promise<void> {
    try {
      await spool.append(parts.map(({ id, table, rows }) => ({ id, table, rows })));
      for (const part of parts) this.deps.metrics.spooledRows += part.rows.length;
      for (const part of parts) this.finish(part, null);
    } catch (cause) {
      this.deps.logger.error({ err: cause }, 'spool write failed; rows rejected');
      const error = this.spoolError(cause);
      for (const part of parts) this.finish(part, error);
    } finally {
      this.deps.afterSpoolWrite();
    }
  }

  private spoolError(cause: unknown): Error {
    const retryMs = this.retryAfterMs(1000);
    if (cause instanceof SpoolFullError) {
      return new BackpressureError('spool', retryMs / 1000, cause.message);
    }
    return this.storageError('spool write failed', cause, false);
  }

  private storageError(message: string, cause: unknown, permanent: boolean): StorageError {
    return new StorageError(message, { cause, permanent, retryAfterMs: this.retryAfterMs(1000) });
  }

  /** The part leaves memory; its callers learn the outcome. */
  private finish(part: Part, error: Error | null): void {
    this.deps.batcher.release(part);
    if (error !== null) this.deps.metrics.rejectedRows += part.rows.length;
    for (const ticket of part.tickets) ticket.settle(error);
  }
}

/** Parts grouped by table, each group in its original order. */
function groupByTable(parts: readonly Part[]): Part[][] {
  const groups = new Map<string, Part[]>();
  for (const part of parts) {
    const group = groups.get(part.table);
    if (group === undefined) groups.set(part.table, [part]);
    else group.push(part);
  }
  return [...groups.values()];
}
