import { Type, type Static } from 'typebox';
import { SlaBreakdownSchema, SlaCohortSchema, SlaInputsSchema } from '../wire/sla.js';
import {
  AddressSchema,
  Count,
  CursorSchema,
  FigureSchema,
  FormatSchema,
  GpuIdSchema,
  GpuModelSchema,
  LimitSchema,
  ModelIdSchema,
  NextCursorSchema,
  Nullable,
  PipelineSchema,
  RegionSchema,
  SourceSchema,
  TimeMs,
  TimeParamSchema,
  WindowNameSchema,
  WindowSchema,
} from './common.js';

/**
 * First draft of the SLA resources (served by the SLA analytics routes):
 * `/sla/compliance`, `/leaderboard`, `/network/demand`, `/aggregated_stats`.
 * Coarser windows are recomputed from the additive inputs, never averaged.
 */

export const SLA_GRANULARITIES = ['hour', 'day', 'window'] as const;

/** `GET /sla/compliance` — scores per hour (or day, or the whole window) with their explanation. */
export const SlaComplianceQuerySchema = Type.Object(
  {
    orchestrator: Type.Optional(AddressSchema),
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    gpu: Type.Optional(GpuIdSchema),
    region: Type.Optional(RegionSchema),
    source: Type.Optional(SourceSchema),
    granularity: Type.Optional(Type.Enum(SLA_GRANULARITIES)),
    from: Type.Optional(TimeParamSchema),
    to: Type.Optional(TimeParamSchema),
    window: Type.Optional(WindowNameSchema),
    limit: Type.Optional(LimitSchema),
    cursor: Type.Optional(CursorSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type SlaComplianceQuery = Static<typeof SlaComplianceQuerySchema>;

export const SlaComplianceRowSchema = Type.Object({
  startMs: TimeMs,
  endMs: TimeMs,
  orchestrator: AddressSchema,
  /** Null when rolled over every GPU. */
  gpuId: Nullable(Type.String()),
  pipeline: PipelineSchema,
  modelId: Type.String(),
  region: Nullable(Type.String()),
  source: SourceSchema,
  version: Type.String({ description: 'score formula version, e.g. naap-sla-v1' }),
  /** 0–100; null without jobs. */
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  breakdown: SlaBreakdownSchema,
  inputs: SlaInputsSchema,
  cohort: SlaCohortSchema,
});
export type SlaComplianceRow = Static<typeof SlaComplianceRowSchema>;

export const SlaComplianceSchema = Type.Object({
  window: WindowSchema,
  granularity: Type.Enum(SLA_GRANULARITIES),
  items: Type.Array(SlaComplianceRowSchema),
  nextCursor: NextCursorSchema,
});
export type SlaCompliance = Static<typeof SlaComplianceSchema>;

/** `GET /leaderboard` — orchestrators ranked by SLA score over the window. */
export const LeaderboardQuerySchema = Type.Object(
  {
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    region: Type.Optional(RegionSchema),
    gpu_model: Type.Optional(GpuModelSchema),
    window: Type.Optional(WindowNameSchema),
    limit: Type.Optional(LimitSchema),
    cursor: Type.Optional(CursorSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type LeaderboardQuery = Static<typeof LeaderboardQuerySchema>;

/**
 * A score belongs to one (pipeline, model): each orchestrator is ranked on
 * the asked workload, or on its busiest one in the window; independent
 * test-load figures are preferred to self-reported agent ones.
 */
export const LeaderboardRowSchema = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  address: AddressSchema,
  uri: Nullable(Type.String()),
  region: Nullable(Type.String()),
  pipeline: PipelineSchema,
  modelId: Type.String(),
  /** Where the score's inputs come from. */
  source: SourceSchema,
  version: Type.String(),
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  coverage: Nullable(Type.Number()),
  reliability: FigureSchema,
  quality: FigureSchema,
  successRate: FigureSchema,
  swapRate: FigureSchema,
  e2eP50Ms: FigureSchema,
  ptffP50Ms: FigureSchema,
  fps: FigureSchema,
  jitter: FigureSchema,
  availability: FigureSchema,
  gpus: Count,
  jobs: Count,
});
export type LeaderboardRow = Static<typeof LeaderboardRowSchema>;

export const LeaderboardSchema = Type.Object({
  window: WindowSchema,
  items: Type.Array(LeaderboardRowSchema),
  nextCursor: NextCursorSchema,
});
export type Leaderboard = Static<typeof LeaderboardSchema>;

/** `GET /network/demand` — demand per hour, day or week. */
export const DEMAND_GRANULARITIES = ['hour', 'day', 'week'] as const;
export const DemandQuerySchema = Type.Object(
  {
    orchestrator: Type.Optional(AddressSchema),
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    region: Type.Optional(RegionSchema),
    gpu_model: Type.Optional(GpuModelSchema),
    granularity: Type.Optional(Type.Enum(DEMAND_GRANULARITIES)),
    from: Type.Optional(TimeParamSchema),
    to: Type.Optional(TimeParamSchema),
    window: Type.Optional(WindowNameSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type DemandQuery = Static<typeof DemandQuerySchema>;

export const DemandRowSchema = Type.Object({
  startMs: TimeMs,
  pipeline: Type.String(),
  modelId: Type.String(),
  region: Nullable(Type.String()),
  gpuModel: Nullable(Type.String()),
  source: SourceSchema,
  jobs: Count,
  streams: Count,
  inferenceMinutes: Type.Number({ minimum: 0 }),
  /** inference minutes / (GPUs × minutes), ratio 0–1. */
  capacityRate: Nullable(Type.Number()),
  /** Requests refused for capacity. */
  missingCapacity: Count,
  /** Null: fees are earned per orchestrator, not per pipeline (see `fees`). */
  feesEth: Nullable(Type.Number()),
});
export type DemandRow = Static<typeof DemandRowSchema>;

/** Fees earned per bucket (expected value of tickets received), ETH. */
export const DemandFeesSchema = Type.Object({
  startMs: TimeMs,
  feesEth: Type.Number({ minimum: 0 }),
  source: SourceSchema,
});
export type DemandFees = Static<typeof DemandFeesSchema>;

export const DemandSchema = Type.Object({
  window: WindowSchema,
  granularity: Type.Enum(DEMAND_GRANULARITIES),
  items: Type.Array(DemandRowSchema),
  fees: Type.Array(DemandFeesSchema),
});
export type Demand = Static<typeof DemandSchema>;

/**
 * `GET /aggregated_stats` (unknown parameters are ignored, as the original
 * service does) — the Livepeer leaderboard's shape, so go-livepeer
 * gateways (`-orchPerfStatsUrl`) and the explorer consume it unchanged:
 * `{<address>: {<REGION>: {success_rate, round_trip_score, score}}}`, with
 * score = 0.65·success_rate + 0.35·round_trip_score.
 */
export const AggregatedStatsQuerySchema = Type.Object({
  orchestrator: Type.Optional(Type.String({ maxLength: 64 })),
  region: Type.Optional(Type.String({ maxLength: 16 })),
  /** Unix seconds. */
  since: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Unix seconds. */
  until: Type.Optional(Type.Integer({ minimum: 0 })),
  model: Type.Optional(ModelIdSchema),
  pipeline: Type.Optional(Type.String({ maxLength: 64 })),
});
export type AggregatedStatsQuery = Static<typeof AggregatedStatsQuerySchema>;

export const AggregatedRegionStatsSchema = Type.Object({
  success_rate: Type.Number({ minimum: 0, maximum: 1 }),
  round_trip_score: Type.Number({ minimum: 0, maximum: 1 }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
});
export const AggregatedStatsSchema = Type.Record(
  Type.String(),
  Type.Record(Type.String(), AggregatedRegionStatsSchema),
);
export type AggregatedStats = Static<typeof AggregatedStatsSchema>;
