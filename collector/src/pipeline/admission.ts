import type { Entry } from './batcher.js';
import { BackpressureError, BatchTooLargeError } from './errors.js';
import type { Row } from './types.js';

export interface AdmissionState {
  readonly maxPendingRows: number;
  readonly maxPendingBytes: number;
  readonly heldRows: number;
  readonly heldBytes: number;
  /** Where new rows will go to disk: the spool's bytes and bound; null when they go to storage. */
  readonly spool: { readonly bytes: number; readonly maxBytes: number } | null;
  readonly retryAfterMs: number;
}

/**
 * The entries of one accept() call: empty tables dropped, each with its size:
 * the length of text rows, a JSON size estimate for object rows. Object rows
 * of one call share their shape (one request), so the estimate serialises a
 * few of them and scales; it also rejects rows that cannot be serialised (a
 * BigInt) among those sampled.
 */
export function toEntries(batch: ReadonlyMap<string, readonly Row[]>): Entry[] {
  const entries: Entry[] = [];
  for (const [table, rows] of batch) {
    if (rows.length === 0) continue;
    entries.push({ table, rows, bytes: estimateBytes(rows) });
  }
  return entries;
}

const SAMPLE = 8;

function estimateBytes(rows: readonly Row[]): number {
  if (typeof rows[0] === 'string') return textBytes(rows);
  if (rows.length <= SAMPLE) return JSON.stringify(rows).length;
  const step = Math.floor(rows.length / SAMPLE);
  let sampled = 0;
  for (let i = 0; i < SAMPLE; i++) sampled += JSON.stringify(rows[i * step]).length + 1;
  return Math.ceil((sampled / SAMPLE) * rows.length) + 1;
}

/** The length of text rows (a stray object row counted as JSON). */
function textBytes(rows: readonly Row[]): number {
  let bytes = 0;
  for (const row of rows)
    bytes += typeof row === 'string' ? row.length : JSON.stringify(row).length;
  return bytes;
}

/** Why a call of this size must be refused now, or null to admit it. */
export function refusal(rows: number, bytes: number, state: AdmissionState): Error | null {
  if (rows > state.maxPendingRows)
    return new BatchTooLargeError('rows', rows, state.maxPendingRows);
  if (bytes > state.maxPendingBytes) {
    return new BatchTooLargeError('bytes', bytes, state.maxPendingBytes);
  }
  const retryAfter = state.retryAfterMs / 1000;
  if (
    state.heldRows + rows > state.maxPendingRows ||
    state.heldBytes + bytes > state.maxPendingBytes
  ) {
    return new BackpressureError(
      'memory',
      retryAfter,
      `pipeline full: ${state.heldRows} rows (${state.heldBytes} bytes) pending`,
    );
  }
  const { spool } = state;
  if (spool !== null && spool.bytes + state.heldBytes + bytes > spool.maxBytes) {
    return new BackpressureError(
      'spool',
      retryAfter,
      `spool full: ${spool.bytes} of ${spool.maxBytes} bytes used while storage is unavailable`,
    );
  }
  return null;
}
