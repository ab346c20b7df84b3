/** Longest line accepted from nvidia-smi; real `--query-gpu` rows of all ~240 fields are ~3 KB. */
export const MAX_LINE_CHARS = 65_536;

/** Receives what a LineSplitter cuts out of a stream. */
export interface LineSink {
  /** A complete line, without its `\n` (a trailing `\r` is removed too). */
  line(text: string): void;
  /** A line longer than the cap was dropped (counted once per line). */
  oversize(): void;
}

/**
 * Cuts a text stream into lines with bounded memory: a line longer than
 * `maxChars` is discarded up to its newline rather than buffered.
 */
export class LineSplitter {
  private buffer = '';
  private discarding = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxChars: number = MAX_LINE_CHARS,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.complete(chunk.slice(start, nl));
      start = nl + 1;
    }
    this.hold(start === 0 ? chunk : chunk.slice(start));
  }

  /**
   * Ends the stream; returns the unterminated last fragment (a truncated
   * line), or undefined when the stream ended on a newline. An oversize
   * fragment is reported as oversize instead.
   */
  end(): string | undefined {
    const rest = this.buffer;
    const wasDiscarding = this.discarding;
    this.buffer = '';
    this.discarding = false;
    if (wasDiscarding) {
      this.sink.oversize();
      return undefined;
    }
    return rest === '' ? undefined : stripCr(rest);
  }

  private complete(piece: string): void {
    if (this.discarding || this.buffer.length + piece.length > this.maxChars) {
      this.buffer = '';
      this.discarding = false;
      this.sink.oversize();
      return;
    }
    const text = this.buffer + piece;
    this.buffer = '';
    this.sink.line(stripCr(text));
  }

  private hold(rest: string): void {
    if (this.discarding || rest === '') return;
    if (this.buffer.length + rest.length > this.maxChars) {
      this.buffer = '';
      this.discarding = true;
      return;
    }
    this.buffer += rest;
  }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** Splits a whole text (a file, a one-shot command's output) into capped lines. */
export function splitLines(
  text: string,
  maxChars: number = MAX_LINE_CHARS,
): { lines: string[]; oversize: number } {
  const lines: string[] = [];
  let oversize = 0;
  const splitter = new LineSplitter(
    {
      line: (l) => {
        lines.push(l);
      },
      oversize: () => {
        oversize++;
      },
    },
    maxChars,
  );
  splitter.push(text);
  const last = splitter.end();
  if (last !== undefined) lines.push(last);
  return { lines, oversize };
}
