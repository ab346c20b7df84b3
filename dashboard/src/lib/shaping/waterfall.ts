import type { SlaBreakdown } from '@naap/otel';

/**
 * "Why this score": the score as a waterfall from 100 (dashboard.md). With
 * the effective weights w (summing to 1) and the credit c of each input
 * (1 − failure rate, 1 − swap rate, startup success, the latency and FPS
 * subscores), score = 100 · coverage · Σ w·c, so each input costs
 * 100 · w · (1 − c) points and coverage then scales what is left.
 */
export type TermKey = keyof SlaBreakdown['weights'];

export interface WaterfallStep {
  readonly key: TermKey | 'coverage';
  readonly group: 'reliability' | 'quality' | 'coverage';
  readonly label: string;
  /** The input as people read it (a failure rate, a subscore), 0–1; null when it did not apply. */
  readonly input: number | null;
  /** What the input is worth in the formula, 0–1 (1 − rate for failure and swap). */
  readonly credit: number | null;
  /** Effective weight after renormalisation, 0–1 (coverage: null, it multiplies). */
  readonly weight: number | null;
  /** Points lost to this step. */
  readonly loss: number;
  /** Running score before and after the step. */
  readonly from: number;
  readonly to: number;
}

export interface Waterfall {
  readonly steps: readonly WaterfallStep[];
  /** 100 · Σ w·c, before coverage. */
  readonly beforeCoverage: number;
  /** The score the steps arrive at (equals the breakdown's score up to rounding). */
  readonly score: number;
}

const TERMS: readonly {
  key: TermKey;
  group: 'reliability' | 'quality';
  label: string;
  complement: boolean;
}[] = [
  { key: 'startup', group: 'reliability', label: 'Startup success', complement: false },
  { key: 'swap', group: 'reliability', label: 'Swap rate', complement: true },
  { key: 'failure', group: 'reliability', label: 'Failure rate', complement: true },
  { key: 'ptff', group: 'quality', label: 'Prompt to first frame', complement: false },
  { key: 'e2e', group: 'quality', label: 'End-to-end latency', complement: false },
  { key: 'fps', group: 'quality', label: 'Output FPS', complement: false },
];

function inputOf(b: SlaBreakdown, key: TermKey): number | null {
  switch (key) {
    case 'startup':
      return b.rates.startupSuccess;
    case 'swap':
      return b.rates.swap;
    case 'failure':
      return b.rates.failure;
    default:
      return b.subscores[key];
  }
}

/** The waterfall of a breakdown; null when the window has no score. */
export function scoreWaterfall(b: SlaBreakdown): Waterfall | null {
  if (b.score === null) return null;
  const steps: WaterfallStep[] = [];
  let running = 100;
  for (const term of TERMS) {
    const weight = b.weights[term.key];
    const input = inputOf(b, term.key);
    if (weight <= 0 || input === null) continue;
    const credit = term.complement ? 1 - input : input;
    const loss = 100 * weight * (1 - credit);
    steps.push({
      key: term.key,
      group: term.group,
      label: term.label,
      input,
      credit,
      weight,
      loss,
      from: running,
      to: running - loss,
    });
    running -= loss;
  }
  const beforeCoverage = running;
  const after = beforeCoverage * b.coverage;
  steps.push({
    key: 'coverage',
    group: 'coverage',
    label: 'Telemetry coverage',
    input: b.coverage,
    credit: b.coverage,
    weight: null,
    loss: beforeCoverage - after,
    from: beforeCoverage,
    to: after,
  });
  return { steps, beforeCoverage, score: Math.min(Math.max(after, 0), 100) };
}
