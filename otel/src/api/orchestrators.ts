import { Type, type Static } from 'typebox';
import {
  AddressSchema,
  Count,
  CursorSchema,
  FigureSchema,
  FormatSchema,
  GpuIdSchema,
  GpuModelSchema,
  JobCountsSchema,
  LimitSchema,
  ModelIdSchema,
  Nullable,
  NextCursorSchema,
  PipelineSchema,
  RegionSchema,
  SourceSchema,
  TimeMs,
  WindowNameSchema,
  WindowSchema,
} from './common.js';

/**
 * Whether the orchestrator's agent is enrolled: it holds an agent token
 * obtained by enrollment, i.e. the orchestrator signed the collector's
 * challenge with its key, and the token is not revoked.
 */
export const EnrolledSchema = Type.Boolean({
  description:
    "An unrevoked agent token obtained by enrollment (the collector's challenge signed with the orchestrator's Ethereum key) is bound to this address. False when its agent data comes only from tokens an operator issued (tokens file, CLI, admin API) or when its enrollment was revoked.",
});

/** `GET /orchestrators` — one row per orchestrator seen in the window. */

export const ORCHESTRATOR_SORTS = [
  'score',
  'reliability',
  'success_rate',
  'latency_p50',
  'latency_p95',
  'fps',
  'availability',
  'gpus',
  'jobs',
  'address',
] as const;
export type OrchestratorSort = (typeof ORCHESTRATOR_SORTS)[number];

