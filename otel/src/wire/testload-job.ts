import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { ATTR } from '../catalog/attributes.js';
import { ERROR_CLASS_NAMES } from '../enums/errors.js';
import { OUTCOMES } from '../enums/outcomes.js';
import { PIPELINE_IDS } from '../enums/pipelines.js';
import { REGION_CODES } from '../enums/regions.js';
import { Count, EthAddress, NonNegative, Nullable } from './common.js';

const CaseKind = Type.Enum(['good', 'random', 'bad'] as const);

/**
 * One test-load job as the test-load gateway reports it (OTLP log record
 * `naap.testload.job`, and one line of its local JSONL file). Latencies in
 * ms, ratios 0–1. `orchestratorAddress` is the pinned target; `servedBy` the
 * orchestrator that actually served it.
 */
export const TestloadJobRecordSchema = Type.Object({
  jobId: Type.String({ minLength: 1, maxLength: 128 }),
  timeUnixMs: Type.Integer({ minimum: 0 }),
  region: Type.Enum(REGION_CODES),
  orchestratorAddress: EthAddress,
  orchestratorUri: Type.String({ maxLength: 256 }),
  pipeline: Type.Enum(PIPELINE_IDS),
  modelId: Type.String({ minLength: 1, maxLength: 256 }),
  datasetVersion: Type.String({ minLength: 1, maxLength: 64 }),
  caseId: Type.String({ minLength: 1, maxLength: 128 }),
  caseKind: CaseKind,
  outcome: Type.Enum(OUTCOMES),
  errorClass: Nullable(Type.Enum(ERROR_CLASS_NAMES)),
  errorMessage: Nullable(Type.String({ maxLength: 512 })),
  httpStatus: Nullable(Type.Integer({ minimum: 100, maximum: 599 })),
  latencyMs: NonNegative,
  ttfbMs: Nullable(NonNegative),
  ptffMs: Nullable(NonNegative),
  fps: Nullable(
    Type.Object({ count: Count, mean: NonNegative, stddev: NonNegative, min: NonNegative }),
  ),
  jitter: Nullable(NonNegative),
  tokensPerSecond: Nullable(NonNegative),
  servedBy: Nullable(EthAddress),
  swapped: Type.Boolean(),
  warm: Nullable(Type.Boolean()),
  expectedRejection: Type.Boolean(),
  synthetic: Type.Literal(true),
});
export type TestloadJobRecord = Static<typeof TestloadJobRecordSchema>;

export type AttributeValue = string | number | boolean;

/** Scalar fields and the log attribute each one is carried in. */
const FIELD_ATTRIBUTES = {
  jobId: ATTR.jobId,
  region: ATTR.region,
  orchestratorAddress: ATTR.orchestratorAddress,
  orchestratorUri: ATTR.orchestratorUri,
  pipeline: ATTR.pipeline,
  modelId: ATTR.modelId,
  datasetVersion: ATTR.datasetVersion,
  caseId: ATTR.caseId,
  caseKind: ATTR.caseKind,
  outcome: ATTR.outcome,
  errorClass: ATTR.errorClass,
  errorMessage: ATTR.errorMessage,
  httpStatus: ATTR.httpStatus,
  latencyMs: ATTR.latencyMs,
  ttfbMs: ATTR.ttfbMs,
  ptffMs: ATTR.ptffMs,
  jitter: ATTR.jitter,
  tokensPerSecond: ATTR.tokensPerSecond,
  servedBy: ATTR.servedBy,
  swapped: ATTR.swapped,
  warm: ATTR.warm,
  expectedRejection: ATTR.expectedRejection,
  synthetic: ATTR.synthetic,
} as const satisfies Partial<Record<keyof TestloadJobRecord, string>>;

const FPS_ATTRIBUTES = {
  count: ATTR.fpsCount,
  mean: ATTR.fpsMean,
  stddev: ATTR.fpsStddev,
  min: ATTR.fpsMin,
} as const;

/**
 * Flattens a record into OTLP log attributes (null fields are left out; the
 * time goes into the log record's timestamp, not an attribute).
 */
export function testloadJobToAttributes(record: TestloadJobRecord): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [field, attribute] of Object.entries(FIELD_ATTRIBUTES)) {
    const value = record[field as keyof typeof FIELD_ATTRIBUTES];
    if (value !== null) out[attribute] = value;
  }
  if (record.fps !== null) {
    for (const [field, attribute] of Object.entries(FPS_ATTRIBUTES)) {
      out[attribute] = record.fps[field as keyof typeof FPS_ATTRIBUTES];
    }
  }
  return out;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Rebuilds and validates a record from log attributes and the record's time.
 * Errors name the attribute at fault; unknown attributes are ignored.
 */
export function testloadJobFromAttributes(
  attributes: Readonly<Record<string, unknown>>,
  timeUnixMs: number,
): ParseResult<TestloadJobRecord> {
  const candidate: Record<string, unknown> = { timeUnixMs };
  for (const [field, attribute] of Object.entries(FIELD_ATTRIBUTES)) {
    candidate[field] = attributes[attribute] ?? null;
  }
  const fpsPresent = Object.values(FPS_ATTRIBUTES).some((k) => attributes[k] !== undefined);
  candidate.fps = fpsPresent
    ? Object.fromEntries(Object.entries(FPS_ATTRIBUTES).map(([f, k]) => [f, attributes[k] ?? null]))
    : null;
  return validateTestloadJob(candidate);
}

const attributeOfField = (path: string): string => {
  const [, first, second] = path.split('/');
  if (first === 'fps' && second !== undefined) {
    return FPS_ATTRIBUTES[second as keyof typeof FPS_ATTRIBUTES];
  }
  if (first === undefined || !Object.hasOwn(FIELD_ATTRIBUTES, first)) return first ?? path;
  return FIELD_ATTRIBUTES[first as keyof typeof FIELD_ATTRIBUTES];
};

/** Validates an unknown value as a record; errors name the attribute at fault. */
export function validateTestloadJob(value: unknown): ParseResult<TestloadJobRecord> {
  if (Value.Check(TestloadJobRecordSchema, value)) return { ok: true, value };
  const errors = [...Value.Errors(TestloadJobRecordSchema, value)]
    .slice(0, 10)
    .map((e) => `${attributeOfField(e.instancePath) || 'record'}: ${e.message}`);
  return { ok: false, errors: [...new Set(errors)] };
}
