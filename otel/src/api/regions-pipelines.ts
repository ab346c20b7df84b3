import { Type, type Static } from 'typebox';
import {
  Count,
  FigureSchema,
  FormatSchema,
  Nullable,
  PipelineSchema,
  RegionSchema,
  WindowNameSchema,
  WindowSchema,
} from './common.js';

/** `GET /regions` — every region code with coordinates and what runs there. */
export const RegionsQuerySchema = Type.Object(
  {
    window: Type.Optional(WindowNameSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type RegionsQuery = Static<typeof RegionsQuerySchema>;

export const RegionRowSchema = Type.Object({
  code: RegionSchema,
  name: Type.String(),
  continent: Type.String(),
  /** Approximate city centre, degrees; null for GLOBAL. */
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  /** Orchestrators whose agent reports this region (agent). */
  orchestrators: Count,
  /** GPUs reporting from this region (agent). */
  gpus: Count,
  /** Jobs served by orchestrators of this region in the window (agent). */
  jobs: Count,
  /** Test-load jobs run from this region (testload). */
  testloadJobs: Count,
  /** Success rate of test loads run from this region (testload), ratio 0–1. */
  testloadSuccessRate: FigureSchema,
  /** p95 latency of test loads run from this region (testload), ms. */
  testloadLatencyP95Ms: FigureSchema,
  pipelines: Type.Array(
    Type.Object({ pipeline: PipelineSchema, orchestrators: Count, jobs: Count }),
  ),
});
export type RegionRow = Static<typeof RegionRowSchema>;

export const RegionsSchema = Type.Object({
  window: WindowSchema,
  items: Type.Array(RegionRowSchema),
});
export type Regions = Static<typeof RegionsSchema>;

/** `GET /pipelines` — every pipeline with the models the network serves. */
export const PipelinesQuerySchema = RegionsQuerySchema;
export type PipelinesQuery = RegionsQuery;

export const PipelineModelSchema = Type.Object({
  modelId: Type.String(),
  orchestrators: Count,
  gpus: Count,
  jobs: Count,
  successRate: FigureSchema,
  latencyP50Ms: FigureSchema,
  latencyP95Ms: FigureSchema,
  fps: FigureSchema,
});
export type PipelineModel = Static<typeof PipelineModelSchema>;

export const PipelineRowSchema = Type.Object({
  id: PipelineSchema,
  displayName: Type.String(),
  kind: Type.Enum(['batch', 'live'] as const),
  /** go-livepeer capability id. */
  capability: Type.Integer(),
  /** go-livepeer gateway route. */
  route: Type.String(),
  orchestrators: Count,
  jobs: Count,
  models: Type.Array(PipelineModelSchema),
});
export type PipelineRow = Static<typeof PipelineRowSchema>;

export const PipelinesSchema = Type.Object({
  window: WindowSchema,
  items: Type.Array(PipelineRowSchema),
});
export type Pipelines = Static<typeof PipelinesSchema>;
