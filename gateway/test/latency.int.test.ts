import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestloadJobRecord } from '@naap/otel';
import { smallDataset, testCase } from './dataset.js';
import {
  orch,
  percentile,
  pinnedGateway,
  staticTarget,
  targetsFile,
  testConfig,
  testNetwork,
  testRunner,
  workload,
  type TestNetwork,
  type TestRunner,
} from './harness.js';

// Injected latencies recovered: two orchestrators, each behind its own
// simulated gateway (static pinning), each serving ten models (ten jobs in
// flight per orchestrator: one per model, four in a row). The runner's
// client-side p50/p95 over the 40 jobs of each orchestrator must be within
// 5 % of the ground truth: the inference times the simulator drew for the
// very same jobs. The clock runs in real time: on an accelerated clock the
// wall milliseconds of each HTTP exchange on a busy machine would weigh as
// much more in simulated time.

const T2I = { p50Ms: 4_000, p95Ms: 8_000 };
const I2T = { p50Ms: 3_000, p95Ms: 6_000 };
const MODELS = Array.from({ length: 10 }, (_, i) => `m${i}`);
const PER_MODEL = 4;

let net: TestNetwork;
let t: TestRunner;
let records: TestloadJobRecord[] = [];

const serving = (pipeline: 'text-to-image' | 'image-to-text', latency: typeof T2I) =>
  MODELS.map((m) => workload(pipeline, m, { latency }));

beforeAll(async () => {
  net = await testNetwork(
    [orch('alpha', serving('text-to-image', T2I)), orch('beta', serving('image-to-text', I2T))],
    1,
  );
  const targets = [
    staticTarget(net, 'alpha', await pinnedGateway(net, 'alpha')),
    staticTarget(net, 'beta', await pinnedGateway(net, 'beta')),
  ];
  const config = await testConfig({
    pinning: 'static',
    'targets-file': await targetsFile(net, { targets }),
    'jobs-per-unit': PER_MODEL,
    'max-concurrent': 2 * MODELS.length,
    'max-jobs-per-minute': 1000,
  });
  const dataset = await smallDataset([
    testCase('text-to-image', 't2i/good-32', { prompt: 'a fox', width: 32, height: 32 }),
    testCase(
      'image-to-text',
      'i2t/good',
      { prompt: 'a picture of' },
      { media: { image: 'media/square-32.png' } },
    ),
  ]);
  t = await testRunner(config, net, { dataset });
  records = (await t.runner.once()).jobs.map((j) => j.record);
}, 120_000);

afterAll(async () => {
  await t.close();
  await net.dispose();
});

/** Inference times the simulator drew for the jobs `id` served (its ledger). */
function truth(id: string): number[] {
  return net
    .requests()
    .filter((r) => r.servedByOrchestratorId === id)
    .map((r) => r.attempts.at(-1)?.durationMs ?? Number.NaN);
}

describe('latency recovery', () => {
  it('runs every job, all successful', () => {
    expect(records).toHaveLength(2 * MODELS.length * PER_MODEL);
    expect(records.filter((r) => r.outcome !== 'success')).toEqual([]);
  });

  for (const [id, spec] of [
    ['alpha', T2I],
    ['beta', I2T],
  ] as const) {
    it(`recovers ${id}'s injected latency at p50 and p95 within 5 %`, () => {
      const got = records
        .filter((r) => r.orchestratorAddress === net.address(id))
        .map((r) => r.latencyMs);
      const injected = truth(id);
      expect(got).toHaveLength(MODELS.length * PER_MODEL);
      expect(injected).toHaveLength(got.length);
      for (const p of [50, 95]) {
        const m = percentile(got, p);
        const want = percentile(injected, p);
        expect(Math.abs(m - want) / want, `p${p}: measured ${m}, injected ${want}`).toBeLessThan(
          0.05,
        );
      }
      // The draws themselves follow the scenario (the sampling error of 40 draws allowed).
      expect(Math.abs(percentile(injected, 50) - spec.p50Ms) / spec.p50Ms).toBeLessThan(0.3);
    });
  }

  it('records time to first byte no later than the whole answer', () => {
    for (const r of records) {
      expect(r.ttfbMs).not.toBeNull();
      expect(r.ttfbMs!).toBeLessThanOrEqual(r.latencyMs);
    }
  });
});