export const OrchestratorListQuerySchema = Type.Object(
  {
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    region: Type.Optional(RegionSchema),
    gpu_model: Type.Optional(GpuModelSchema),
    /** Substring of the address or the service URI (case-insensitive). */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** Take job figures from this source only (default: test loads where they exist, else the agent). */
    source: Type.Optional(Type.Enum(['agent', 'testload'] as const)),
    window: Type.Optional(WindowNameSchema),
    sort: Type.Optional(Type.Enum(ORCHESTRATOR_SORTS, { default: 'score' })),
    /** Default: desc, except latencies and address (asc). Nulls always last. */
    order: Type.Optional(Type.Enum(['asc', 'desc'] as const)),
    limit: Type.Optional(LimitSchema),
    cursor: Type.Optional(CursorSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type OrchestratorListQuery = Static<typeof OrchestratorListQuerySchema>;

export const OrchestratorRowSchema = Type.Object({
  address: AddressSchema,
  uri: Nullable(Type.String()),
  /** Self-reported by the agent; null when no agent reports. */
  region: Nullable(RegionSchema),
  enrolled: EnrolledSchema,
  lastSeenMs: Nullable(TimeMs),
  gpus: Type.Object({ count: Count, models: Type.Array(Type.String()) }),
  pipelines: Type.Array(PipelineSchema),
  models: Type.Array(Type.String()),
  /** Jobs in the window from the source of the job figures below. */
  jobs: Count,
  /** Latest naap-sla score over the window, 0–100; null before the SLA analytics has one. */
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  scoreVersion: Nullable(Type.String()),
  /** SLA reliability subscore, ratio 0–1. */
  reliability: FigureSchema,
  /** success / (success + failure), ratio 0–1. */
  successRate: FigureSchema,
  latencyP50Ms: FigureSchema,
  latencyP95Ms: FigureSchema,
  /** Mean output FPS of live streams. */
  fps: FigureSchema,
  /** Time-based (agent heartbeats) or else event-based (test-load probes), ratio 0–1. */
  availability: FigureSchema,
});
export type OrchestratorRow = Static<typeof OrchestratorRowSchema>;

export const OrchestratorListSchema = Type.Object({
  window: WindowSchema,
  items: Type.Array(OrchestratorRowSchema),
  nextCursor: NextCursorSchema,
});
export type OrchestratorList = Static<typeof OrchestratorListSchema>;

/** `GET /orchestrators/{address}` */
export const OrchestratorParamsSchema = Type.Object({ address: AddressSchema });
export const OrchestratorDetailQuerySchema = Type.Object(
  {
    window: Type.Optional(WindowNameSchema),
  },
  { additionalProperties: false },
);
export type OrchestratorDetailQuery = Static<typeof OrchestratorDetailQuerySchema>;

/**
 * Latest value of each GPU gauge (agent): from the last minutes, else the
 * last value in the window; null when the GPU does not report it.
 */
export const GpuLatestSchema = Type.Object({
  utilization: Nullable(Type.Number()),
  memoryBandwidthUtilization: Nullable(Type.Number()),
  vramUsedBytes: Nullable(Type.Number()),
  vramTotalBytes: Nullable(Type.Number()),
  temperatureC: Nullable(Type.Number()),
  powerDrawW: Nullable(Type.Number()),
  powerLimitW: Nullable(Type.Number()),
  smClockMhz: Nullable(Type.Number()),
  smClockMaxMhz: Nullable(Type.Number()),
  encoderUtilization: Nullable(Type.Number()),
  decoderUtilization: Nullable(Type.Number()),
  cue: Nullable(Type.Number()),
});
export type GpuLatest = Static<typeof GpuLatestSchema>;

export const GpuSummarySchema = Type.Object({
  id: GpuIdSchema,
  model: Nullable(Type.String()),
  source: Type.Literal('agent'),
  /**
   * Time of the last sample when within the last 15 minutes, else the start
   * of the last rollup bucket with one (minute, or hour for windows over 6 h).
   */
  lastSeenMs: TimeMs,
  /** No sample for more than 3 export intervals (at least 30 s). */
  stale: Type.Boolean(),
  latest: GpuLatestSchema,
});
export type GpuSummary = Static<typeof GpuSummarySchema>;

/** Job figures of one source over the window. Latencies ms, rates 0–1. */
export const SourceStatsSchema = Type.Object({
  source: SourceSchema,
  jobs: JobCountsSchema,
  successRate: Nullable(Type.Number()),
  swapRate: Nullable(Type.Number()),
  latencyP50Ms: Nullable(Type.Number()),
  latencyP95Ms: Nullable(Type.Number()),
  latencyP99Ms: Nullable(Type.Number()),
  /** Prompt-to-first-frame p50 (live, test loads). */
  ptffP50Ms: Nullable(Type.Number()),
  fpsMean: Nullable(Type.Number()),
  /** σ(fps)/μ(fps), ratio. */
  jitter: Nullable(Type.Number()),
});
export type SourceStats = Static<typeof SourceStatsSchema>;

export const PipelineFiguresSchema = Type.Object({
  pipeline: PipelineSchema,
  modelId: Type.String(),
  kind: Type.Enum(['batch', 'live'] as const),
  /** One entry per source that reported this (pipeline, model). */
  bySource: Type.Array(SourceStatsSchema),
});
export type PipelineFigures = Static<typeof PipelineFiguresSchema>;

export const OrchestratorDetailSchema = Type.Object({
  address: AddressSchema,
  uri: Nullable(Type.String()),
  region: Nullable(RegionSchema),
  window: WindowSchema,
  agent: Type.Object({
    enrolled: EnrolledSchema,
    version: Nullable(Type.String()),
    lastSeenMs: Nullable(TimeMs),
    hosts: Type.Array(Type.String()),
  }),
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  scoreVersion: Nullable(Type.String()),
  /** Headline figures over the window (test loads preferred over the agent). */
  figures: Type.Object({
    successRate: FigureSchema,
    swapRate: FigureSchema,
    latencyP50Ms: FigureSchema,
    latencyP95Ms: FigureSchema,
    fps: FigureSchema,
    jitter: FigureSchema,
    availabilityTime: FigureSchema,
    availabilityProbe: FigureSchema,
  }),
  gpus: Type.Array(GpuSummarySchema),
  pipelines: Type.Array(PipelineFiguresSchema),
});
export type OrchestratorDetail = Static<typeof OrchestratorDetailSchema>;
