import { ATTR, EVENT_NAME_ATTRIBUTE } from '@naap/otel';
import type { Identity } from '../auth/tokens.js';
import type { LogRecord, LogsRequest, ScopeLogs } from '../otlp/model.js';
import { RAW_LOGS_TABLE } from '../storage/schema/raw-tables.js';
import { attributeText, attributesField, stringifyValue, toStringMap } from './attributes.js';
import { pointAllowed, stampedResource } from './identity.js';
import { BatchBuilder, MAX_NANOS, type MappedBatch } from './batch.js';
import { nanos, tsvMap, tsvText } from './tsv.js';

/** What every record of a scope shares, as TabSeparated fields (see columns.ts). */
interface Shared {
  /** `ResourceAttributes`. */
  readonly resource: string;
  /** `ServiceName`. */
  readonly service: string;
  /** From `ResourceSchemaUrl` to `ScopeAttributes`. */
  readonly scope: string;
}

function recordRow(r: LogRecord, time: bigint, s: Shared): string {
  const eventName =
    r.eventName !== '' ? r.eventName : (attributeText(r.attributes, EVENT_NAME_ATTRIBUTE) ?? '');
  const severity = Math.max(0, Math.min(255, r.severityNumber));
  return (
    `${s.resource}\t${nanos(time)}\t${tsvText(r.traceId)}\t${tsvText(r.spanId)}\t${r.flags & 0xff}\t` +
    `${tsvText(r.severityText)}\t${severity}\t${s.service}\t${tsvText(stringifyValue(r.body))}\t` +
    `${s.scope}\t${attributesField(r.attributes)}\t${tsvText(eventName)}\n`
  );
}

function scopeFields(resourceSchemaUrl: string, sl: ScopeLogs): string {
  const { scope } = sl;
  const attributes = tsvMap(toStringMap(scope.attributes));
  return `${tsvText(resourceSchemaUrl)}\t${tsvText(sl.schemaUrl)}\t${tsvText(scope.name)}\t${tsvText(scope.version)}\t${attributes}`;
}

/** Maps a decoded logs request to `otel_logs` rows, stamping the identity. */
export function mapLogs(request: LogsRequest, identity: Identity): MappedBatch {
  const out = new BatchBuilder();
  for (const rl of request.resourceLogs) {
    const stamped = stampedResource(toStringMap(rl.resource.attributes), identity);
    if (!stamped.ok) {
      out.reject(
        rl.scopeLogs.reduce((n, sl) => n + sl.logRecords.length, 0),
        stamped.reason,
      );
      continue;
    }
    const resource = tsvMap(stamped.attributes);
    const service = tsvText(stamped.attributes[ATTR.serviceName] ?? '');
    for (const sl of rl.scopeLogs) {
      const shared = { resource, service, scope: scopeFields(rl.schemaUrl, sl) };
      for (const r of sl.logRecords) {
        if (!pointAllowed(attributeText(r.attributes, ATTR.orchestratorAddress), identity)) {
          out.reject(1, 'a record names another orchestrator than the token is bound to');
          continue;
        }
        const time = r.timeUnixNano !== 0n ? r.timeUnixNano : r.observedTimeUnixNano;
        if (time === 0n || time > MAX_NANOS) {
          out.reject(1, 'a record has neither time_unix_nano nor observed_time_unix_nano');
          continue;
        }
        out.push(RAW_LOGS_TABLE, recordRow(r, time, shared));
      }
    }
  }
  return out.result();
}
