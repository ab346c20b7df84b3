import { mkdir } from 'node:fs/promises';
import { Backoff } from '../backoff.js';
import {
  BackpressureError,
  BatchTooLargeError,
  PipelineStateError,
  StorageError,
} from '../errors.js';
import { Metrics } from '../metrics.js';
import { Replayer } from '../replay.js';
import { Spool } from '../spool.js';
import type { PipelineStats, Row } from '../types.js';
import { Inserter } from './inserter.js';
import { resolveLogOptions, type LogPipelineOptions, type ResolvedLog } from './options.js';
import { isLogTable, SegmentLog, type Append } from './segment-log.js';

interface Waiting {
  readonly tables: ReadonlyMap<string, Append>;
  readonly rows: number;
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Ingest acknowledged by a write-ahead log (`--ingest-ack log`).
 *
 * accept() appends a call's rows to the log (group commit: the calls that
 * arrive while a write is in progress share the next write and fdatasync) and
 * resolves once they are on disk; the rows then leave memory. Each table's
 * open segment is sealed when it holds maxBatchRows rows or its oldest row
 * waited maxBatchDelayMs; a sealed segment is one INSERT, streamed from the
 * file, and is deleted once that INSERT succeeded. While storage fails, sealed
 * segments wait (the log is the spool) and are retried oldest first per table
 * with exponential backoff. The INSERT size follows the ingest rate, not the
 * number of clients waiting, and rows never wait in V8's heap.
 *
 * Guarantee: an acknowledged row is on disk until its INSERT succeeded; a
 * crash loses nothing. A crash after an INSERT and before the deletion of its
 * segment inserts that segment again at the next start (the segment name is
 * the INSERT's deduplication token, which replicated tables honour).
 */
export class LogPipeline {
  private state: 'new' | 'running' | 'closing' | 'closed' = 'new';
  private readonly o: ResolvedLog;
  private readonly log: SegmentLog;
  private readonly metrics = new Metrics();
  private readonly inserter: Inserter;
  private readonly legacy: { spool: Spool; replayer: Replayer };
  private queue: Waiting[] = [];
  private queuedRows = 0;
  private queuedBytes = 0;
  private acceptedRows = 0;
  private chain: Promise<void> = Promise.resolve();
  private writeScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;

  constructor(options: LogPipelineOptions) {
    this.o = resolveLogOptions(options);
    this.log = new SegmentLog(this.o.dir);
    const backoff = new Backoff(this.o.retryDelayMs, this.o.maxRetryDelayMs);
    this.inserter = new Inserter({ ...this.o, log: this.log, metrics: this.metrics, backoff });
    const spool = new Spool(this.o.dir, Number.MAX_SAFE_INTEGER);
    const replayer = new Replayer({
      ...this.o,
      spool,
      backoff: new Backoff(this.o.retryDelayMs, this.o.maxRetryDelayMs),
      hooks: this.metrics.replayHooks(this.o.now, () => undefined),
    });
    this.legacy = { spool, replayer };
  }

  /** Locks the directory; segments (and spool records of the batching mode) left earlier are inserted first. */
  async start(): Promise<void> {
    if (this.state !== 'new') {
      throw new PipelineStateError(this.state === 'running' ? 'running' : 'closed', 'start');
    }
    await mkdir(this.o.dir, { recursive: true });
    await this.legacy.spool.open(); // takes the directory lock; indexes `*.rec`
    await this.log.recover(this.o.now());
    if (this.legacy.spool.files > 0) this.legacy.replayer.kick();
    this.inserter.kickAll();
    this.state = 'running';
  }

  /** Resolves once every row of the call is in the log on disk. */
  accept(batch: ReadonlyMap<string, readonly Row[]>): Promise<void> {
    if (this.state !== 'running') {
      const s = this.state === 'new' ? 'new' : 'closed';
      return Promise.reject(new PipelineStateError(s, 'accept rows'));
    }
    const tables = new Map<string, Append>();
    let rows = 0;
    let bytes = 0;
    for (const [table, list] of batch) {
      if (list.length === 0) continue;
      if (!isLogTable(table)) {
        return Promise.reject(
          new TypeError(`not a table name for the log: ${JSON.stringify(table)}`),
        );
      }
      const text = joinText(list);
      if (text === null)
        return Promise.reject(new TypeError('the write-ahead log takes text rows only'));
      tables.set(table, { text, rows: list.length });
      rows += list.length;
      // The bounds are of the log on disk: UTF-8 bytes, not UTF-16 units.
      bytes += Buffer.byteLength(text, 'utf8');
    }
    if (rows === 0) return Promise.resolve();
    const refused = this.refusal(rows, bytes);
    if (refused !== null) {
      this.metrics.rejectedRows += rows;
      return Promise.reject(refused);
    }
    this.queuedRows += rows;
    this.queuedBytes += bytes;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ tables, rows, bytes, resolve, reject });
      if (!this.writeScheduled) {
        this.writeScheduled = true;
        void this.enqueue(() => this.writeQueued());
      }
    });
  }

  /** Seals every open segment and inserts what storage takes now (the rest stays in the log). */
  async flush(): Promise<void> {
    if (this.state === 'new' || this.state === 'closed') return;
    await this.enqueue(() => this.sealWhere(() => true));
    await this.inserter.drain();
  }

  /** Flushes, stops the INSERT loops and releases the directory. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  stats(): PipelineStats {
    return {
      ...this.metrics.counters(),
      pendingRows: this.queuedRows + this.log.rows,
      pendingBytesEstimate: this.queuedBytes,
      spoolBytes: this.log.bytes + this.legacy.spool.bytes,
      spoolFiles: this.log.files + this.legacy.spool.files,
      spooledRows: this.acceptedRows,
      spooling: !this.metrics.storageHealthy && this.log.tablesWaiting().length > 0,
    };
  }

  private async shutdown(): Promise<void> {
    const started = this.state === 'running';
    this.state = 'closing';
    if (started) await this.flush();
    this.clearTimer();
    await this.inserter.stop();
    await this.legacy.replayer.stop();
    if (started) await this.legacy.spool.close();
    this.state = 'closed';
  }

  private refusal(rows: number, bytes: number): Error | null {
    const { maxPendingRows: maxRows, maxPendingBytes: maxBytes, maxLogBytes } = this.o;
    if (rows > maxRows) return new BatchTooLargeError('rows', rows, maxRows);
    if (bytes > maxBytes) return new BatchTooLargeError('bytes', bytes, maxBytes);
    const retry = this.metrics.storageHealthy ? this.o.maxBatchDelayMs : this.inserter.retryInMs();
    if (this.queuedRows + rows > maxRows || this.queuedBytes + bytes > maxBytes) {
      const msg = `log writer busy: ${this.queuedRows} rows waiting for the disk`;
      return new BackpressureError('memory', retry / 1000, msg);
    }
    if (this.log.bytes + this.queuedBytes + bytes > maxLogBytes) {
      const msg = `write-ahead log full: ${this.log.bytes} of ${maxLogBytes} bytes wait for storage`;
      return new BackpressureError('spool', retry / 1000, msg);
    }
    return null;
  }

  /** Runs `step` after every earlier log operation (writes and seals never overlap). */
  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Writes every waiting call in one append, settles them, seals full segments. */
  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      await this.writeGroup(group);
      await this.sealWhere((seg) => seg.rows >= this.o.maxBatchRows);
    }
    this.writeScheduled = false;
    this.armTimer();
  }

  private async writeGroup(group: readonly Waiting[]): Promise<void> {
    const merged = new Map<string, Append>();
    for (const w of group) {
      for (const [table, a] of w.tables) {
        const prev = merged.get(table);
        merged.set(
          table,
          prev === undefined ? a : { text: prev.text + a.text, rows: prev.rows + a.rows },
        );
      }
    }
    const rows = group.reduce((n, w) => n + w.rows, 0);
    const bytes = group.reduce((n, w) => n + w.bytes, 0);
    try {
      await this.log.append(merged, this.o.now(), this.o.maxBatchRows);
      this.acceptedRows += rows;
      for (const w of group) w.resolve();
      this.inserter.kickAll(); // segments sealed before the append
    } catch (cause) {
      this.o.logger.error({ err: cause }, 'write-ahead log write failed; rows rejected');
      this.metrics.rejectedRows += rows;
      const error = new StorageError('write-ahead log write failed', {
        cause,
        permanent: false,
        retryAfterMs: 1000,
      });
      for (const w of group) w.reject(error);
      this.inserter.kickAll(); // the failed append sealed what it had written
    } finally {
      this.queuedRows -= rows;
      this.queuedBytes -= bytes;
    }
  }

  /** Seals the open segments `due` picks; a file system error is logged (the rows stay on disk). */
  private async sealWhere(
    due: (seg: { rows: number; openedAt: number }) => boolean,
  ): Promise<void> {
    for (const seg of this.log.openSegments()) {
      if (!due(seg)) continue;
      try {
        await this.log.seal(seg);
      } catch (error) {
        this.o.logger.error({ err: error, file: seg.name }, 'write-ahead log: sealing failed');
      }
      this.inserter.kick(seg.table);
    }
  }

  /** One timer on the oldest open segment's deadline. */
  private armTimer(): void {
    this.clearTimer();
    const [oldest] = this.log.openSegments().sort((a, b) => a.openedAt - b.openedAt);
    if (oldest === undefined || this.state !== 'running') return;
    const delay = Math.max(0, oldest.openedAt + this.o.maxBatchDelayMs - this.o.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = this.o.now();
      void this.enqueue(() =>
        this.sealWhere((s) => now - s.openedAt >= this.o.maxBatchDelayMs),
      ).then(() => {
        this.armTimer();
      });
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Text rows joined; null for object rows, which cannot be logged (the mappers write text). */
function joinText(rows: readonly Row[]): string | null {
  let text = '';
  for (const row of rows) {
    if (typeof row !== 'string') return null;
    text += row;
  }
  return text;
}
