/** One line from a source: decoded text, and whether it was cut at the length bound. */
export interface SourceLine {
  readonly text: string;
  readonly truncated: boolean;
}

/** Default bound of one line: longer lines keep their first 64 KiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/**
 * Splits a byte stream into lines on `\n` (a trailing `\r` is dropped), bytes
 * first, so a UTF-8 sequence is never split across chunks; each line is then
 * decoded with replacement characters for invalid UTF-8. A line longer than
 * `maxLineBytes` keeps its head and is flagged truncated; memory stays bounded
 * whatever the input (a gigabyte without a newline included).
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private overflow = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(
    private readonly emit: (line: SourceLine) => void,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Bytes held for an unfinished line. */
  get pendingBytes(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      this.append(chunk.subarray(start, end));
      if (nl === -1) return;
      this.emitLine();
      start = nl + 1;
    }
  }

  /** Emits an unfinished last line (its file was rotated away or the command exited). */
  flush(): void {
    if (this.size > 0 || this.overflow) this.emitLine();
  }

  /** Drops an unfinished line (its file was truncated); says whether there was one. */
  discard(): boolean {
    const had = this.size > 0 || this.overflow;
    this.reset();
    return had;
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0 || this.overflow) return;
    const room = this.maxLineBytes - this.size;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (bytes.length > room) this.overflow = true;
    if (kept.length === 0) return;
    this.parts.push(Buffer.from(kept)); // a copy: callers reuse their read buffers
    this.size += kept.length;
  }

  private emitLine(): void {
    let bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    if (bytes !== undefined && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) {
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    const text = bytes === undefined ? '' : this.decoder.decode(bytes);
    const truncated = this.overflow;
    this.reset();
    this.emit({ text, truncated });
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
    this.overflow = false;
  }
}
