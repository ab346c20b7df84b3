import type { InsertFn, PipelineLogger, PipelineOptions, SpoolOptions } from './types.js';

/** PipelineOptions with every default applied and checked. */
export interface Resolved {
  readonly insert: InsertFn;
  readonly maxBatchRows: number;
  readonly maxBatchDelayMs: number;
  readonly maxPendingRows: number;
  readonly maxPendingBytes: number;
  readonly spool: SpoolOptions | null;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly isPermanentError: (error: unknown) => boolean;
  readonly now: () => number;
  readonly logger: PipelineLogger;
}

const SILENT: PipelineLogger = { warn() {}, error() {}, info() {} };

/** The settings both pipelines share (batching mode and write-ahead log mode). */
type CommonKey =
  | 'maxBatchDelayMs'
  | 'maxPendingRows'
  | 'maxPendingBytes'
  | 'retryDelayMs'
  | 'maxRetryDelayMs'
  | 'isPermanentError'
  | 'now'
  | 'logger';
export type CommonOptions = Pick<PipelineOptions, CommonKey>;
export type ResolvedCommon = Pick<Resolved, CommonKey>;

/** Defaults and checks of the shared settings. */
export function resolveCommon(options: CommonOptions): ResolvedCommon {
  const retryDelayMs = positive(options.retryDelayMs ?? 500, 'retryDelayMs');
  return {
    maxBatchDelayMs: positive(options.maxBatchDelayMs ?? 1_000, 'maxBatchDelayMs'),
    maxPendingRows: positiveInt(options.maxPendingRows ?? 200_000, 'maxPendingRows'),
    maxPendingBytes: positive(options.maxPendingBytes ?? 256 * 1024 * 1024, 'maxPendingBytes'),
    retryDelayMs,
    maxRetryDelayMs: Math.max(retryDelayMs, options.maxRetryDelayMs ?? 30_000),
    isPermanentError: options.isPermanentError ?? (() => false),
    now: options.now ?? Date.now,
    logger: options.logger ?? SILENT,
  };
}

/** Applies the defaults; throws RangeError for a limit that is not positive. */
export function resolveOptions(options: PipelineOptions): Resolved {
  const common = resolveCommon(options);
  const spool = options.spool ?? null;
  if (spool !== null) positive(spool.maxBytes, 'spool.maxBytes');
  return {
    ...common,
    insert: options.insert,
    maxBatchRows: positiveInt(options.maxBatchRows ?? 10_000, 'maxBatchRows'),
    spool,
  };
}

export function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number`);
  }
  return value;
}

export function positiveInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer`);
  return positive(value, name);
}
