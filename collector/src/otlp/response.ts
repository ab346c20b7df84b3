/**
 * OTLP/HTTP response bodies: Export{Metrics,Logs}ServiceResponse with
 * partial_success (collector/{metrics,logs}/v1/*_service.proto) and
 * google.rpc.Status for 4xx/5xx, in binary protobuf or OTLP/JSON.
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export type OtlpEncoding = 'protobuf' | 'json';

export interface MetricsResponse {
  readonly rejectedDataPoints: number;
  /** Why points were rejected; alone (nothing rejected) it is a warning. */
  readonly errorMessage?: string;
}

export interface LogsResponse {
  readonly rejectedLogRecords: number;
  readonly errorMessage?: string;
}

/**
 * ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; },
 * ExportMetricsPartialSuccess { int64 rejected_data_points = 1; string error_message = 2; }.
 * Empty (`{}` / zero bytes) when nothing was rejected and there is no message,
 * as the spec requires of a full success.
 */
export function encodeMetricsResponse(response: MetricsResponse, encoding: 'json'): string;
export function encodeMetricsResponse(response: MetricsResponse, encoding: 'protobuf'): Uint8Array;
export function encodeMetricsResponse(
  response: MetricsResponse,
  encoding: OtlpEncoding,
): string | Uint8Array;
export function encodeMetricsResponse(
  response: MetricsResponse,
  encoding: OtlpEncoding,
): string | Uint8Array {
  const { rejectedDataPoints, errorMessage = '' } = response;
  return encodePartialSuccess('rejectedDataPoints', rejectedDataPoints, errorMessage, encoding);
}

/**
 * ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; },
 * ExportLogsPartialSuccess { int64 rejected_log_records = 1; string error_message = 2; }.
 */
export function encodeLogsResponse(response: LogsResponse, encoding: 'json'): string;
export function encodeLogsResponse(response: LogsResponse, encoding: 'protobuf'): Uint8Array;
export function encodeLogsResponse(
  response: LogsResponse,
  encoding: OtlpEncoding,
): string | Uint8Array;
export function encodeLogsResponse(
  response: LogsResponse,
  encoding: OtlpEncoding,
): string | Uint8Array {
  const { rejectedLogRecords, errorMessage = '' } = response;
  return encodePartialSuccess('rejectedLogRecords', rejectedLogRecords, errorMessage, encoding);
}

/**
 * google.rpc.Status { int32 code = 1; string message = 2; repeated Any details = 3; }
 * for error responses. OTLP does not use `code` (omitted when 0).
 */
export function encodeStatus(message: string, encoding: 'json', code?: number): string;
export function encodeStatus(message: string, encoding: 'protobuf', code?: number): Uint8Array;
export function encodeStatus(
  message: string,
  encoding: OtlpEncoding,
  code?: number,
): string | Uint8Array;
export function encodeStatus(
  message: string,
  encoding: OtlpEncoding,
  code = 0,
): string | Uint8Array {
  checkCount(code, 'code');
  if (encoding === 'json') {
    return JSON.stringify({ ...(code !== 0 && { code }), ...(message !== '' && { message }) });
  }
  const w = new BinaryWriter();
  if (code !== 0) w.tag(1, WireType.Varint).int32(code);
  if (message !== '') w.tag(2, WireType.LengthDelimited).string(message);
  return w.finish();
}

function encodePartialSuccess(
  countName: string,
  rejected: number,
  errorMessage: string,
  encoding: OtlpEncoding,
): string | Uint8Array {
  checkCount(rejected, countName);
  const empty = rejected === 0 && errorMessage === '';
  if (encoding === 'json') {
    // proto3 JSON: int64 as a decimal string; default values omitted.
    const partial = {
      ...(rejected !== 0 && { [countName]: String(rejected) }),
      ...(errorMessage !== '' && { errorMessage }),
    };
    return JSON.stringify(empty ? {} : { partialSuccess: partial });
  }
  if (empty) return new Uint8Array(0);
  const w = new BinaryWriter().tag(1, WireType.LengthDelimited).fork();
  if (rejected !== 0) w.tag(1, WireType.Varint).int64(rejected);
  if (errorMessage !== '') w.tag(2, WireType.LengthDelimited).string(errorMessage);
  return w.join().finish();
}

function checkCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
  }
}
