import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { SlaBreakdownSchema, type SlaCohort, type SlaInputs } from '../wire/sla.js';
import { slaScoreV1 } from './sla-score.js';

const EMPTY_LATENCY = { samples: 0, medianMs: null };
const NO_FPS = { count: 0, sum: 0, sumSquares: 0 };

const batchInputs: SlaInputs = {
  pipelineKind: 'batch',
  jobs: { success: 97, failure: 2, excused: 1 },
  startup: { attempts: 4, successes: 3 },
  swaps: { observed: 50, swapped: 1 },
  ptff: EMPTY_LATENCY,
  e2e: { samples: 20, medianMs: 1200 },
  fps: NO_FPS,
  heartbeats: { received: 700, expected: 720 },
};

const batchCohort: SlaCohort = {
  ptff: null,
  e2e: { p50Ms: 1000, p90Ms: 2000, hourlyRows: 100 },
  fps: null,
};

const sumOfWeights = (w: Record<string, number>): number =>
  Object.values(w).reduce((a, b) => a + b, 0);

describe('slaScoreV1, batch pipeline', () => {
  const result = slaScoreV1(batchInputs, batchCohort);

  it('matches the formula worked by hand', () => {
    // reliability = 0.4·(3/4) + 0.2·(1 − 1/50) + 0.4·(1 − 2/99)
    //             = 0.3 + 0.196 + 0.3919192 = 0.8879192
    const reliability = 0.4 * 0.75 + 0.2 * 0.98 + 0.4 * (97 / 99);
    // quality = e2e only (batch): raw (2000 − 1200) / 1000 = 0.8, 20 samples → unshrunk
    const quality = 0.8;
    // score = 100 · (700/720) · (0.7 · 0.8879192 + 0.3 · 0.8) = 83.76
    const expected = 100 * (700 / 720) * (0.7 * reliability + 0.3 * quality);
    expect(result.reliability).toBeCloseTo(0.8879192, 6);
    expect(result.quality).toBeCloseTo(0.8, 12);
    expect(result.coverage).toBeCloseTo(0.9722222, 6);
    expect(result.score).toBeCloseTo(expected, 9);
    expect(result.score).toBeCloseTo(83.7612, 3);
    expect(result.reason).toBeNull();
    expect(result.version).toBe('naap-sla-v1');
  });

  it('explains itself: rates, subscores and weights that recompute the score', () => {
    expect(result.rates.failure).toBeCloseTo(2 / 99, 12);
    expect(result.rates.excused).toBeCloseTo(0.01, 12);
    expect(result.rates.swap).toBeCloseTo(0.02, 12);
    expect(result.rates.startupSuccess).toBe(0.75);
    expect(result.subscores.ptff).toBeNull();
    expect(result.subscores.e2e).toBeCloseTo(0.8, 12);
    expect(result.subscores.fps).toBeNull();
    expect(result.weights.startup).toBeCloseTo(0.28, 12);
    expect(result.weights.swap).toBeCloseTo(0.14, 12);
    expect(result.weights.failure).toBeCloseTo(0.28, 12);
    expect(result.weights.e2e).toBeCloseTo(0.3, 12);
    expect(result.weights.ptff).toBe(0);
    expect(result.weights.fps).toBe(0);
    expect(sumOfWeights(result.weights)).toBeCloseTo(1, 12);
    const w = result.weights;
    const recomputed =
      100 *
      result.coverage *
      (w.startup * 0.75 + w.swap * (1 - 0.02) + w.failure * (1 - 2 / 99) + w.e2e * 0.8);
    expect(recomputed).toBeCloseTo(result.score ?? NaN, 9);
  });

  it('conforms to the published wire schema', () => {
    expect(Value.Check(SlaBreakdownSchema, result)).toBe(true);
  });

  it('renormalises reliability when swaps and cold starts do not apply', () => {
    const r = slaScoreV1(
      { ...batchInputs, swaps: null, startup: { attempts: 0, successes: 0 }, heartbeats: null },
      batchCohort,
    );
    // reliability = 1 − 2/99 alone; coverage 1 without an agent.
    expect(r.reliability).toBeCloseTo(97 / 99, 12);
    expect(r.score).toBeCloseTo(100 * (0.7 * (97 / 99) + 0.3 * 0.8), 9);
    expect(r.weights.failure).toBeCloseTo(0.7, 12);
    expect(r.weights.swap).toBe(0);
    expect(r.weights.startup).toBe(0);
  });

  it('gives 0.5 quality when the cohort is too small', () => {
    const r = slaScoreV1(batchInputs, {
      ...batchCohort,
      e2e: { p50Ms: 1000, p90Ms: 2000, hourlyRows: 47 },
    });
    expect(r.quality).toBe(0.5);
  });
});

