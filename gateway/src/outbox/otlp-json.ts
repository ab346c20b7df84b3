import { EVENT, testloadJobToAttributes, type TestloadJobRecord } from '@naap/otel';
import { SeverityNumber } from '@opentelemetry/api-logs';

/**
 * OTLP/JSON `ExportLogsServiceRequest` of job records, shaped as the
 * OpenTelemetry SDK shapes them (one `naap.testload.job` log record per job,
 * `testloadJobToAttributes` as attributes, integers as `intValue` strings,
 * other numbers as `doubleValue`). JSON because the protobuf serializer of
 * the SDK (`@opentelemetry/otlp-transformer`) is not a dependency of the
 * gateway and its exporters retry on their own and hide the answer
 * (status, Retry-After) that the outbox's sender needs.
 */

type AnyValueJson =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly intValue: string }
  | { readonly doubleValue: number };

interface KeyValueJson {
  readonly key: string;
  readonly value: AnyValueJson;
}

export interface ScopeJson {
  readonly name: string;
  readonly version: string;
}

function anyValue(v: string | number | boolean): AnyValueJson {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isSafeInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

function keyValues(attrs: Readonly<Record<string, string | number | boolean>>): KeyValueJson[] {
  return Object.entries(attrs).map(([key, v]) => ({ key, value: anyValue(v) }));
}

/** The log record's body: a one-line summary of the job. */
export function recordBody(r: TestloadJobRecord): string {
  return `${r.pipeline} ${r.caseId} on ${r.orchestratorAddress}: ${r.outcome}`;
}

function logRecord(r: TestloadJobRecord) {
  const failed = r.outcome === 'failure';
  const nanos = (BigInt(r.timeUnixMs) * 1_000_000n).toString();
  return {
    timeUnixNano: nanos,
    observedTimeUnixNano: nanos,
    severityNumber: failed ? SeverityNumber.WARN : SeverityNumber.INFO,
    severityText: failed ? 'WARN' : 'INFO',
    body: { stringValue: recordBody(r) },
    eventName: EVENT.testloadJob,
    attributes: keyValues(testloadJobToAttributes(r)),
  };
}

/** The request body for `POST /v1/logs` (`Content-Type: application/json`). */
export function logsRequestJson(
  records: readonly TestloadJobRecord[],
  resource: Readonly<Record<string, string>>,
  scope: ScopeJson,
): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: keyValues(resource) },
        scopeLogs: [
          {
            scope: { name: scope.name, version: scope.version },
            logRecords: records.map(logRecord),
          },
        ],
      },
    ],
  });
}
