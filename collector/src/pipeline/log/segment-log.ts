import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hasCode, syncDir } from '../fs-durable.js';

/**
 * One file of the write-ahead log: rows of one table, newline-terminated
 * lines in the table's insert format (TabSeparated), appended in order of
 * acceptance. `bytes` counts only what was written and fsynced: a file may be
 * longer after a failed write, and an INSERT reads exactly `bytes` of it.
 */
export interface Segment {
  readonly seq: number;
  readonly table: string;
  readonly name: string;
  readonly openedAt: number;
  /** Left by an earlier process (found at start). */
  readonly recovered: boolean;
  rows: number;
  bytes: number;
  handle: FileHandle | null;
}

/** Rows of one table to append, already joined. */
export interface Append {
  readonly text: string;
  readonly rows: number;
}

const SEGMENT = /^(\d{16})\.([A-Za-z0-9_]{1,200})\.[0-9a-f]{16}\.tsv$/;
const TABLE = /^[A-Za-z0-9_]{1,200}$/;

/** Whether `table` can name log segments (it becomes part of a file name). */
export const isLogTable = (table: string): boolean => TABLE.test(table);
const CHUNK_BYTES = 1 << 20;

/**
 * The directory of log segments (`0000000000000042.otel_metrics_gauge.<16 hex>.tsv`).
 * Each table has at most one open segment that appends go to; a sealed one
 * waits for its INSERT, oldest first per table, and is deleted (the deletion
 * fsynced) once the INSERT succeeded. Appends write every table's text, then
 * fdatasync each file (and the directory when a file is new): only then are
 * the rows counted, and only then may the caller acknowledge them.
 */
export class SegmentLog {
  private readonly open = new Map<string, Segment>();
  private readonly sealed = new Map<string, Segment[]>();
  private nextSeq = 1;
  private totalBytes = 0;
  private totalRows = 0;
  private segmentCount = 0;

  constructor(readonly dir: string) {}

