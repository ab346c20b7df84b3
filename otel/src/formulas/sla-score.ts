import { SLA_VERSION, type SlaBreakdown, type SlaCohort, type SlaInputs } from '../wire/sla.js';
import { coverage } from './availability.js';
import { clamp } from './guards.js';
import { fpsMean } from './jitter.js';
import { excusedRate, failureRate, startupSuccessRate, swapRate, totalJobs } from './rates.js';
import { fpsSubscore, latencySubscore } from './subscores.js';
import { renormalized } from './weighted.js';

/** The weights of `naap-sla-v1` (metrics.md §4). */
export const SLA_V1_WEIGHTS = {
  reliability: { startup: 0.4, swap: 0.2, failure: 0.4 },
  latency: { ptff: 0.6, e2e: 0.4 },
  quality: { latency: 0.6, fps: 0.4 },
  score: { reliability: 0.7, quality: 0.3 },
} as const;

const complement = (x: number | null): number | null => (x === null ? null : 1 - x);

function rates(inputs: SlaInputs): SlaBreakdown['rates'] {
  return {
    failure: failureRate(inputs.jobs),
    excused: excusedRate(inputs.jobs),
    swap: inputs.swaps === null ? null : swapRate(inputs.swaps.swapped, inputs.swaps.observed),
    startupSuccess: startupSuccessRate(inputs.startup.successes, inputs.startup.attempts),
  };
}

function subscores(inputs: SlaInputs, cohort: SlaCohort): SlaBreakdown['subscores'] {
  const live = inputs.pipelineKind === 'live';
  return {
    ptff: live ? latencySubscore(inputs.ptff.medianMs, inputs.ptff.samples, cohort.ptff) : null,
    e2e: latencySubscore(inputs.e2e.medianMs, inputs.e2e.samples, cohort.e2e),
    fps: live ? fpsSubscore(fpsMean(inputs.fps), inputs.fps.count, cohort.fps) : null,
  };
}

const NO_WEIGHTS: SlaBreakdown['weights'] = {
  startup: 0,
  swap: 0,
  failure: 0,
  ptff: 0,
  e2e: 0,
  fps: 0,
};

/**
 * The `naap-sla-v1` score of one window (metrics.md §4):
 * - reliability = 0.4·startup_success_rate + 0.2·(1 − swap_rate) + 0.4·(1 − failure_rate)
 * - quality = 0.6·(0.6·ptff + 0.4·e2e) + 0.4·fps
 * - score = clamp(100 · coverage · (0.7·reliability + 0.3·quality), 0, 100)
 * Inputs that do not apply drop out and their group's weights renormalise:
 * batch pipelines have no PTFF and no FPS; startup drops out without cold
 * starts; swap drops out when nobody reported swaps. Null without jobs, and
 * null ("no_inputs") when no reliability input applies (only excused jobs).
 */
export function slaScoreV1(inputs: SlaInputs, cohort: SlaCohort): SlaBreakdown {
  const r = rates(inputs);
  const s = subscores(inputs, cohort);
  const cov = coverage(inputs.heartbeats);
  const w = SLA_V1_WEIGHTS;

  const reliability = renormalized({
    startup: { weight: w.reliability.startup, value: r.startupSuccess },
    swap: { weight: w.reliability.swap, value: complement(r.swap) },
    failure: { weight: w.reliability.failure, value: complement(r.failure) },
  });
  const latency = renormalized({
    ptff: { weight: w.latency.ptff, value: s.ptff },
    e2e: { weight: w.latency.e2e, value: s.e2e },
  });
  const quality = renormalized({
    latency: { weight: w.quality.latency, value: latency?.value ?? null },
    fps: { weight: w.quality.fps, value: s.fps },
  });

  const base = {
    version: SLA_VERSION,
    coverage: cov,
    reliability: reliability?.value ?? null,
    quality: quality?.value ?? null,
    rates: r,
    subscores: s,
  } as const;
  if (totalJobs(inputs.jobs) === 0)
    return { ...base, score: null, reason: 'no_jobs', weights: NO_WEIGHTS };
  if (reliability === null || quality === null) {
    return { ...base, score: null, reason: 'no_inputs', weights: NO_WEIGHTS };
  }

  const { reliability: wr, quality: wq } = w.score;
  const lat = (k: keyof typeof w.latency): number =>
    wq * quality.weights.latency * (latency?.weights[k] ?? 0);
  return {
    ...base,
    score: clamp(100 * cov * (wr * reliability.value + wq * quality.value), 0, 100),
    reason: null,
    weights: {
      startup: wr * reliability.weights.startup,
      swap: wr * reliability.weights.swap,
      failure: wr * reliability.weights.failure,
      ptff: lat('ptff'),
      e2e: lat('e2e'),
      fps: wq * quality.weights.fps,
    },
  };
}
