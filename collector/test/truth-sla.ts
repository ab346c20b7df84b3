import {
  COHORT_MIN_HOURLY_ROWS,
  isPipelineId,
  pipelineInfo,
  slaScoreV1,
  type SlaCohort,
  type SlaInputs,
} from '@naap/otel';
import type { TruthRow } from './sim-cli.js';

/**
 * The `SlaInputs` the truth gives an agent-sourced score, mapped the way the
 * contract defines each input and the collector's agent source measures it:
 * - jobs by outcome: as counted;
 * - startup: batch — cold-model jobs; live — every stream start (a live job
 *   is one startup attempt);
 * - swaps: none (no agent observes them); PTFF: none (test loads measure it);
 * - E2E: batch — the job durations (`took=`), their median over the hour
 *   (the truth's, of every job: see the flaky workload's error mix);
 *   live — none (the agent reports stream FPS, not segment latency);
 * - FPS: the samples' n, Σ, Σ²;
 * - heartbeats: the orchestrator's available / window seconds, counted in
 *   minutes (the score uses only their ratio, the coverage; the history's
 *   agents report every 10 or 60 s, outages start and end on a minute).
 */

const HEARTBEAT_INTERVAL_S = 60;

export function truthInputs(row: TruthRow): SlaInputs {
  if (!isPipelineId(row.pipeline)) throw new Error(`not a pipeline: ${row.pipeline}`);
  const kind = pipelineInfo(row.pipeline).kind;
  const live = kind === 'live';
  const { success, failure, excused } = row.jobs;
  return {
    pipelineKind: kind,
    jobs: { success, failure, excused },
    startup: live
      ? { attempts: success + failure + excused, successes: success }
      : { ...row.startup },
    swaps: null,
    ptff: { samples: 0, medianMs: null },
    e2e: live
      ? { samples: 0, medianMs: null }
      : { samples: success, medianMs: success > 0 ? (row.latencyMs?.p50 ?? null) : null },
    fps: live ? { ...(row.fps?.moments ?? { count: 0, sum: 0, sumSquares: 0 }) } : EMPTY_FPS,
    heartbeats: {
      received: Math.round(row.availableSeconds / HEARTBEAT_INTERVAL_S),
      expected: Math.round(row.windowSeconds / HEARTBEAT_INTERVAL_S),
    },
  };
}

const EMPTY_FPS = { count: 0, sum: 0, sumSquares: 0 } as const;

/** The truth's score and how far the contract's latency tolerance (±5 % on a median) moves it. */
export interface ExpectedScore {
  readonly score: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Whether a latency median can move the score: a cohort with enough rows and a median. */
  readonly medianMatters: boolean;
}

export const LATENCY_TOLERANCE = 0.05;

export function expectedScore(inputs: SlaInputs, cohort: SlaCohort): ExpectedScore {
  const score = slaScoreV1(inputs, cohort).score;
  const median = inputs.e2e.medianMs;
  const judged = (cohort.e2e?.hourlyRows ?? 0) >= COHORT_MIN_HOURLY_ROWS;
  if (median === null || !judged) return { score, min: score, max: score, medianMatters: false };
  const at = (m: number): number | null =>
    slaScoreV1({ ...inputs, e2e: { ...inputs.e2e, medianMs: m } }, cohort).score;
  // The latency subscore never rises with the median: the slowest median gives the lowest score.
  return {
    score,
    min: at(median * (1 + LATENCY_TOLERANCE)),
    max: at(median * (1 - LATENCY_TOLERANCE)),
    medianMatters: true,
  };
}
