import { jitterCoefficient, type TestloadJobRecord } from '@naap/otel';
import type { GatewayRequestRecord } from '@naap/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDataset, testCase } from './dataset.js';
import {
  orch,
  staticTarget,
  targetsFile,
  testConfig,
  testNetwork,
  testRunner,
  workload,
  type TestNetwork,
  type TestRunner,
} from './harness.js';

// Live video: streams pinned with orchestrator= through one gateway that
// knows every orchestrator; FPS sampled from the stream status must match
// what the simulated runners reported (ground truth: the ledger), and the
// injected FPS and jitter.

const INJECTED = {
  alpha: { mean: 24, sigma: 1.5 },
  beta: { mean: 12, sigma: 2 },
};
const STREAMS = 3;
const SAMPLES = 6;
const POLL_MS = 500;

let net: TestNetwork;
let t: TestRunner;
let records: TestloadJobRecord[] = [];

beforeAll(async () => {
  net = await testNetwork(
    Object.entries(INJECTED).map(([id, fps]) =>
      orch(id, [
        workload('live-video-to-video', 'streamdiffusion', {
          fps,
          ptff: { p50Ms: 2000, p95Ms: 4000 },
          streamMinutes: 600,
          capacity: 2,
        }),
      ]),
    ),
  );
  const gw = await net.gateway();
  const config = await testConfig({
    pinning: 'static',
    'gateway-url': gw.url,
    'cli-url': gw.cliUrl,
    'targets-file': await targetsFile(net, {
      targets: Object.keys(INJECTED).map((id) => staticTarget(net, id)),
    }),
    'jobs-per-unit': STREAMS,
    'live-poll-ms': POLL_MS,
    'live-sample-ms': 10_000,
    'live-samples': SAMPLES,
  });
  const dataset = await smallDataset([
    testCase('live-video-to-video', 'live/good', { params: { prompt: 'neon' } }),
  ]);
  t = await testRunner(config, net, { dataset });
  records = (await t.runner.once()).jobs.map((j) => j.record);
}, 120_000);

afterAll(async () => {
  await t.close();
  await net.dispose();
});

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The streams `id` served, from the ledger, in start order. */
function truthStreams(id: string): GatewayRequestRecord[] {
  return net
    .requests()
    .filter((r) => r.pipeline === 'live-video-to-video' && r.servedByOrchestratorId === id)
    .sort((a, b) => a.atMs - b.atMs);
}

describe('live video-to-video', () => {
  for (const [id, injected] of Object.entries(INJECTED)) {
    it(`measures ${id}'s streams: served by the target, FPS and jitter as its runner reported`, () => {
      const mine = records
        .filter((r) => r.orchestratorAddress === net.address(id))
        .sort((a, b) => a.timeUnixMs - b.timeUnixMs);
      const truth = truthStreams(id);
      expect(mine).toHaveLength(STREAMS);
      expect(truth).toHaveLength(STREAMS);
      mine.forEach((r, i) => {
        expect(r.outcome, r.errorMessage ?? '').toBe('success');
        expect(r.servedBy).toBe(net.address(id));
        expect(t.truth.servedBy(r.jobId)).toBe(net.address(id));
        expect(r.swapped).toBe(false);
        const job = truth[i]!.attempts.at(-1)!;
        const reported = job.live!.fpsSamples.map((s) => s.fps);
        const sampled = t.sink.details.get(r.jobId)?.fpsSamples ?? [];
        expect(sampled).toHaveLength(SAMPLES);
        // Every sample is a value the runner reported, taken in order (a poll may see one twice).
        const at = sampled.map((f) => reported.indexOf(f));
        expect(at.every((k) => k >= 0)).toBe(true);
        expect(at).toEqual([...at].sort((a, b) => a - b));
        expect(r.fps!.mean).toBeCloseTo(mean(sampled), 9);
        expect(r.jitter!).toBeCloseTo(jitterCoefficient(sampled)!, 9);
        // Seen online no earlier than the runner's first frame.
        expect(r.ptffMs!).toBeGreaterThanOrEqual(job.live!.ptffMs);
      });
      // Against the injected distribution: the mean within three standard errors, the jitter within half.
      const n = STREAMS * SAMPLES;
      const fps = mean(mine.map((r) => r.fps!.mean));
      expect(Math.abs(fps - injected.mean)).toBeLessThan((3 * injected.sigma) / Math.sqrt(n));
      const jitter = mean(mine.map((r) => r.jitter!));
      const want = injected.sigma / injected.mean;
      expect(Math.abs(jitter - want) / want).toBeLessThan(0.5);
    });
  }
});
