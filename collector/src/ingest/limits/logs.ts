import type { LogRecord, LogsRequest, ResourceLogs } from '../../otlp/model.js';
import type { IngestLimitOptions } from './options.js';
import { attributeReason, Refusals } from './refusals.js';
import { beginRequest, OK, scanAttributes } from './scan.js';

type Scope = ResourceLogs['scopeLogs'][number];

function recordsOf(rl: ResourceLogs): number {
  let n = 0;
  for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}

/**
 * Applies the attribute limits to a logs request: refused records (and every
 * record of a refused resource) are left out and counted. The request comes
 * back as it is when nothing was refused.
 */
export function limitLogs(
  request: LogsRequest,
  o: IngestLimitOptions,
): { request: LogsRequest; refusals: Refusals } {
  beginRequest();
  const refusals = new Refusals();
  const badResources = new Set<ResourceLogs | Scope>();
  const badRecords = new Set<LogRecord>();
  for (const rl of request.resourceLogs) {
    const r = scanAttributes(rl.resource.attributes, o.maxAttributes, o.maxAttributeLength);
    if (r !== OK) {
      badResources.add(rl);
      refusals.add(recordsOf(rl), attributeReason('a resource', r, o));
      continue;
    }
    for (const sl of rl.scopeLogs) {
      const sr = scanAttributes(sl.scope.attributes, o.maxAttributes, o.maxAttributeLength);
      if (sr !== OK) {
        badResources.add(sl);
        refusals.add(sl.logRecords.length, attributeReason('an instrumentation scope', sr, o));
        continue;
      }
      for (const record of sl.logRecords) {
        const rr = scanAttributes(record.attributes, o.maxAttributes, o.maxAttributeLength);
        if (rr !== OK) {
          badRecords.add(record);
          refusals.add(1, attributeReason('a log record', rr, o));
        }
      }
    }
  }
  if (refusals.count === 0) return { request, refusals };
  return {
    request: {
      resourceLogs: request.resourceLogs
        .filter((rl) => !badResources.has(rl))
        .map((rl) => ({
          ...rl,
          scopeLogs: rl.scopeLogs
            .filter((sl) => !badResources.has(sl))
            .map((sl) => ({
              ...sl,
              logRecords: sl.logRecords.filter((lr) => !badRecords.has(lr)),
            })),
        })),
    },
    refusals,
  };
}
