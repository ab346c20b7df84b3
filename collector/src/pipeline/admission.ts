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
 * The entries of one accept() call: empty tables dropped, each with a JSON
 * size estimate (UTF-16 code units of JSON.stringify, which also rejects
 * rows that cannot be serialised, e.g. a BigInt, before anything is kept).
 */
export function toEntries(batch: ReadonlyMap<string, readonly Row[]>): Entry[] {
  const entries: Entry[] = [];
  for (const [table, rows] of batch) {
    if (rows.length === 0) continue;
    entries.push({ table, rows, bytes: JSON.stringify(rows).length });
  }
  return entries;
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
