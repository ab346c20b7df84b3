/**
 * The collector's batching and durability layer: per-table row batches into
 * storage (one INSERT per batch), backpressure, and an on-disk spool while
 * storage is unreachable. See README.md for the guarantees.
 */
export { IngestPipeline } from './pipeline.js';
export { LogPipeline } from './log/log-pipeline.js';
export type { InsertFileFn, LogPipelineOptions } from './log/options.js';
export {
  BackpressureError,
  BatchTooLargeError,
  PipelineStateError,
  SpoolLockedError,
  StorageError,
} from './errors.js';
export type {
  InsertBatch,
  InsertFn,
  Pipeline,
  PipelineLogger,
  PipelineOptions,
  PipelineStats,
  Row,
  SpoolOptions,
} from './types.js';
