/**
 * ExportLogsServiceRequest (collector/logs/v1/logs_service.proto) and logs.proto,
 * from binary protobuf.
 */
import { AttributeSink } from './attributes.js';
import { guardDecode } from './guard.js';
import { DEFAULT_DECODE_LIMITS } from './model.js';
import type {
  AnyValue,
  DecodeLimits,
  LogRecord,
  LogsRequest,
  ResourceLogs,
  ScopeLogs,
} from './model.js';
import { Path } from './path.js';
import {
  EMPTY_RESOURCE,
  EMPTY_SCOPE,
  readAnyValue,
  readAttribute,
  readResource,
  readScope,
} from './wire-common.js';
import { WireReader } from './wire-reader.js';

/**
 * Decodes a binary `ExportLogsServiceRequest` (already un-gzipped). Unknown
 * fields are skipped; anything malformed or over `limits` throws DecodeError.
 */
export function decodeLogsProtobuf(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): LogsRequest {
  return guardDecode(() => {
    // ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
    const r = WireReader.of(bytes, Path.root, limits);
    const resourceLogs: ResourceLogs[] = [];
    while (r.next()) {
      if (r.field !== 1) r.skip();
      else {
        resourceLogs.push(readResourceLogs(r.message('resourceLogs', resourceLogs.length)));
      }
    }
    return { resourceLogs };
  });
}

/**
 * ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2;
 * string schema_url = 3; } (the deprecated instrumentation_library_logs = 1000 is skipped)
 */
function readResourceLogs(r: WireReader): ResourceLogs {
  let resource = EMPTY_RESOURCE;
  let schemaUrl = '';
  const scopeLogs: ScopeLogs[] = [];
  while (r.next()) {
    if (r.field === 1) resource = readResource(r.message('resource'));
    else if (r.field === 3) schemaUrl = r.string();
    else if (r.field !== 2) r.skip();
    else scopeLogs.push(readScopeLogs(r.message('scopeLogs', scopeLogs.length)));
  }
  return { resource, schemaUrl, scopeLogs };
}

/** ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; string schema_url = 3; } */
function readScopeLogs(r: WireReader): ScopeLogs {
  let scope = EMPTY_SCOPE;
  let schemaUrl = '';
  const logRecords: LogRecord[] = [];
  while (r.next()) {
    if (r.field === 1) scope = readScope(r.message('scope'));
    else if (r.field === 3) schemaUrl = r.string();
    else if (r.field !== 2) r.skip();
    else {
      logRecords.push(readLogRecord(r.message('logRecords', logRecords.length)));
    }
  }
  return { scope, schemaUrl, logRecords };
}

type MutableRecord = { -readonly [K in keyof Omit<LogRecord, 'attributes'>]: LogRecord[K] };

/**
 * LogRecord { fixed64 time_unix_nano = 1; SeverityNumber severity_number = 2;
 * string severity_text = 3; AnyValue body = 5; repeated KeyValue attributes = 6;
 * uint32 dropped_attributes_count = 7; fixed32 flags = 8; bytes trace_id = 9;
 * bytes span_id = 10; fixed64 observed_time_unix_nano = 11; string event_name = 12; }
 * (4 is reserved)
 */
function readLogRecord(r: WireReader): LogRecord {
  const attributes = new AttributeSink(r.limits, r, 'attributes');
  const record: MutableRecord = {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    body: null,
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  };
  while (r.next()) {
    if (r.field === 6) readAttribute(r, attributes);
    else readRecordField(r, record);
  }
  return { ...record, attributes: attributes.build() };
}

function readRecordField(r: WireReader, record: MutableRecord): void {
  switch (r.field) {
    case 1:
      record.timeUnixNano = r.fixed64();
      break;
    case 2:
      record.severityNumber = r.int32();
      break;
    case 3:
      record.severityText = r.string();
      break;
    case 5:
      record.body = readBody(r);
      break;
    case 7:
      record.droppedAttributesCount = r.uint32();
      break;
    case 8:
      record.flags = r.fixed32();
      break;
    case 9:
      record.traceId = readId(r, 16);
      break;
    case 10:
      record.spanId = readId(r, 8);
      break;
    case 11:
      record.observedTimeUnixNano = r.fixed64();
      break;
    case 12:
      record.eventName = r.string();
      break;
    default:
      r.skip();
  }
}

function readBody(r: WireReader): AnyValue {
  return readAnyValue(r.message('body'), 0);
}

/** trace_id (16 bytes) / span_id (8 bytes) as lower-case hex; empty when absent. */
function readId(r: WireReader, size: number): string {
  const bytes = r.bytes();
  if (bytes.length !== 0 && bytes.length !== size) {
    throw r.fieldError(`id of ${bytes.length} bytes, expected ${size}`);
  }
  return Buffer.from(bytes).toString('hex');
}
