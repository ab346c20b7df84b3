import { open, stat, type FileHandle } from 'node:fs/promises';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type SourceLine } from './line-splitter.js';

export interface FollowFileOptions {
  readonly path: string;
  /** Lines read, in order, in batches (of at most 4096 lines). */
  readonly onLines: (lines: readonly SourceLine[]) => void;
  /** Errors other than the file not existing (reported once until the next success). */
  readonly onError?: (error: Error) => void;
  /** Read the file present at start from its beginning (default: from its end, like tail -F). */
  readonly fromStart?: boolean;
  /** How often the path is checked (default 250 ms). */
  readonly pollIntervalMs?: number;
  readonly maxLineBytes?: number;
}

export interface FollowFileStats {
  readonly bytesRead: number;
  readonly linesRead: number;
  readonly opens: number;
  readonly rotations: number;
  readonly truncations: number;
  /** Unfinished lines dropped because their file was truncated under them. */
  readonly partialLinesDropped: number;
}

const READ_CHUNK = 64 * 1024;
/** Lines handed over at once. */
const MAX_BATCH_LINES = 4096;
/** Bytes read per pass before yielding to the event loop. */
const PASS_BUDGET = 4 * 1024 * 1024;

const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;
const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/**
 * Follows a file like `tail -F`, by polling (portable across filesystems and
 * containers' bind mounts; one `stat` per idle poll): reads appended bytes
 * asynchronously; holds an unfinished last line until its newline; on
 * rotation (the path names another inode, or none) finishes the old file,
 * then opens the new one from its start; on truncation (size below the read
 * offset) reads again from 0; waits for a file that does not exist yet.
 * Limits: bytes appended to a renamed file after the switch, and lines
 * written between the last read and a copytruncate, are lost (as with tail);
 * a truncation followed by growth past the old offset within one poll is not
 * seen as a truncation.
 */
export class FileFollower {
  private handle: FileHandle | null = null;
  private ino = -1;
  private dev = -1;
  private offset = 0;
  private first = true;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastError: string | null = null;
  private readonly buffer = Buffer.alloc(READ_CHUNK);
  private readonly splitter: LineSplitter;
  private batch: SourceLine[] = [];
  private counts = {
    bytesRead: 0,
    linesRead: 0,
    opens: 0,
    rotations: 0,
    truncations: 0,
    partialLinesDropped: 0,
  };

  constructor(private readonly options: FollowFileOptions) {
    this.splitter = new LineSplitter(
      (line) => this.batch.push(line),
      options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    );
  }

  /** Starts following; resolves once the first check is done (the start offset is fixed). */
  start(): Promise<void> {
    return this.enqueue(true);
  }

  /** Runs one check now, after any in progress (tests; the poll keeps running). */
  poll(): Promise<void> {
    return this.enqueue(false);
  }

  stats(): FollowFileStats {
    return { ...this.counts };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.closeHandle();
  }

  /** Passes run one at a time: a poll never overlaps the timer's. */
  private enqueue(reschedule: boolean): Promise<void> {
    this.running = this.running.then(() => (this.closed ? undefined : this.pass(reschedule)));
    return this.running;
  }

  private async pass(reschedule: boolean): Promise<void> {
    let more = false;
    try {
      more = await this.check();
      this.lastError = null;
    } catch (err) {
      this.report(asError(err));
    } finally {
      this.deliver();
    }
    if (reschedule && !this.closed) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(
        () => {
          this.timer = null;
          void this.enqueue(true);
        },
        more ? 0 : (this.options.pollIntervalMs ?? 250),
      );
      this.timer.unref();
    }
  }

  /** One check of the path; true when there is more to read right away. */
  private async check(): Promise<boolean> {
    const st = await stat(this.options.path, { bigint: false }).catch((err: unknown) => {
      if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return null;
      throw err;
    });
    if (this.handle !== null && (st === null || st.ino !== this.ino || st.dev !== this.dev)) {
      // Rotated or deleted: finish the old file, then let go of it.
      while (await this.readSome()) {
        /* drain */
      }
      this.splitter.flush();
      await this.closeHandle();
      this.counts.rotations++;
    }
    if (st === null) {
      this.first = false; // a file that appears later is new: read it whole
      return false;
    }
    if (this.handle === null) await this.openAt(st.size);
    else if (st.size < this.offset) {
      this.counts.truncations++;
      if (this.splitter.discard()) this.counts.partialLinesDropped++;
      this.offset = 0;
      this.skipPartial = false;
    }
    if (st.size <= this.offset) return false;
    return this.readSome();
  }

  /** Set when reading starts mid-line: bytes up to the next newline are skipped. */
  private skipPartial = false;

  private async openAt(size: number): Promise<void> {
    const handle = await open(this.options.path, 'r');
    const st = await handle.stat();
    this.handle = handle;
    this.ino = st.ino;
    this.dev = st.dev;
    this.counts.opens++;
    const atEnd = this.first && this.options.fromStart !== true;
    this.first = false;
    this.offset = atEnd ? Math.min(size, st.size) : 0;
    if (this.offset > 0) {
      // Started mid-line: skip to the next line start.
      const { bytesRead } = await handle.read(this.buffer, 0, 1, this.offset - 1);
      if (bytesRead === 1 && this.buffer[0] !== 0x0a) this.skipPartial = true;
    }
  }

  /** Reads up to the pass budget; true when it stopped before end of file. */
  private async readSome(): Promise<boolean> {
    const handle = this.handle;
    if (handle === null) return false;
    let budget = PASS_BUDGET;
    while (budget > 0) {
      const { bytesRead } = await handle.read(this.buffer, 0, READ_CHUNK, this.offset);
      if (bytesRead === 0) return false;
      this.offset += bytesRead;
      this.counts.bytesRead += bytesRead;
      budget -= bytesRead;
      let chunk = this.buffer.subarray(0, bytesRead);
      if (this.skipPartial) {
        const nl = chunk.indexOf(0x0a);
        if (nl === -1) continue;
        this.skipPartial = false;
        chunk = chunk.subarray(nl + 1);
      }
      this.splitter.push(chunk);
    }
    return true;
  }

  private deliver(): void {
    if (this.batch.length === 0) return;
    const lines = this.batch;
    this.batch = [];
    this.counts.linesRead += lines.length;
    for (let i = 0; i < lines.length; i += MAX_BATCH_LINES) {
      try {
        this.options.onLines(lines.slice(i, i + MAX_BATCH_LINES));
      } catch (err) {
        this.report(asError(err));
      }
    }
  }

  private report(err: Error): void {
    if (err.message === this.lastError) return;
    this.lastError = err.message;
    this.options.onError?.(err);
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.skipPartial = false;
    if (handle !== null) await handle.close().catch(() => undefined);
  }
}
