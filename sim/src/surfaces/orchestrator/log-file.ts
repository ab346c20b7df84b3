import { appendFile, rename, writeFile } from 'node:fs/promises';

/**
 * An append-only log file written in batches: lines are buffered and each
 * `flush()` appends them with one write, so a busy simulation does not
 * issue one syscall per line. Writes are serialised. `rotate()` behaves like
 * logrotate's `create` mode: the file is renamed to `<path>.1` (replacing an
 * older one) and a new empty file is created at `<path>`.
 */
export class BufferedLogFile {
  private buffer: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** The last write error, if any (writes never throw into the simulation). */
  lastError: Error | null = null;

  constructor(readonly path: string) {}

  /** Queues complete lines (without trailing newlines). */
  append(lines: readonly string[]): void {
    if (this.closed) return;
    for (const line of lines) this.buffer.push(line);
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Appends everything queued so far; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.buffer.length > 0) {
      const text = `${this.buffer.join('\n')}\n`;
      this.buffer = [];
      this.enqueue(() => appendFile(this.path, text));
    }
    return this.chain;
  }

  /** Flushes, then moves the file to `<path>.1` and starts a new empty one. */
  rotate(): Promise<void> {
    void this.flush();
    this.enqueue(async () => {
      await rename(this.path, `${this.path}.1`).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      });
      await writeFile(this.path, '', { flag: 'wx' });
    });
    return this.chain;
  }

  /** Flushes and stops accepting lines. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private enqueue(op: () => Promise<void>): void {
    this.chain = this.chain.then(op).catch((err: unknown) => {
      this.lastError = err instanceof Error ? err : new Error(String(err));
    });
  }
}
