import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SpoolFullError } from './errors.js';
import { hasCode, syncDir, writeNewFile } from './fs-durable.js';
import { decodeRecord, encodeRecord } from './record.js';
import type { Decoded, SpoolRecord } from './record.js';
import { lockSpool } from './spool-lock.js';

/** One record file of the spool. */
export interface SpoolEntry {
  readonly seq: number;
  readonly name: string;
  readonly bytes: number;
}

const RECORD = /^(\d{16})\.rec$/;
const ANY_RECORD = /^(\d{16})\.rec(?:\.[a-z]+)?$/;

/**
 * The on-disk spool: a directory of record files named by a sequence number
 * (`0000000000000042.rec`), replayed in that order. One file per batch: an
 * append writes every file of the call, fsyncs each, then fsyncs the
 * directory, and only then counts them (so a caller's ack follows fsync).
 * A record is deleted (and the deletion fsynced) only after its INSERT
 * succeeded. Records that do not decode are renamed `*.rec.corrupt` and
 * skipped; the bound (maxBytes) refuses appends and never deletes data.
 */
export class Spool {
  /** Appends in progress: records that will appear once their fsyncs return. */
  inFlight = 0;
  private entries: SpoolEntry[] = [];
  private first = 0;
  private totalBytes = 0;
  private reservedBytes = 0;
  private nextSeq = 1;
  private writing: Promise<unknown> = Promise.resolve();
  private unlock: (() => Promise<void>) | null = null;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** Locks the directory and indexes the records a previous process left. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.unlock = await lockSpool(this.dir);
    const names = await readdir(this.dir);
    for (const name of names) {
      const seq = Number(ANY_RECORD.exec(name)?.[1] ?? 0);
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
    }
    const found = await Promise.all(names.filter((n) => RECORD.test(n)).map((n) => this.index(n)));
    this.entries = found.sort((a, b) => a.seq - b.seq);
    this.totalBytes = this.entries.reduce((sum, e) => sum + e.bytes, 0);
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get files(): number {
    return this.entries.length - this.first;
  }

  /** The oldest record, the next to replay. */
  head(): SpoolEntry | undefined {
    return this.entries[this.first];
  }

  /**
   * Writes the records (in order) durably, all or none. Throws SpoolFullError
   * when they would exceed the bound, or the file system's error.
   */
  append(records: readonly SpoolRecord[]): Promise<void> {
    this.inFlight += 1;
    const done = this.writing.then(() => this.write(records));
    this.writing = done.catch(() => undefined);
    return done.finally(() => {
      this.inFlight -= 1;
    });
  }

  /** Reads and checks a record; a missing or damaged file decodes to an error. */
  async read(entry: SpoolEntry): Promise<Decoded> {
    try {
      return decodeRecord(await readFile(this.path(entry.name)));
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return { ok: false, error: 'file vanished' };
      throw error;
    }
  }

  /** Deletes the head record (its rows are in storage). */
  async remove(entry: SpoolEntry): Promise<void> {
    this.checkHead(entry);
    await unlink(this.path(entry.name)).catch((error: unknown) => {
      if (!hasCode(error, 'ENOENT')) throw error;
    });
    await syncDir(this.dir);
    this.advance(entry);
  }

  /** Moves the head record aside as `<name>.<reason>`; it is no longer replayed or counted. */
  async quarantine(entry: SpoolEntry, reason: 'corrupt' | 'rejected'): Promise<void> {
    this.checkHead(entry);
    await rename(this.path(entry.name), this.path(`${entry.name}.${reason}`)).catch(
      (error: unknown) => {
        if (!hasCode(error, 'ENOENT')) throw error;
      },
    );
    await syncDir(this.dir);
    this.advance(entry);
  }

  /** Releases the directory lock; records stay for the next process. */
  async close(): Promise<void> {
    await this.writing;
    await this.unlock?.();
    this.unlock = null;
  }

  private async write(records: readonly SpoolRecord[]): Promise<void> {
    const buffers = records.map(encodeRecord);
    const size = buffers.reduce((sum, b) => sum + b.length, 0);
    if (this.totalBytes + this.reservedBytes + size > this.maxBytes) {
      throw new SpoolFullError(this.totalBytes + this.reservedBytes + size, this.maxBytes);
    }
    const entries = buffers.map((b) => this.newEntry(b.length));
    this.reservedBytes += size;
    try {
      await this.writeAll(entries, buffers);
    } finally {
      this.reservedBytes -= size;
    }
    this.entries.push(...entries);
    this.totalBytes += size;
  }

  private async writeAll(
    entries: readonly SpoolEntry[],
    buffers: readonly Buffer[],
  ): Promise<void> {
    const writes = entries.map((e, i) =>
      writeNewFile(this.path(e.name), buffers[i] ?? Buffer.alloc(0)),
    );
    const results = await Promise.allSettled(writes);
    const failed = results.find((r) => r.status === 'rejected');
    try {
      if (failed !== undefined) throw failed.reason;
      await syncDir(this.dir);
    } catch (error) {
      await Promise.all(entries.map((e) => unlink(this.path(e.name)).catch(() => undefined)));
      throw error;
    }
  }

  private newEntry(bytes: number): SpoolEntry {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return { seq, name: `${String(seq).padStart(16, '0')}.rec`, bytes };
  }

  private async index(name: string): Promise<SpoolEntry> {
    const { size } = await stat(this.path(name));
    return { seq: Number(RECORD.exec(name)?.[1]), name, bytes: size };
  }

  private checkHead(entry: SpoolEntry): void {
    if (this.head() !== entry) throw new Error(`spool record ${entry.name} is not the head`);
  }

  private advance(entry: SpoolEntry): void {
    this.first += 1;
    this.totalBytes -= entry.bytes;
    if (this.first > 1024 && this.first * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.first);
      this.first = 0;
    }
  }

  private path(name: string): string {
    return join(this.dir, name);
  }
}
