import { refusal, toEntries } from './admission.js';
import { Backoff } from './backoff.js';
import { Batcher } from './batcher.js';
import { Committer } from './committer.js';
import { PipelineStateError } from './errors.js';
import { Metrics } from './metrics.js';
import { resolveOptions } from './options.js';
import { Replayer } from './replay.js';
import type { ReplayHooks } from './replay.js';
import { Spool } from './spool.js';
import { Ticket } from './ticket.js';
import type { PipelineOptions, PipelineStats, Row } from './types.js';

/**
 * Batching and durability between the OTLP mappers and ClickHouse.
 *
 * Group commit: accept() puts a call's rows into per-table buffers and
 * resolves once a flush made all of them durable. Flushes run one at a time;
 * a table is flushed when it holds maxBatchRows rows or its oldest row waited
 * maxBatchDelayMs, with one INSERT per batch of at most maxBatchRows rows.
 *
 * Guarantee. accept() resolves only after every row of the call was inserted
 * (the INSERT returned) or written to a spool file that was fsynced along with
 * its directory; a crash of the collector after that loses nothing. When a
 * spool exists, a failed INSERT sends the batch (and every later one, while
 * the spool holds data) to the spool, replayed oldest first, so each table's
 * rows reach storage in order of acceptance. A spooled record is deleted only
 * after its INSERT succeeded: a crash in between inserts that one record twice
 * (at-least-once for it; exactly-once otherwise, unless an INSERT that threw
 * had in fact been applied, e.g. a timeout). accept() rejects, keeping none of
 * the call, with BackpressureError when the memory or spool bound would be
 * exceeded; it rejects with StorageError when rows could neither be inserted
 * nor spooled, in which case rows of the same call in other batches may have
 * been stored (a client retry may duplicate those).
 */
export class IngestPipeline {
  private state: 'new' | 'running' | 'closing' | 'closed' = 'new';
  private readonly batcher: Batcher;
  private readonly committer: Committer;
  private readonly metrics = new Metrics();
  private readonly spool: Spool | null;
  private readonly replayer: Replayer | null;
  private readonly now: () => number;
  private readonly limits: { rows: number; bytes: number; delayMs: number };
  private timer: { handle: NodeJS.Timeout; at: number } | null = null;
  /** Rounds run one after the other; `queued` is the one not started yet. */
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private drainAll = false;
  private dueAt = -Infinity;
  private closing: Promise<void> | null = null;

  constructor(options: PipelineOptions) {
    const o = resolveOptions(options);
    this.now = o.now;
    this.limits = { rows: o.maxPendingRows, bytes: o.maxPendingBytes, delayMs: o.maxBatchDelayMs };
    this.batcher = new Batcher(o);
    const backoff = new Backoff(o.retryDelayMs, o.maxRetryDelayMs);
    this.spool = o.spool === null ? null : new Spool(o.spool.dir, o.spool.maxBytes);
    const common = { ...o, backoff };
    this.committer = new Committer({
      ...common,
      spool: this.spool,
      batcher: this.batcher,
      metrics: this.metrics,
      afterSpoolWrite: () => this.replayer?.kick(),
    });
    this.replayer =
      this.spool === null
        ? null
        : new Replayer({ ...common, spool: this.spool, hooks: this.replayHooks() });
  }

  /** Opens the spool; records a previous process left are replayed before any new data. */
  async start(): Promise<void> {
    if (this.state !== 'new') {
      throw new PipelineStateError(this.state === 'running' ? 'running' : 'closed', 'start');
    }
    if (this.spool !== null) {
      await this.spool.open();
      if (this.spool.files > 0) {
        this.committer.spooling = true;
        this.replayer?.kick();
      }
    }
    this.state = 'running';
  }

  /** Resolves once every row is durable; see the class comment for what rejects. */
  async accept(batch: ReadonlyMap<string, readonly Row[]>): Promise<void> {
    if (this.state !== 'running') {
      throw new PipelineStateError(this.state === 'new' ? 'new' : 'closed', 'accept rows');
    }
    const entries = toEntries(batch);
    const rows = entries.reduce((sum, e) => sum + e.rows.length, 0);
    if (rows === 0) return;
    const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    const refused = refusal(rows, bytes, this.admissionState());
    if (refused !== null) {
      this.metrics.rejectedRows += rows;
      throw refused;
    }
    const ticket = new Ticket();
    this.batcher.add(entries, ticket, this.now());
    if (this.batcher.sizeDue()) void this.schedule(false);
    else this.armTimer();
    return ticket.promise;
  }

  /** Inserts (or spools) everything accepted so far. */
  flush(): Promise<void> {
    if (this.state === 'new' || this.state === 'closed') return Promise.resolve();
    return this.schedule(true);
  }

  /** Flushes, then stops the timers and the replay and releases the spool. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  stats(): PipelineStats {
    return {
      ...this.metrics.counters(),
      pendingRows: this.batcher.heldRows,
      pendingBytesEstimate: this.batcher.heldBytes,
      spoolBytes: this.spool?.bytes ?? 0,
      spoolFiles: this.spool?.files ?? 0,
      spooledRows: this.metrics.spooledRows,
      spooling: this.committer.spooling,
    };
  }

  private replayHooks(): ReplayHooks {
    return this.metrics.replayHooks(this.now, () => {
      this.committer.stopSpooling();
    });
  }

  private async shutdown(): Promise<void> {
    const started = this.state === 'running';
    this.state = 'closing';
    if (started) await this.schedule(true);
    this.clearTimer();
    await this.replayer?.stop();
    if (started) await this.spool?.close();
    this.state = 'closed';
  }

  private admissionState() {
    const { spool } = this;
    const toSpool = spool !== null && (this.committer.spooling || !this.metrics.storageHealthy);
    return {
      maxPendingRows: this.limits.rows,
      maxPendingBytes: this.limits.bytes,
      heldRows: this.batcher.heldRows,
      heldBytes: this.batcher.heldBytes,
      spool: toSpool ? { bytes: spool.bytes, maxBytes: spool.maxBytes } : null,
      retryAfterMs: this.committer.retryAfterMs(this.limits.delayMs),
    };
  }

  /** Queues a flush round (at most one waits); `all` makes it take every buffered row. */
  private schedule(all: boolean): Promise<void> {
    if (all) this.drainAll = true;
    if (this.queued !== null) return this.queued;
    const round = this.tail.then(() => {
      this.queued = null;
      return this.round();
    });
    this.queued = round;
    this.tail = round;
    return round;
  }

  private async round(): Promise<void> {
    const all = this.drainAll;
    const at = Math.max(this.now(), this.dueAt);
    this.drainAll = false;
    this.dueAt = -Infinity;
    const parts = this.batcher.drain(at, all);
    if (parts.length > 0) await this.committer.commit(parts);
    if (this.batcher.sizeDue()) void this.schedule(false);
    else this.armTimer();
  }

  /** Keeps one timer on the earliest age deadline of the buffered tables. */
  private armTimer(): void {
    if (this.queued !== null) return; // the queued round re-arms when it ends
    const deadline = this.batcher.nextDeadline();
    if (this.timer?.at === deadline) return;
    this.clearTimer();
    if (deadline === null) return;
    const handle = setTimeout(
      () => {
        this.timer = null;
        this.dueAt = Math.max(this.dueAt, deadline);
        void this.schedule(false);
      },
      Math.max(0, deadline - this.now()),
    );
    this.timer = { handle, at: deadline };
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer.handle);
    this.timer = null;
  }
}
