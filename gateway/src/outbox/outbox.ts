import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TestloadJobRecord } from '@naap/otel';
import type { Logger } from 'pino';
import { countLines, dropPoint } from './backlog.js';
import { appendDurably, fileIdentity, keepTail, readAt, type FileIdentity } from './file.js';
import { completeLines, MAX_LINE_BYTES } from './lines.js';
import { repairTail, resumeAt } from './resume.js';
import { loadAckState, saveAckState, statePathOf } from './state.js';

export interface OutboxFileOptions {
  /** The JSONL file: the results file, or the dedicated outbox file. */
  readonly path: string;
  /** True for the dedicated outbox file: compacted once sent; the results file is never rewritten. */
  readonly owned: boolean;
  /** Backlog bound: bytes and records not yet acknowledged; the oldest beyond are dropped. */
  readonly maxBytes: number;
  readonly maxRecords: number;
  /** Owned file: rewritten without its sent head once that is this large and half the file. */
  readonly compactBytes?: number;
}

/** Lines read for one request: the records, and where every line read (records or not) ends. */
export interface Batch {
  readonly fileId: string;
  readonly records: readonly TestloadJobRecord[];
  readonly lineEnds: readonly number[];
  /** Lines that are not job records (torn, malformed, oversized): skipped once acknowledged. */
  readonly skips: readonly { readonly end: number; readonly problem: string }[];
  readonly end: number;
}

export interface OutboxStats {
  /** Records left out because the backlog was full. */
  readonly dropped: number;
  /** Lines that are not job records (torn, malformed), skipped. */
  readonly skipped: number;
}

const DEFAULT_COMPACT_BYTES = 1 << 20;

/**
 * The durable outbox: a JSONL file of job records (the source of truth) and
 * the byte offset up to which the collector has acknowledged them, kept in
 * `<file>.offset` (fsync, atomic rename). File access is serialised.
 */
export class Outbox {
  private acked = 0;
  private fileId = '';
  private size = 0;
  /** Complete lines in [acked, size). */
  private pending = 0;
  private inFlight = false;
  private queue: Promise<void> = Promise.resolve();
  private buffered: string[] = [];
  private dropped = 0;
  private skipped = 0;
  private droppedInOutage = 0;
  private readonly statePath: string;

  private constructor(
    private readonly o: OutboxFileOptions,
    private readonly log: Logger,
  ) {
    this.statePath = statePathOf(o.path);
  }

  /** Opens (creates) the file, repairs a torn last line, resumes from the saved offset. */
  static async open(o: OutboxFileOptions, log: Logger): Promise<Outbox> {
    const box = new Outbox(o, log);
    await mkdir(dirname(o.path), { recursive: true });
    await appendDurably(o.path, '');
    const file = await repairTail(o.path, log);
    const start = resumeAt(await loadAckState(box.statePath), file, o, log);
    await box.reset(file, start);
    await box.run(() => box.bound());
    return box;
  }

  get stats(): OutboxStats {
    return { dropped: this.dropped, skipped: this.skipped };
  }

  /** Bytes and records not yet acknowledged. */
  get backlog(): { readonly bytes: number; readonly records: number } {
    return { bytes: this.size - this.acked, records: this.pending };
  }

  /** Queues one line (with its newline); lines queued together are written with one fsync. */
  append(line: string): Promise<void> {
    this.buffered.push(line);
    if (this.buffered.length > 1) return this.queue;
    return this.run(() => this.writeBuffered());
  }

  /** Resolves once every queued write and file task is done. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The next lines after the acknowledged offset (none: caught up, or only a partial line). */
  read(maxRecords: number): Promise<Batch> {
    return this.run(async () => {
      await this.reconcile();
      const empty: Batch = {
        fileId: this.fileId,
        records: [],
        lineEnds: [],
        skips: [],
        end: this.acked,
      };
      if (this.fileId === '' || this.size <= this.acked) return empty;
      const length = Math.min(MAX_LINE_BYTES, this.size - this.acked);
      const chunk = await readAt(this.o.path, this.acked, length);
      const lines = completeLines(chunk, this.acked, maxRecords);
      if (lines.length === 0 && chunk.length === MAX_LINE_BYTES) {
        // A line longer than any record: skip it whole.
        const over = await dropPoint(this.o.path, this.acked, { bytes: 0, records: 1 });
        if (over.lines === 0) return empty; // not ended yet
        const skip = { end: over.offset, problem: 'longer than 1 MiB' };
        return { ...empty, lineEnds: [over.offset], skips: [skip], end: over.offset };
      }
      if (lines.length > 0) this.inFlight = true;
      return {
        fileId: this.fileId,
        records: lines.flatMap((l) => (l.record === null ? [] : [l.record])),
        lineEnds: lines.map((l) => l.end),
        skips: lines.flatMap((l) =>
          l.problem === null ? [] : [{ end: l.end, problem: l.problem }],
        ),
        end: lines.at(-1)?.end ?? this.acked,
      };
    });
  }

