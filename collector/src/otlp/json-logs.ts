/**
 * ExportLogsServiceRequest in OTLP/JSON (lowerCamelCase field names; the proto
 * snake_case names are accepted too).
 */
import { SEVERITY_NAMES } from './enums.js';
import { guardDecode } from './guard.js';
import { jsonAnyValue, jsonAttributes, jsonResource, jsonScope } from './json-common.js';
import { parseJsonBounded } from './json-guard.js';
import { JsonMessage } from './json-reader.js';
import { DEFAULT_DECODE_LIMITS } from './model.js';
import type { DecodeLimits, LogRecord, LogsRequest, ResourceLogs, ScopeLogs } from './model.js';
import { Path } from './path.js';

/**
 * Decodes an OTLP/JSON `ExportLogsServiceRequest` (already un-gzipped).
 * Unknown fields are ignored; malformed input, a non-object top level, wrong
 * types or anything over `limits` throws DecodeError.
 */
export function decodeLogsJson(
  text: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): LogsRequest {
  return guardDecode(() => {
    const root = JsonMessage.of(parseJsonBounded(text, limits), Path.root, limits);
    return { resourceLogs: root.messages('resourceLogs', jsonResourceLogs) };
  });
}

function jsonResourceLogs(m: JsonMessage): ResourceLogs {
  return {
    resource: jsonResource(m.message('resource')),
    schemaUrl: m.string('schemaUrl'),
    scopeLogs: m.messages('scopeLogs', jsonScopeLogs),
  };
}

function jsonScopeLogs(m: JsonMessage): ScopeLogs {
  return {
    scope: jsonScope(m.message('scope')),
    schemaUrl: m.string('schemaUrl'),
    logRecords: m.messages('logRecords', jsonLogRecord),
  };
}

/** LogRecord; `severityNumber` as a number or a SEVERITY_NUMBER_* name, ids as hex or base64. */
function jsonLogRecord(m: JsonMessage): LogRecord {
  const body = m.message('body');
  return {
    timeUnixNano: m.fixed64('timeUnixNano'),
    observedTimeUnixNano: m.fixed64('observedTimeUnixNano'),
    severityNumber: m.enumValue('severityNumber', SEVERITY_NAMES),
    severityText: m.string('severityText'),
    body: body === null ? null : jsonAnyValue(body, 0),
    attributes: jsonAttributes(m, 'attributes'),
    droppedAttributesCount: m.uint32('droppedAttributesCount'),
    flags: m.uint32('flags'),
    traceId: m.id('traceId', 16),
    spanId: m.id('spanId', 8),
    eventName: m.string('eventName'),
  };
}
