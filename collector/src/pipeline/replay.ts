import type { Backoff } from './backoff.js';
import type { SpoolRecord } from './record.js';
import type { Spool, SpoolEntry } from './spool.js';
import type { InsertFn, PipelineLogger } from './types.js';

export interface ReplayHooks {
  /** A spooled record was inserted (before its file is deleted). */
  inserted(rows: number, startedAt: number): void;
  /** An insert of the head record failed; the replay waits and tries again. */
  failed(error: unknown): void;
  /** A record was set aside (corrupt file, or refused by storage for good). */
  dropped(entry: SpoolEntry, rows: number, reason: string): void;
  /** The spool is empty and no write to it is in progress: new data may go to storage directly. */
  drained(): void;
}

export interface ReplayDeps {
  readonly spool: Spool;
  readonly insert: InsertFn;
  readonly backoff: Backoff;
  readonly isPermanentError: (error: unknown) => boolean;
  readonly now: () => number;
  readonly logger: PipelineLogger;
  readonly hooks: ReplayHooks;
}

/**
 * Inserts the spool's records oldest first, one INSERT per record, and
 * deletes each file only after its INSERT succeeded; on failure it waits
 * (exponential backoff) and retries the same record, so order is kept. A
 * crash between an INSERT and the deletion of its file inserts that one
 * record again on the next start (at-least-once for that record).
 */
export class Replayer {
  private loop: Promise<void> | null = null;
  /** Cleared in the same tick the loop decides to end, so no kick is missed. */
  private running = false;
  private stopped = false;
  private wakeSleeper: (() => void) | null = null;
  /** The decoded head record, kept across retries. */
  private cached: { entry: SpoolEntry; record: SpoolRecord } | null = null;
  /** The head record whose INSERT succeeded but whose file is not deleted yet. */
  private insertedEntry: SpoolEntry | null = null;

  constructor(private readonly deps: ReplayDeps) {}

  /** Starts the loop unless it runs (or was stopped). */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the record in progress (its INSERT and deletion complete). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSleeper?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      await this.replayAll();
    } finally {
      this.running = false;
    }
  }

  private async replayAll(): Promise<void> {
    const { spool, hooks } = this.deps;
    while (!this.stopped) {
      const entry = spool.head();
      if (entry === undefined) {
        if (spool.inFlight === 0) hooks.drained();
        return; // a write in progress kicks the loop again when it completes
      }
      try {
        await this.step(entry);
      } catch (error) {
        this.deps.logger.error({ err: error, file: entry.name }, 'spool replay: file system error');
        await this.sleep(this.deps.backoff.next());
      }
    }
  }

  private async step(entry: SpoolEntry): Promise<void> {
    if (this.insertedEntry !== entry) {
      const record = await this.load(entry);
      if (record === null || !(await this.insertRecord(entry, record))) return;
    }
    await this.deps.spool.remove(entry);
    this.insertedEntry = null;
    this.cached = null;
  }

  /** Inserts the record; false when the replay must not delete it now. */
  private async insertRecord(entry: SpoolEntry, record: SpoolRecord): Promise<boolean> {
    const { insert, now, hooks, backoff } = this.deps;
    const startedAt = now();
    try {
      await insert(record.table, record.rows, { id: record.id, replay: true });
    } catch (error) {
      if (this.deps.isPermanentError(error)) {
        await this.setAside(entry, record.rows.length, 'rejected', error);
        return false;
      }
      hooks.failed(error);
      await this.sleep(backoff.next());
      return false;
    }
    this.insertedEntry = entry;
    backoff.reset();
    hooks.inserted(record.rows.length, startedAt);
    return true;
  }

  private async load(entry: SpoolEntry): Promise<SpoolRecord | null> {
    if (this.cached?.entry === entry) return this.cached.record;
    const decoded = await this.deps.spool.read(entry);
    if (!decoded.ok) {
      await this.setAside(entry, 0, 'corrupt', decoded.error);
      return null;
    }
    this.cached = { entry, record: decoded.record };
    return decoded.record;
  }

  private async setAside(
    entry: SpoolEntry,
    rows: number,
    reason: 'corrupt' | 'rejected',
    detail: unknown,
  ): Promise<void> {
    this.cached = null;
    await this.deps.spool.quarantine(entry, reason);
    this.deps.logger.error(
      { file: entry.name, rows, reason, err: detail },
      `spool replay: record set aside as ${entry.name}.${reason}`,
    );
    this.deps.hooks.dropped(entry, rows, reason);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakeSleeper = wake;
    });
  }
}