  /** The batch is not acknowledged (sending failed): it will be read again. */
  release(): void {
    this.inFlight = false;
  }

  /** The collector took the batch (or it was rejected for good): move past it, durably. */
  acknowledge(batch: Batch): Promise<void> {
    return this.run(async () => {
      this.inFlight = false;
      if (batch.fileId !== this.fileId || batch.end <= this.acked) return;
      const fresh = batch.lineEnds.filter((e) => e > this.acked).length;
      for (const skip of batch.skips.filter((x) => x.end > this.acked)) {
        this.skipped++;
        this.log.warn(
          { file: this.o.path, lineEnd: skip.end, problem: skip.problem },
          'outbox: skipped a line that is not a job record',
        );
      }
      this.pending -= fresh;
      this.acked = batch.end;
      await this.persist();
      await this.compact();
    });
  }

  /** Delivery works again: report what the backlog bound dropped meanwhile. */
  delivered(): void {
    if (this.droppedInOutage === 0) return;
    this.log.warn(
      { dropped: this.droppedInOutage },
      'outbox: records dropped while the collector was unreachable (backlog full)',
    );
    this.droppedInOutage = 0;
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    // The caller gets the error; the queue goes on.
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async writeBuffered(): Promise<void> {
    const lines = this.buffered.splice(0);
    if (lines.length === 0) return;
    const data = lines.join('');
    await this.reconcile();
    await appendDurably(this.o.path, data);
    this.size += Buffer.byteLength(data);
    this.pending += lines.length;
    await this.reconcile();
    await this.bound();
  }

  /** Drops the oldest records beyond the backlog bound; logged once per outage. */
  private async bound(): Promise<void> {
    const need = {
      bytes: this.size - this.acked - this.o.maxBytes,
      records: this.pending - this.o.maxRecords,
    };
    if (need.bytes <= 0 && need.records <= 0) return;
    const cut = await dropPoint(this.o.path, this.acked, need);
    if (cut.lines === 0) return;
    if (this.droppedInOutage === 0)
      this.log.warn(
        { file: this.o.path, maxBytes: this.o.maxBytes, maxRecords: this.o.maxRecords },
        'outbox: backlog full, dropping the oldest records not yet sent',
      );
    this.droppedInOutage += cut.lines;
    this.dropped += cut.lines;
    this.pending -= cut.lines;
    this.acked = cut.offset;
    await this.persist();
    await this.compact();
  }

  /** Owned file: rewritten without its acknowledged head (never while a batch is out). */
  private async compact(): Promise<void> {
    const min = this.o.compactBytes ?? DEFAULT_COMPACT_BYTES;
    if (!this.o.owned || this.inFlight || this.acked < min || this.acked * 2 < this.size) return;
    await keepTail(this.o.path, this.acked);
    const file = await fileIdentity(this.o.path);
    if (file === null) return;
    this.fileId = file.id;
    this.size = file.size;
    this.acked = 0;
    await this.persist();
  }

  /** Notices a file replaced (rotation), removed or shrunk (truncation) since it was last seen. */
  private async reconcile(): Promise<void> {
    const file = await fileIdentity(this.o.path);
    if (file === null) {
      if (this.fileId !== '')
        this.log.warn(
          { file: this.o.path },
          'outbox: the file is gone; starting over when it is written again',
        );
      this.fileId = '';
      this.acked = this.size = this.pending = 0;
      return;
    }
    if (file.id !== this.fileId || file.size < this.acked) {
      const why = file.id !== this.fileId ? 'replaced' : 'shrank';
      if (this.fileId !== '')
        this.log.warn(
          { file: this.o.path, unsentBytes: this.size - this.acked },
          `outbox: the file ${why}; sending it from the start`,
        );
      await this.reset(await repairTail(this.o.path, this.log), 0);
    } else if (file.size !== this.size) {
      this.size = file.size;
      this.pending = await countLines(this.o.path, this.acked);
    }
  }

  private async reset(file: FileIdentity, start: number): Promise<void> {
    this.fileId = file.id;
    this.size = file.size;
    this.acked = start;
    this.pending = await countLines(this.o.path, start);
    await this.persist();
  }

  private persist(): Promise<void> {
    return saveAckState(this.statePath, { fileId: this.fileId, offset: this.acked });
  }
}
