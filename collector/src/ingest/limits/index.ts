/**
 * Per-token ingest limits, applied to decoded OTLP requests before they are
 * mapped to rows: attributes per point and attribute lengths, a series
 * budget per token over a sliding window, and an ingest rate per token.
 */
export { IngestLimiter, IngestRateError, type Limited } from './limiter.js';
export type { IngestLimitOptions } from './options.js';
export { mergeRefusals } from './merge.js';