  /** Indexes the segments an earlier process left: all sealed, tails cut to the last whole row. */
  async recover(now: number): Promise<void> {
    const names = await readdir(this.dir);
    const found: Segment[] = [];
    for (const name of names) {
      const m = SEGMENT.exec(name);
      if (m === null) continue;
      const seq = Number(m[1]);
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
      const { bytes, rows } = await scanRows(join(this.dir, name));
      if (bytes === 0) {
        await unlink(join(this.dir, name)).catch(() => undefined);
        continue;
      }
      const table = m[2] ?? '';
      found.push({ seq, table, name, openedAt: now, recovered: true, rows, bytes, handle: null });
    }
    for (const seg of found.sort((a, b) => a.seq - b.seq)) this.pushSealed(seg);
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Rows in the log, not yet inserted. */
  get rows(): number {
    return this.totalRows;
  }

  get files(): number {
    return this.segmentCount;
  }

  /** Tables with sealed segments waiting. */
  tablesWaiting(): string[] {
    return [...this.sealed.entries()].filter(([, q]) => q.length > 0).map(([t]) => t);
  }

  head(table: string): Segment | undefined {
    return this.sealed.get(table)?.[0];
  }

  /** Open segments, oldest first. */
  openSegments(): Segment[] {
    return [...this.open.values()].sort((a, b) => a.seq - b.seq);
  }

  /**
   * Writes and fsyncs every table's text; all counted, or (on error) none. A
   * table's open segment that would pass `maxRows` is sealed first, so a
   * segment holds at most maxRows rows unless one append alone brings more.
   */
  async append(batch: ReadonlyMap<string, Append>, now: number, maxRows: number): Promise<void> {
    let created = false;
    const targets: { seg: Segment; append: Append; from: number }[] = [];
    for (const [table, append] of batch) {
      let seg = this.open.get(table);
      if (seg !== undefined && seg.rows > 0 && seg.rows + append.rows > maxRows) {
        await this.seal(seg);
        seg = undefined;
      }
      if (seg === undefined) {
        seg = await this.create(table, now);
        created = true;
      }
      targets.push({ seg, append, from: seg.bytes });
    }
    const written = await Promise.allSettled(
      targets.map(async ({ seg, append, from }) => {
        const data = Buffer.from(append.text, 'utf8');
        await writeFully(handleOf(seg), data, from);
        await handleOf(seg).datasync();
        return data.length;
      }),
    );
    const failed = written.find((r) => r.status === 'rejected');
    if (failed === undefined && created) await syncDir(this.dir);
    if (failed !== undefined) {
      // Nothing of this batch counts; a torn or partial write is never read back
      // (INSERTs read `bytes`), and the segment takes no more appends.
      for (const { seg } of targets) await this.seal(seg);
      throw failed.reason;
    }
    targets.forEach(({ seg, append }, i) => {
      const r = written[i];
      const n = r?.status === 'fulfilled' ? r.value : 0;
      seg.bytes += n;
      seg.rows += append.rows;
      this.totalBytes += n;
      this.totalRows += append.rows;
    });
  }

  /** Closes the table's open segment: it takes no more rows and waits for its INSERT. */
  async seal(seg: Segment): Promise<void> {
    if (this.open.get(seg.table) !== seg) return;
    this.open.delete(seg.table);
    const { handle } = seg;
    seg.handle = null;
    await handle?.close().catch(() => undefined);
    if (seg.bytes === 0) {
      await this.drop(seg);
      return;
    }
    this.pushSealed(seg);
  }

  path(seg: Segment): string {
    return join(this.dir, seg.name);
  }

  /** The head segment's rows are in storage: delete it. */
  async remove(seg: Segment): Promise<void> {
    this.shift(seg);
    await this.drop(seg);
  }

  /** Moves the head segment aside as `<name>.rejected`; never inserted or counted again. */
  async quarantine(seg: Segment): Promise<void> {
    this.shift(seg);
    this.segmentCount -= 1;
    await rename(this.path(seg), `${this.path(seg)}.rejected`).catch((error: unknown) => {
      if (!hasCode(error, 'ENOENT')) throw error;
    });
    await syncDir(this.dir);
  }

  private async create(table: string, now: number): Promise<Segment> {
    if (!TABLE.test(table))
      throw new TypeError(`not a table name for the log: ${JSON.stringify(table)}`);
    const seq = this.nextSeq;
    this.nextSeq += 1;
    // The name is the INSERT's deduplication token: the random part keeps it
    // unique across collectors writing to one server and across spool resets.
    const name = `${String(seq).padStart(16, '0')}.${table}.${randomBytes(8).toString('hex')}.tsv`;
    const handle = await open(join(this.dir, name), 'wx');
    const seg: Segment = {
      seq,
      table,
      name,
      openedAt: now,
      recovered: false,
      rows: 0,
      bytes: 0,
      handle,
    };
    this.open.set(table, seg);
    this.segmentCount += 1;
    return seg;
  }

  private pushSealed(seg: Segment): void {
    const queue = this.sealed.get(seg.table);
    if (queue === undefined) this.sealed.set(seg.table, [seg]);
    else queue.push(seg);
    if (seg.recovered) {
      this.segmentCount += 1;
      this.totalBytes += seg.bytes;
      this.totalRows += seg.rows;
    }
  }

  private shift(seg: Segment): void {
    const queue = this.sealed.get(seg.table);
    if (queue?.[0] !== seg) throw new Error(`log segment ${seg.name} is not the head`);
    queue.shift();
    this.totalBytes -= seg.bytes;
    this.totalRows -= seg.rows;
  }

  private async drop(seg: Segment): Promise<void> {
    this.segmentCount -= 1;
    await unlink(this.path(seg)).catch((error: unknown) => {
      if (!hasCode(error, 'ENOENT')) throw error;
    });
    await syncDir(this.dir);
  }
}

function handleOf(seg: Segment): FileHandle {
  if (seg.handle === null) throw new Error(`log segment ${seg.name} is sealed`);
  return seg.handle;
}

async function writeFully(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw new Error('log write made no progress');
    done += bytesWritten;
  }
}

/** Whole rows of a segment file: its length up to the last newline (a crash may leave half a row) and their count. */
async function scanRows(path: string): Promise<{ bytes: number; rows: number }> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    let offset = 0;
    let bytes = 0;
    let rows = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) return { bytes, rows };
      for (let i = buf.indexOf(0x0a); i >= 0 && i < bytesRead; i = buf.indexOf(0x0a, i + 1)) {
        rows += 1;
        bytes = offset + i + 1;
      }
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
