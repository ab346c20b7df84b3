import { ERROR_CLASS_NAMES, PIPELINE_IDS, REGION_CODES } from '@naap/otel';
import { Type, type Static } from 'typebox';
import { GPU_MODEL_KEYS, MIG_PROFILES } from './gpu-models.js';

/**
 * The scenario file format (YAML or JSON). Documented field by field in
 * `sim/README.md`; `naap-sim scenario --generate` writes valid examples.
 */

const Ms = Type.Number({ minimum: 0, maximum: 3_600_000 });

export const LatencySpecSchema = Type.Object(
  { p50Ms: Ms, p95Ms: Ms },
  { additionalProperties: false },
);

export const WorkloadSpecSchema = Type.Object(
  {
    pipeline: Type.Enum(PIPELINE_IDS),
    model: Type.String({ minLength: 1, maxLength: 200 }),
    /** Batch: inference time per job. Live: end-to-end segment latency. */
    latency: Type.Optional(LatencySpecSchema),
    /** Probability that a job fails for the orchestrator's fault. */
    failureRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Relative weights of the error classes of failures. */
    errors: Type.Optional(
      Type.Partial(
        Type.Record(Type.Enum(ERROR_CLASS_NAMES), Type.Number({ minimum: 0 }), {
          additionalProperties: false,
        }),
      ),
    ),
    /** Background demand: batch jobs (or live streams) per hour at the daily peak. */
    demandPerHour: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    /** Concurrent jobs the runner accepts. */
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
    /** Whether the model is loaded (warm) at start. */
    warm: Type.Optional(Type.Boolean()),
    /** Extra time of the first job on a cold model. */
    coldStartMs: Type.Optional(Ms),
    /** Live only: output FPS per sample. */
    fps: Type.Optional(
      Type.Object(
        {
          mean: Type.Number({ minimum: 0, maximum: 240 }),
          sigma: Type.Number({ minimum: 0, maximum: 100 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** Live only: prompt-to-first-frame. */
    ptff: Type.Optional(LatencySpecSchema),
    /** Live only: mean stream length. */
    streamMinutes: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1440 })),
  },
  { additionalProperties: false },
);

export const GpuSpecSchema = Type.Object(
  {
    model: Type.Enum(GPU_MODEL_KEYS),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
    /** MIG instances carved out of each GPU, by profile name. */
    mig: Type.Optional(
      Type.Array(Type.Enum(Object.keys(MIG_PROFILES)), { minItems: 1, maxItems: 7 }),
    ),
    workloads: Type.Array(WorkloadSpecSchema, { minItems: 1, maxItems: 16 }),
  },
  { additionalProperties: false },
);

const IsoTime = Type.String({ minLength: 10, maxLength: 40 });

export const OutageSpecSchema = Type.Union([
  Type.Object({ from: IsoTime, to: IsoTime }, { additionalProperties: false }),
  Type.Object(
    {
      everyHours: Type.Number({ minimum: 1, maximum: 24 * 30 }),
      offsetMinutes: Type.Number({ minimum: 0 }),
      durationMinutes: Type.Number({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
]);

export const OrchestratorSpecSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    region: Type.Enum(REGION_CODES),
    serviceUri: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 200 })),
    version: Type.Optional(Type.String({ maxLength: 40 })),
    /** Price per unit in wei (per pixel for batch pipelines). */
    pricePerUnit: Type.Optional(Type.Integer({ minimum: 0 })),
    /** A label for people and tests: what this orchestrator is meant to show. */
    behaviour: Type.Optional(Type.Enum(['healthy', 'flaky', 'slow', 'outage'] as const)),
    outages: Type.Optional(Type.Array(OutageSpecSchema, { maxItems: 100 })),
    /** Whether an agent runs beside it (default true). */
    agent: Type.Optional(Type.Boolean()),
    gpus: Type.Array(GpuSpecSchema, { minItems: 1, maxItems: 16 }),
  },
  { additionalProperties: false },
);

export const ScenarioSchema = Type.Object(
  {
    version: Type.Literal(1),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 })),
    /** Workload fields applied where a workload leaves them out. */
    defaults: Type.Optional(Type.Partial(Type.Omit(WorkloadSpecSchema, ['pipeline', 'model']))),
    orchestrators: Type.Array(OrchestratorSpecSchema, { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);

export type LatencySpec = Static<typeof LatencySpecSchema>;
export type WorkloadSpec = Static<typeof WorkloadSpecSchema>;
export type GpuSpec = Static<typeof GpuSpecSchema>;
export type OutageSpec = Static<typeof OutageSpecSchema>;
export type OrchestratorSpec = Static<typeof OrchestratorSpecSchema>;
export type Scenario = Static<typeof ScenarioSchema>;
