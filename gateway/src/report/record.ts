import {
  fpsMean,
  fpsStddev,
  jitterFromMoments,
  MAX_ERROR_MESSAGE_LENGTH,
  momentsOf,
  sanitizeErrorMessage,
  validateTestloadJob,
  type RegionCode,
  type TestloadJobRecord,
} from '@naap/otel';
import type { TestCase } from '../cases.js';
import type { JobResult } from '../jobs/types.js';
import type { Target } from '../targets/types.js';
import type { Verdict } from './verdict.js';

export interface RecordInput {
  readonly jobId: string;
  readonly timeUnixMs: number;
  readonly region: RegionCode;
  readonly target: Target;
  readonly modelId: string;
  readonly datasetVersion: string;
  readonly testCase: TestCase;
  readonly result: JobResult;
  readonly verdict: Verdict;
  readonly warm: boolean | null;
}

const ms = (v: number | null): number | null =>
  v === null || !Number.isFinite(v) ? null : Math.max(0, Math.round(v * 1000) / 1000);

function fpsStats(samples: readonly number[] | null): Pick<TestloadJobRecord, 'fps' | 'jitter'> {
  if (samples === null || samples.length === 0) return { fps: null, jitter: null };
  const m = momentsOf(samples);
  return {
    fps: {
      count: m.count,
      mean: fpsMean(m) ?? 0,
      stddev: fpsStddev(m) ?? 0,
      min: Math.min(...samples),
    },
    jitter: jitterFromMoments(m),
  };
}

/** The contract record of one job (validated: a record that does not fit is a bug). */
export function buildRecord(x: RecordInput): TestloadJobRecord {
  const status = x.result.httpStatus;
  const record: TestloadJobRecord = {
    jobId: x.jobId,
    timeUnixMs: Math.round(x.timeUnixMs),
    region: x.region,
    orchestratorAddress: x.target.address,
    orchestratorUri: x.target.uri.slice(0, 256),
    pipeline: x.testCase.pipeline,
    modelId: x.modelId.slice(0, 256),
    datasetVersion: x.datasetVersion,
    caseId: x.testCase.id,
    caseKind: x.testCase.kind,
    outcome: x.verdict.outcome,
    errorClass: x.verdict.errorClass,
    errorMessage:
      x.verdict.errorMessage === null
        ? null
        : sanitizeErrorMessage(x.verdict.errorMessage, MAX_ERROR_MESSAGE_LENGTH),
    httpStatus: status !== null && status >= 100 && status <= 599 ? status : null,
    latencyMs: ms(x.result.latencyMs) ?? 0,
    ttfbMs: ms(x.result.ttfbMs),
    ptffMs: ms(x.result.ptffMs),
    ...fpsStats(x.result.fpsSamples),
    tokensPerSecond:
      x.result.tokensPerSecond === null || !Number.isFinite(x.result.tokensPerSecond)
        ? null
        : x.result.tokensPerSecond,
    servedBy: x.verdict.servedBy,
    swapped: x.verdict.swapped,
    warm: x.warm,
    expectedRejection: x.verdict.expectedRejection,
    synthetic: true,
  };
  const checked = validateTestloadJob(record);
  if (!checked.ok)
    throw new RangeError(`job record does not fit the contract: ${checked.errors.join('; ')}`);
  return record;
}
