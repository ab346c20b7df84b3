import {
  positive,
  positiveInt,
  resolveCommon,
  type CommonOptions,
  type ResolvedCommon,
} from '../options.js';
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

/** Options of LogPipeline; the shared ones mean what they mean for IngestPipeline. */
export interface LogPipelineOptions extends CommonOptions {
  /** Directory of the log (and of spool records the batching mode left); one process at a time. */
  readonly dir: string;
  /** Bytes the log may hold (written, not yet inserted); beyond it ingest is refused. */
  readonly maxLogBytes: number;
  readonly insertFile: InsertFileFn;
  /** For spool records the batching mode left in `dir`. */
  readonly insert: InsertFn;
  /** Rows per segment (one INSERT) at most. Default 50 000. */
  readonly maxBatchRows?: number;
}

export interface ResolvedLog extends ResolvedCommon {
  readonly dir: string;
  readonly maxLogBytes: number;
  readonly insertFile: InsertFileFn;
  readonly insert: InsertFn;
  readonly maxBatchRows: number;
}

/** Applies the defaults; throws RangeError for a bound that is not positive. */
export function resolveLogOptions(o: LogPipelineOptions): ResolvedLog {
  return {
    ...resolveCommon(o),
    dir: o.dir,
    maxLogBytes: positive(o.maxLogBytes, 'maxLogBytes'),
    insertFile: o.insertFile,
    insert: o.insert,
    maxBatchRows: positiveInt(o.maxBatchRows ?? 50_000, 'maxBatchRows'),
  };
}
