import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinWebhook } from '../src/pinning/webhook.js';
import type { JobDone } from '../src/run/execute.js';
import { defaultCases, smallDataset } from './dataset.js';
import {
  orch,
  testConfig,
  testNetwork,
  testRunner,
  testWebhook,
  workload,
  type TestNetwork,
  type TestRunner,
} from './harness.js';

// Webhook pinning against the simulated go-livepeer gateway: every pipeline
// on three orchestrators, one target at a time, settled past the gateway's
// webhook cache. Every job must be served by its target (ground truth: the
// simulator's header, which the runner never reads).

const ALL = (fpsMean = 24) => [
  workload('text-to-image', 'stabilityai/sdxl-turbo', { latency: { p50Ms: 1500, p95Ms: 3000 } }),
  workload('image-to-image', 'timbrooks/instruct-pix2pix'),
  workload('upscale', 'stabilityai/stable-diffusion-x4-upscaler'),
  workload('image-to-video', 'stabilityai/stable-video-diffusion-img2vid-xt-1-1', {
    latency: { p50Ms: 8000, p95Ms: 12000 },
  }),
  workload('audio-to-text', 'openai/whisper-large-v3'),
  workload('segment-anything-2', 'facebook/sam2-hiera-large'),
  workload('llm', 'meta-llama/Meta-Llama-3.1-8B-Instruct', {
    latency: { p50Ms: 10_000, p95Ms: 15_000 },
  }),
  workload('image-to-text', 'Salesforce/blip-image-captioning-large'),
  workload('text-to-speech', 'parler-tts/parler-tts-large-v1'),
  workload('live-video-to-video', 'streamdiffusion', {
    fps: { mean: fpsMean, sigma: 1 },
    ptff: { p50Ms: 2000, p95Ms: 3000 },
    streamMinutes: 600,
    capacity: 2,
  }),
];

let net: TestNetwork;
let webhook: PinWebhook;
let t: TestRunner;
let jobs: JobDone[] = [];

beforeAll(async () => {
  net = await testNetwork([orch('alpha', ALL(24)), orch('beta', ALL(18)), orch('gamma', ALL(30))]);
  webhook = await testWebhook(net);
  const gw = await net.gateway({ webhookUrl: webhook.url });
  const config = await testConfig({
    'gateway-url': gw.url,
    'cli-url': gw.cliUrl,
    'gateway-log': `${net.ctx.stateDir}/gateway.log`,
    pinning: 'webhook',
    'pin-settle-ms': 70_000,
    'jobs-per-unit': 2,
    'max-concurrent': 4,
    'max-jobs-per-minute': 60,
    'async-poll-ms': 500,
    'live-sample-ms': 10_000,
    'live-samples': 3,
  });
  t = await testRunner(config, net, { dataset: await smallDataset(), webhook });
  jobs = (await t.runner.once()).jobs.slice();
}, 120_000);

afterAll(async () => {
  await t.close();
  await webhook.close();
  await net.dispose();
});

describe('webhook pinning', () => {
  it('runs every pipeline on every target and serves each job from its target', () => {
    const records = jobs.map((j) => j.record);
    // 3 targets × 10 pipelines × 2 jobs.
    expect(records).toHaveLength(60);
    const failed = records.filter((r) => r.outcome !== 'success');
    expect(failed.map((r) => `${r.caseId}: ${r.errorMessage}`)).toEqual([]);
    for (const r of records) {
      expect(t.truth.servedBy(r.jobId), r.caseId).toBe(r.orchestratorAddress);
      expect(r.servedBy, r.caseId).toBe(r.orchestratorAddress);
      expect(r.swapped).toBe(false);
    }
    expect(new Set(records.map((r) => r.pipeline)).size).toBe(10);
  });

  it('names the dataset version and case of every result', () => {
    const cases = new Set(defaultCases().map((c) => c.id));
    for (const { record } of jobs) {
      expect(record.datasetVersion).toBe('test-1');
      expect(cases.has(record.caseId)).toBe(true);
      expect(record.synthetic).toBe(true);
      expect(record.region).toBe('FRA');
    }
  });

  it('matches the gateway ledger: one routed request per job, each pinned to the job target', () => {
    const requests = net.requests();
    const byAddress = new Map(
      net.ctx.network.orchestrators.map((o) => [o.id, o.address.toLowerCase()]),
    );
    expect(requests.length).toBe(jobs.length);
    for (const r of requests) {
      expect(r.swapped).toBe(false);
      expect(byAddress.get(r.servedByOrchestratorId ?? '')).toBeDefined();
    }
  });

  it('measures TTFT and tokens/s for streamed LLM jobs and FPS for live streams', () => {
    const llm = jobs.map((j) => j.record).filter((r) => r.caseId === 'llm/good-stream');
    expect(llm.length).toBeGreaterThan(0);
    for (const r of llm) {
      expect(r.ttfbMs).toBeGreaterThan(0);
      expect(r.ttfbMs!).toBeLessThan(r.latencyMs);
      expect(r.tokensPerSecond).toBeGreaterThan(0);
    }
    const live = jobs.map((j) => j.record).filter((r) => r.pipeline === 'live-video-to-video');
    expect(live).toHaveLength(6);
    const mean = (who: string) =>
      live.filter((r) => r.orchestratorAddress === net.address(who)).map((r) => r.fps?.mean ?? 0);
    for (const m of mean('alpha')) expect(Math.abs(m - 24)).toBeLessThan(2);
    for (const m of mean('beta')) expect(Math.abs(m - 18)).toBeLessThan(2);
    for (const r of live) {
      expect(r.fps?.count).toBe(3);
      expect(r.ptffMs).toBeGreaterThan(0);
    }
  });

  it('answers the gateway only the current target, and the gateway asked', () => {
    expect(webhook.state.fetches).toBeGreaterThan(3);
    expect(webhook.state.current()).toHaveLength(1);
  });
});
