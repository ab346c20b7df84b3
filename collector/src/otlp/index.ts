/**
 * OTLP/HTTP bodies for the collector: decoders of ExportMetricsServiceRequest
 * and ExportLogsServiceRequest (binary protobuf and OTLP/JSON) into the model
 * of `model.ts`, and encoders of the responses (partial success, google.rpc.Status).
 */
export { decodeMetricsProtobuf } from './proto-metrics.js';
export { decodeLogsProtobuf } from './proto-logs.js';
export { decodeMetricsJson } from './json-metrics.js';
export { decodeLogsJson } from './json-logs.js';
export { encodeLogsResponse, encodeMetricsResponse, encodeStatus } from './response.js';
export type { LogsResponse, MetricsResponse, OtlpEncoding } from './response.js';
export { countDataPoints, countLogRecords, DecodeError, DEFAULT_DECODE_LIMITS } from './model.js';
export type * from './model.js';
