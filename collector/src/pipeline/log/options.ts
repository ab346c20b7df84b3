import type { PipelineLogger } from '../types.js';
import type { InsertFn } from '../types.js';

/**
 * Inserts the first `bytes` bytes of a log segment (TabSeparated rows) into
 * one table; throws when storage fails. `id` (the segment's name) is the same
 * on every attempt, also after a restart.
 */
export type InsertFileFn = (
  table: string,
  file: { readonly path: string; readonly bytes: number; readonly id: string },
) => Promise<void>;

export interface LogPipelineOptions {
  /** Directory of the log (and of spool records the batching mode left); one process at a time. */
  readonly dir: string;
  /** Bytes the log may hold (written, not yet inserted); beyond it ingest is refused. */
  readonly maxLogBytes: number;
  readonly insertFile: InsertFileFn;
  /** For spool records the batching mode left in `dir`. */
  readonly insert: InsertFn;
  /** Rows per segment (one INSERT) at most. Default 50 000. */
  readonly maxBatchRows?: number;
  /** A row waits at most this long before its segment is sealed for its INSERT. Default 1 000 ms. */
  readonly maxBatchDelayMs?: number;
  /** Rows waiting for the disk (accepted, not yet written) at most. Default 200 000. */
  readonly maxPendingRows?: number;
  /** Bytes waiting for the disk at most. Default 256 MiB. */
  readonly maxPendingBytes?: number;
  /** First delay between INSERT attempts while storage fails; doubles up to maxRetryDelayMs. Default 500 ms. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Whether an INSERT error can never succeed on retry; such a segment is set aside (`*.rejected`). */
  readonly isPermanentError?: (error: unknown) => boolean;
  readonly now?: () => number;
  readonly logger?: PipelineLogger;
}

export interface ResolvedLog {
  readonly dir: string;
  readonly maxLogBytes: number;
  readonly insertFile: InsertFileFn;
  readonly insert: InsertFn;
  readonly maxBatchRows: number;
  readonly maxBatchDelayMs: number;
  readonly maxPendingRows: number;
  readonly maxPendingBytes: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly isPermanentError: (error: unknown) => boolean;
  readonly now: () => number;
  readonly logger: PipelineLogger;
}

const SILENT: PipelineLogger = { warn() {}, error() {}, info() {} };

/** Applies the defaults; throws RangeError for a bound that is not positive. */
export function resolveLogOptions(o: LogPipelineOptions): ResolvedLog {
  const retryDelayMs = positive(o.retryDelayMs ?? 500, 'retryDelayMs');
  return {
    dir: o.dir,
    maxLogBytes: positive(o.maxLogBytes, 'maxLogBytes'),
    insertFile: o.insertFile,
    insert: o.insert,
    maxBatchRows: positive(o.maxBatchRows ?? 50_000, 'maxBatchRows'),
    maxBatchDelayMs: positive(o.maxBatchDelayMs ?? 1_000, 'maxBatchDelayMs'),
    maxPendingRows: positive(o.maxPendingRows ?? 200_000, 'maxPendingRows'),
    maxPendingBytes: positive(o.maxPendingBytes ?? 256 * 1024 * 1024, 'maxPendingBytes'),
    retryDelayMs,
    maxRetryDelayMs: Math.max(retryDelayMs, o.maxRetryDelayMs ?? 30_000),
    isPermanentError: o.isPermanentError ?? (() => false),
    now: o.now ?? Date.now,
    logger: o.logger ?? SILENT,
  };
}

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${name} must be a positive number`);
  return value;
}
