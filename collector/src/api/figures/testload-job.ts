import { ATTR, isErrorClass, isOutcome, type ErrorClass } from '@naap/otel';
import { CASE_KINDS, type TestloadJob } from '@naap/otel/api';
import type { StoredJob } from '../repository/index.js';

/**
 * A stored test-load job record as the API serves it. Log attributes are
 * stored as text; anything malformed reads as null rather than failing the
 * whole page.
 */
const text = (a: Readonly<Record<string, string>>, key: string): string | null => {
  const v = a[key];
  return v === undefined || v === '' ? null : v;
};
const number = (a: Readonly<Record<string, string>>, key: string): number | null => {
  const v = text(a, key);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const integer = (a: Readonly<Record<string, string>>, key: string): number | null => {
  const n = number(a, key);
  return n !== null && Number.isInteger(n) ? n : null;
};
const bool = (a: Readonly<Record<string, string>>, key: string): boolean | null => {
  const v = text(a, key);
  return v === 'true' ? true : v === 'false' ? false : null;
};

export function testloadJobOf(j: StoredJob): TestloadJob {
  const a = j.attributes;
  const outcome = text(a, ATTR.outcome) ?? '';
  const errorClass = text(a, ATTR.errorClass) ?? '';
  const caseKind = text(a, ATTR.caseKind) ?? '';
  return {
    jobId: text(a, ATTR.jobId) ?? '',
    timeMs: j.timeMs,
    source: 'testload',
    region: j.region === '' ? null : j.region,
    orchestrator: j.address,
    orchestratorUri: text(a, ATTR.orchestratorUri),
    pipeline: j.pipeline,
    modelId: j.model,
    datasetVersion: text(a, ATTR.datasetVersion),
    caseId: text(a, ATTR.caseId),
    caseKind: (CASE_KINDS as readonly string[]).includes(caseKind)
      ? (caseKind as TestloadJob['caseKind'])
      : null,
    outcome: isOutcome(outcome) ? outcome : 'failure',
    errorClass: isErrorClass(errorClass) ? (errorClass satisfies ErrorClass) : null,
    errorMessage: text(a, ATTR.errorMessage)?.slice(0, 512) ?? null,
    httpStatus: integer(a, ATTR.httpStatus),
    latencyMs: number(a, ATTR.latencyMs),
    ttfbMs: number(a, ATTR.ttfbMs),
    ptffMs: number(a, ATTR.ptffMs),
    fpsMean: number(a, ATTR.fpsMean),
    fpsMin: number(a, ATTR.fpsMin),
    fpsStddev: number(a, ATTR.fpsStddev),
    fpsCount: integer(a, ATTR.fpsCount),
    jitter: number(a, ATTR.jitter),
    tokensPerSecond: number(a, ATTR.tokensPerSecond),
    servedBy: text(a, ATTR.servedBy),
    swapped: bool(a, ATTR.swapped) ?? false,
    warm: bool(a, ATTR.warm),
    expectedRejection: bool(a, ATTR.expectedRejection) ?? false,
  };
}