describe('slaScoreV1, live pipeline', () => {
  const inputs: SlaInputs = {
    pipelineKind: 'live',
    jobs: { success: 10, failure: 0, excused: 0 },
    startup: { attempts: 10, successes: 10 },
    swaps: null,
    ptff: { samples: 10, medianMs: 2500 },
    e2e: { samples: 10, medianMs: 800 },
    // 300 samples, mean 20
    fps: { count: 300, sum: 6000, sumSquares: 121_200 },
    heartbeats: null,
  };
  const cohort: SlaCohort = {
    ptff: { p50Ms: 2000, p90Ms: 4000, hourlyRows: 60 },
    e2e: { p50Ms: 500, p90Ms: 1000, hourlyRows: 60 },
    fps: { p10: 10, p50: 25, hourlyRows: 60 },
  };

  it('matches the formula worked by hand', () => {
    const r = slaScoreV1(inputs, cohort);
    // ptff (4000 − 2500)/2000 = 0.75; e2e (1000 − 800)/500 = 0.4; fps (20 − 10)/15 = 2/3
    expect(r.subscores.ptff).toBeCloseTo(0.75, 12);
    expect(r.subscores.e2e).toBeCloseTo(0.4, 12);
    expect(r.subscores.fps).toBeCloseTo(2 / 3, 12);
    // quality = 0.6 · (0.6 · 0.75 + 0.4 · 0.4) + 0.4 · 2/3 = 0.366 + 0.2666667
    expect(r.quality).toBeCloseTo(0.6326667, 6);
    // reliability: startup 1 and failure 0 (swap drops out) = 1
    expect(r.reliability).toBe(1);
    expect(r.score).toBeCloseTo(100 * (0.7 + 0.3 * 0.6326667), 4);
    expect(r.score).toBeCloseTo(88.98, 2);
    const expectedWeights = {
      startup: 0.35,
      swap: 0,
      failure: 0.35,
      ptff: 0.108,
      e2e: 0.072,
      fps: 0.12,
    };
    for (const [term, weight] of Object.entries(expectedWeights)) {
      expect(r.weights[term as keyof typeof expectedWeights], term).toBeCloseTo(weight, 12);
    }
  });

  it('uses 0.5 for live inputs that had no samples', () => {
    const r = slaScoreV1(
      { ...inputs, ptff: EMPTY_LATENCY, fps: { count: 0, sum: 0, sumSquares: 0 } },
      cohort,
    );
    expect(r.subscores.ptff).toBe(0.5);
    expect(r.subscores.fps).toBe(0.5);
  });
});

describe('slaScoreV1, edge cases', () => {
  it('is null without jobs', () => {
    const r = slaScoreV1(
      { ...batchInputs, jobs: { success: 0, failure: 0, excused: 0 } },
      batchCohort,
    );
    expect(r.score).toBeNull();
    expect(r.reason).toBe('no_jobs');
    expect(sumOfWeights(r.weights)).toBe(0);
  });

  it('is null when only excused jobs leave reliability empty', () => {
    const r = slaScoreV1(
      {
        ...batchInputs,
        jobs: { success: 0, failure: 0, excused: 4 },
        startup: { attempts: 0, successes: 0 },
        swaps: null,
      },
      batchCohort,
    );
    expect(r.score).toBeNull();
    expect(r.reason).toBe('no_inputs');
    expect(r.rates.excused).toBe(1);
  });

  it('is 0 when every job failed and nothing else scores', () => {
    const r = slaScoreV1(
      {
        ...batchInputs,
        jobs: { success: 0, failure: 5, excused: 0 },
        startup: { attempts: 5, successes: 0 },
        swaps: { observed: 5, swapped: 5 },
        e2e: { samples: 20, medianMs: 9000 },
        heartbeats: null,
      },
      batchCohort,
    );
    expect(r.score).toBe(0);
  });

  it('is 100 at best and scales with coverage', () => {
    const perfect: SlaInputs = {
      ...batchInputs,
      jobs: { success: 50, failure: 0, excused: 0 },
      startup: { attempts: 2, successes: 2 },
      swaps: { observed: 50, swapped: 0 },
      e2e: { samples: 50, medianMs: 500 },
      heartbeats: { received: 720, expected: 720 },
    };
    expect(slaScoreV1(perfect, batchCohort).score).toBe(100);
    const half = slaScoreV1(
      { ...perfect, heartbeats: { received: 360, expected: 720 } },
      batchCohort,
    );
    expect(half.score).toBe(50);
    const none = slaScoreV1(
      { ...perfect, heartbeats: { received: 0, expected: 720 } },
      batchCohort,
    );
    expect(none.score).toBe(0);
  });

  it('rejects NaN and negative inputs', () => {
    expect(() =>
      slaScoreV1(
        { ...batchInputs, jobs: { success: Number.NaN, failure: 0, excused: 0 } },
        batchCohort,
      ),
    ).toThrow(RangeError);
    expect(() =>
      slaScoreV1({ ...batchInputs, e2e: { samples: 3, medianMs: -1 } }, batchCohort),
    ).toThrow(/latency/);
    expect(() =>
      slaScoreV1({ ...batchInputs, heartbeats: { received: -1, expected: 720 } }, batchCohort),
    ).toThrow(/heartbeats\.received/);
  });
});
