import { Type, type Static } from 'typebox';
import { Count, NonNegative, Nullable, Ratio } from './common.js';

/** Version string stored on every score row; new weights mean a new version. */
export const SLA_VERSION = 'naap-sla-v1';

const LatencyInput = Type.Object({
  samples: Count,
  /** Median of the window's samples, from merged quantile states; null without samples. */
  medianMs: Nullable(NonNegative),
});

/**
 * The additive inputs of one score (one hour, or any coarser window merged
 * from hours), as stored next to the score and returned by the API so anyone
 * can recompute it. Latency medians come from merged quantile states.
 */
export const SlaInputsSchema = Type.Object({
  pipelineKind: Type.Union([Type.Literal('batch'), Type.Literal('live')]),
  jobs: Type.Object({ success: Count, failure: Count, excused: Count }),
  /** Batch: jobs on a cold model; live: stream starts. */
  startup: Type.Object({ attempts: Count, successes: Count }),
  /** Null when no gateway or test load reported swaps for this O. */
  swaps: Nullable(Type.Object({ observed: Count, swapped: Count })),
  ptff: LatencyInput,
  e2e: LatencyInput,
  fps: Type.Object({ count: Count, sum: NonNegative, sumSquares: NonNegative }),
  /** Null when no agent is enrolled for this O (only test loads apply). */
  heartbeats: Nullable(Type.Object({ received: Count, expected: Count })),
});
export type SlaInputs = Static<typeof SlaInputsSchema>;

const LatencyCohort = Type.Object({ p50Ms: NonNegative, p90Ms: NonNegative, hourlyRows: Count });
const FpsCohort = Type.Object({ p10: NonNegative, p50: NonNegative, hourlyRows: Count });

/** Network-wide benchmarks of the (pipeline, model) over the previous 7 days. */
export const SlaCohortSchema = Type.Object({
  ptff: Nullable(LatencyCohort),
  e2e: Nullable(LatencyCohort),
  fps: Nullable(FpsCohort),
});
export type SlaCohort = Static<typeof SlaCohortSchema>;

const NullableRatio = Nullable(Ratio);

/** A score with everything needed to explain it ("why is my score 83?"). */
export const SlaBreakdownSchema = Type.Object({
  version: Type.Literal(SLA_VERSION),
  /** 0–100; null when the window had no jobs. */
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  reason: Nullable(Type.Union([Type.Literal('no_jobs'), Type.Literal('no_inputs')])),
  coverage: Ratio,
  reliability: NullableRatio,
  quality: NullableRatio,
  rates: Type.Object({
    failure: NullableRatio,
    excused: NullableRatio,
    swap: NullableRatio,
    startupSuccess: NullableRatio,
  }),
  subscores: Type.Object({ ptff: NullableRatio, e2e: NullableRatio, fps: NullableRatio }),
  /**
   * Effective weight of each term in the score after renormalisation; they
   * sum to 1: score = 100 · coverage · (w.startup · startupSuccess +
   * w.swap · (1 − swap) + w.failure · (1 − failure) + w.ptff · ptff +
   * w.e2e · e2e + w.fps · fps).
   */
  weights: Type.Object({
    startup: Ratio,
    swap: Ratio,
    failure: Ratio,
    ptff: Ratio,
    e2e: Ratio,
    fps: Ratio,
  }),
});
export type SlaBreakdown = Static<typeof SlaBreakdownSchema>;
