import type { Backoff } from '../backoff.js';
import type { Metrics } from '../metrics.js';
import type { ResolvedLog } from './options.js';
import type { Segment, SegmentLog } from './segment-log.js';

export interface InserterDeps extends ResolvedLog {
  readonly log: SegmentLog;
  readonly metrics: Metrics;
  readonly backoff: Backoff;
}

/**
 * One INSERT loop per table over its sealed segments, oldest first: a segment
 * is deleted after its INSERT succeeded; on a transient failure the loop waits
 * (exponential backoff) and tries the same segment again, so each table's rows
 * reach storage in order of acceptance. A segment storage refuses for good is
 * set aside as `<name>.rejected` and logged.
 */
export class Inserter {
  private readonly running = new Map<string, Promise<void>>();
  /** Tables whose last INSERT attempt failed (their loop is backing off). */
  private readonly failing = new Set<string>();
  private readonly progress = new Set<() => void>();
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(private readonly d: InserterDeps) {}

  kick(table: string): void {
    if (this.stopped || this.running.has(table)) return;
    const loop = this.loop(table).finally(() => {
      this.running.delete(table);
      this.notify();
    });
    this.running.set(table, loop);
  }

  kickAll(): void {
    for (const table of this.d.log.tablesWaiting()) this.kick(table);
  }

  /** How long a refused caller should wait, in ms. */
  retryInMs(): number {
    return Math.max(this.d.maxBatchDelayMs, this.d.backoff.peek());
  }

  /** Resolves once every sealed segment is inserted, or its table's last attempt failed. */
  async drain(): Promise<void> {
    this.kickAll();
    for (;;) {
      const waiting = this.d.log.tablesWaiting().filter((t) => !this.failing.has(t));
      if (waiting.length === 0 || this.stopped) return;
      for (const t of waiting) this.kick(t);
      await new Promise<void>((resolve) => this.progress.add(resolve));
    }
  }

  /** Stops after the INSERTs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.running.values());
    this.notify();
  }

  private async loop(table: string): Promise<void> {
    const { log, logger, backoff } = this.d;
    while (!this.stopped) {
      const seg = log.head(table);
      if (seg === undefined) return;
      let ok = false;
      try {
        ok = await this.attempt(seg);
      } catch (error) {
        logger.error({ err: error, file: seg.name }, 'write-ahead log: file system error');
      }
      this.notify();
      if (!ok) await this.sleep(backoff.next());
    }
  }

  /** True when the segment left the queue (inserted, or set aside). */
  private async attempt(seg: Segment): Promise<boolean> {
    const { log, metrics, now, logger } = this.d;
    const startedAt = now();
    try {
      await this.d.insertFile(seg.table, { path: log.path(seg), bytes: seg.bytes, id: seg.name });
    } catch (error) {
      if (this.d.isPermanentError(error)) {
        logger.error(
          { err: error, file: seg.name },
          `insert refused by storage; set aside as ${seg.name}.rejected`,
        );
        await log.quarantine(seg);
        metrics.setAside(seg.rows);
        this.failing.delete(seg.table);
        return true;
      }
      if (metrics.storageHealthy)
        logger.warn({ err: error }, 'insert failed; rows wait in the write-ahead log');
      metrics.insertFailed();
      this.failing.add(seg.table);
      return false;
    }
    metrics.insertSucceeded(seg.rows, startedAt, now(), seg.recovered);
    this.d.backoff.reset();
    this.failing.delete(seg.table);
    await log.remove(seg);
    return true;
  }

  private notify(): void {
    const waiters = [...this.progress];
    this.progress.clear();
    for (const resolve of waiters) resolve();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
