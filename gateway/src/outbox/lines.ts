import { validateTestloadJob, type TestloadJobRecord } from '@naap/otel';

/** A line longer than this is not a job record (records are a few KiB at most). */
export const MAX_LINE_BYTES = 1 << 20;

const NEWLINE = 0x0a;

/** One complete line of the file: where it ends and the record it holds (null: not a record). */
export interface OutboxLine {
  /** Offset just past its newline. */
  readonly end: number;
  readonly record: TestloadJobRecord | null;
  /** Why it is not a record. */
  readonly problem: string | null;
}

/** A job record from one line of the file, or why it is not one. */
export function parseRecordLine(
  text: string,
): { ok: true; record: TestloadJobRecord } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const checked = validateTestloadJob(value);
  return checked.ok
    ? { ok: true, record: checked.value }
    : { ok: false, problem: checked.errors.slice(0, 3).join('; ') };
}

/**
 * The complete lines of `chunk` (read at file offset `base`), at most
 * `maxLines`. Bytes after the last newline are left for later: a line being
 * written, or a torn one the outbox repairs when it opens the file.
 */
export function completeLines(chunk: Buffer, base: number, maxLines: number): OutboxLine[] {
  const lines: OutboxLine[] = [];
  let start = 0;
  while (lines.length < maxLines) {
    const nl = chunk.indexOf(NEWLINE, start);
    if (nl < 0) break;
    const text = chunk.toString('utf8', start, nl);
    const parsed = parseRecordLine(text);
    lines.push({
      end: base + nl + 1,
      record: parsed.ok ? parsed.record : null,
      problem: parsed.ok ? null : parsed.problem,
    });
    start = nl + 1;
  }
  return lines;
}

/** Counts newlines in `chunk` up to `limit` of them; returns the count and the offset after the last. */
export function countNewlines(
  chunk: Buffer,
  limit: number,
): { readonly count: number; readonly after: number } {
  let count = 0;
  let after = 0;
  let at = chunk.indexOf(NEWLINE);
  while (at >= 0 && count < limit) {
    count++;
    after = at + 1;
    at = chunk.indexOf(NEWLINE, after);
  }
  return { count, after };
}
