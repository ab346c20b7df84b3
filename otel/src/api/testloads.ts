import { Type, type Static } from 'typebox';
import { ERROR_CLASS_NAMES } from '../enums/errors.js';
import { OUTCOMES } from '../enums/outcomes.js';
import {
  AddressSchema,
  Count,
  CursorSchema,
  FormatSchema,
  JobCountsSchema,
  LimitSchema,
  ModelIdSchema,
  NextCursorSchema,
  Nullable,
  PipelineSchema,
  RegionSchema,
  TimeMs,
  TimeParamSchema,
  WindowNameSchema,
  WindowSchema,
} from './common.js';

export const CASE_KINDS = ['good', 'random', 'bad'] as const;
export const CaseKindSchema = Type.Enum(CASE_KINDS);
export const OutcomeSchema = Type.Enum(OUTCOMES);

/** `GET /testloads/jobs` — test-load jobs, newest first. */
export const TestloadJobsQuerySchema = Type.Object(
  {
    orchestrator: Type.Optional(AddressSchema),
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    region: Type.Optional(RegionSchema),
    outcome: Type.Optional(OutcomeSchema),
    case_kind: Type.Optional(CaseKindSchema),
    from: Type.Optional(TimeParamSchema),
    to: Type.Optional(TimeParamSchema),
    window: Type.Optional(WindowNameSchema),
    limit: Type.Optional(LimitSchema),
    cursor: Type.Optional(CursorSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type TestloadJobsQuery = Static<typeof TestloadJobsQuerySchema>;

/** One test-load job as measured by a test-load gateway (source testload). */
export const TestloadJobSchema = Type.Object({
  jobId: Type.String(),
  timeMs: TimeMs,
  source: Type.Literal('testload'),
  /** Region of the test-load gateway that ran it. */
  region: Nullable(Type.String()),
  orchestrator: AddressSchema,
  orchestratorUri: Nullable(Type.String()),
  pipeline: Type.String(),
  modelId: Type.String(),
  datasetVersion: Nullable(Type.String()),
  caseId: Nullable(Type.String()),
  caseKind: Nullable(CaseKindSchema),
  outcome: OutcomeSchema,
  errorClass: Nullable(Type.Enum(ERROR_CLASS_NAMES)),
  errorMessage: Nullable(Type.String()),
  httpStatus: Nullable(Type.Integer()),
  latencyMs: Nullable(Type.Number()),
  ttfbMs: Nullable(Type.Number()),
  ptffMs: Nullable(Type.Number()),
  fpsMean: Nullable(Type.Number()),
  fpsMin: Nullable(Type.Number()),
  fpsStddev: Nullable(Type.Number()),
  fpsCount: Nullable(Type.Integer()),
  jitter: Nullable(Type.Number()),
  tokensPerSecond: Nullable(Type.Number()),
  /** Orchestrator that actually served the job (another one than pinned: a swap). */
  servedBy: Nullable(Type.String()),
  swapped: Type.Boolean(),
  warm: Nullable(Type.Boolean()),
  /** A `bad` case correctly rejected (a success for the orchestrator). */
  expectedRejection: Type.Boolean(),
});
export type TestloadJob = Static<typeof TestloadJobSchema>;

export const TestloadJobsSchema = Type.Object({
  window: WindowSchema,
  items: Type.Array(TestloadJobSchema),
  nextCursor: NextCursorSchema,
});
export type TestloadJobs = Static<typeof TestloadJobsSchema>;

/** `GET /testloads/summary` — what the test loads ran, from where, how often, with what result. */
export const TestloadSummaryQuerySchema = Type.Object(
  {
    orchestrator: Type.Optional(AddressSchema),
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    region: Type.Optional(RegionSchema),
    window: Type.Optional(WindowNameSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type TestloadSummaryQuery = Static<typeof TestloadSummaryQuerySchema>;

/** Figures of a set of test-load jobs (source testload). Latencies ms, rates 0–1. */
export const TestloadStatsSchema = Type.Object({
  jobs: JobCountsSchema,
  jobsPerHour: Type.Number({ minimum: 0 }),
  orchestrators: Count,
  successRate: Nullable(Type.Number()),
  swapRate: Nullable(Type.Number()),
  latencyP50Ms: Nullable(Type.Number()),
  latencyP95Ms: Nullable(Type.Number()),
  ptffP50Ms: Nullable(Type.Number()),
  fpsMean: Nullable(Type.Number()),
  jitter: Nullable(Type.Number()),
  /** Correctly rejected `bad` cases. */
  expectedRejections: Count,
  lastJobMs: Nullable(TimeMs),
});
export type TestloadStats = Static<typeof TestloadStatsSchema>;

export const TestloadSummaryRowSchema = Type.Object({
  region: Nullable(Type.String()),
  pipeline: Type.String(),
  modelId: Type.String(),
  stats: TestloadStatsSchema,
});
export type TestloadSummaryRow = Static<typeof TestloadSummaryRowSchema>;

export const TestloadSummarySchema = Type.Object({
  window: WindowSchema,
  source: Type.Literal('testload'),
  totals: TestloadStatsSchema,
  /** One row per (gateway region, pipeline, model). */
  items: Type.Array(TestloadSummaryRowSchema),
});
export type TestloadSummary = Static<typeof TestloadSummarySchema>;
