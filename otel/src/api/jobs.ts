import { Type, type Static } from 'typebox';
import {
  AddressSchema,
  FormatSchema,
  ModelIdSchema,
  Nullable,
  PipelineSchema,
  PointSchema,
  RegionSchema,
  SourceSchema,
  TimeMs,
  TimeParamSchema,
  WindowNameSchema,
} from './common.js';

/**
 * Job figures over time (`GET /jobs/series`): latency and prompt-to-first-
 * frame percentiles as bands, jobs by outcome, success rate, live FPS —
 * per minute up to 6 h, per hour beyond, each bucket computed from its own
 * additive states.
 */
export const JOB_SERIES = {
  latency: { unit: 'ms', stats: ['p50', 'p95', 'p99'] },
  ptff: { unit: 'ms', stats: ['p50', 'p95'] },
  jobs: { unit: '{job}', stats: ['success', 'failure', 'excused'] },
  success_rate: { unit: '1', stats: ['value'] },
  fps: { unit: '{frame}/s', stats: ['mean'] },
} as const;
export type JobSeriesKey = keyof typeof JOB_SERIES;
export const JOB_SERIES_KEYS = Object.keys(JOB_SERIES) as JobSeriesKey[];

export const JobSeriesQuerySchema = Type.Object(
  {
    metric: Type.Enum(JOB_SERIES_KEYS),
    orchestrator: Type.Optional(AddressSchema),
    pipeline: Type.Optional(PipelineSchema),
    model: Type.Optional(ModelIdSchema),
    /** The region column: the agent's region, or the test-load gateway's. */
    region: Type.Optional(RegionSchema),
    /** Default: test loads when they measured something in the range, else the agent. */
    source: Type.Optional(Type.Enum(['agent', 'testload'] as const)),
    from: Type.Optional(TimeParamSchema),
    to: Type.Optional(TimeParamSchema),
    window: Type.Optional(WindowNameSchema),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type JobSeriesQuery = Static<typeof JobSeriesQuerySchema>;

export const JobSeriesSchema = Type.Object({
  metric: Type.Enum(JOB_SERIES_KEYS),
  unit: Type.String(),
  /** Where every value comes from; null when nothing was measured. */
  source: Nullable(SourceSchema),
  fromMs: TimeMs,
  toMs: TimeMs,
  stepMs: Type.Integer({ minimum: 1 }),
  /** One series per statistic (p50, p95… or success, failure…), a point per bucket (null: no data). */
  series: Type.Array(Type.Object({ stat: Type.String(), points: Type.Array(PointSchema) })),
});
export type JobSeries = Static<typeof JobSeriesSchema>;
