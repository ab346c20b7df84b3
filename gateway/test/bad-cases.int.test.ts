import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestloadJobRecord } from '@naap/otel';
import { loadDataset } from '../src/datasets/index.js';
import type { PinWebhook } from '../src/pinning/webhook.js';
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

// The public dataset's bad cases against one orchestrator serving every
// pipeline: a 4xx is the correct rejection (outcome success, expected
// rejection); nothing a bad case does ever counts against the orchestrator.

const MODELS = {
  'text-to-image': 'stabilityai/sdxl-turbo',
  'image-to-image': 'timbrooks/instruct-pix2pix',
  'image-to-video': 'stabilityai/stable-video-diffusion-img2vid-xt-1-1',
  upscale: 'stabilityai/stable-diffusion-x4-upscaler',
  'audio-to-text': 'openai/whisper-large-v3',
  'segment-anything-2': 'facebook/sam2-hiera-large',
  llm: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
  'image-to-text': 'Salesforce/blip-image-captioning-large',
  'text-to-speech': 'parler-tts/parler-tts-large-v1',
  'live-video-to-video': 'streamdiffusion',
} as const;

let net: TestNetwork;
let webhook: PinWebhook;
let t: TestRunner;
let records: TestloadJobRecord[] = [];
let badCases = 0;

beforeAll(async () => {
  net = await testNetwork([
    orch(
      'alpha',
      Object.entries(MODELS).map(([p, m]) => workload(p as keyof typeof MODELS, m)),
    ),
  ]);
  webhook = await testWebhook(net);
  const gw = await net.gateway({ webhookUrl: webhook.url });
  const dataset = await loadDataset(new URL('../datasets/v1', import.meta.url).pathname);
  const bad = { ...dataset, cases: dataset.cases.filter((c) => c.kind === 'bad') };
  badCases = bad.cases.length;
  const most = Math.max(
    ...Object.keys(MODELS).map((p) => bad.cases.filter((c) => c.pipeline === p).length),
  );
  const config = await testConfig({
    'gateway-url': gw.url,
    'cli-url': gw.cliUrl,
    'gateway-log': `${net.ctx.stateDir}/gateway.log`,
    'pin-settle-ms': 70_000,
    'jobs-per-unit': most,
    'max-jobs-per-minute': 1000,
  });
  t = await testRunner(config, net, { dataset: bad, webhook });
  records = (await t.runner.once()).jobs.map((j) => j.record);
}, 120_000);

afterAll(async () => {
  await t.close();
  await webhook.close();
  await net.dispose();
});

describe('bad cases', () => {
  it('runs every bad case of the dataset', () => {
    expect(new Set(records.map((r) => r.caseId)).size).toBe(badCases);
    expect(records.every((r) => r.caseKind === 'bad' && r.expectedRejection)).toBe(true);
  });

  it('classifies 4xx answers as correct rejections', () => {
    const rejected = records.filter(
      (r) => r.httpStatus !== null && r.httpStatus >= 400 && r.httpStatus < 500,
    );
    expect(rejected).toHaveLength(records.length);
    for (const r of rejected) {
      expect(r.outcome).toBe('success');
      expect(r.errorClass).toBe('bad_request');
      expect(r.errorMessage).not.toBe('');
    }
  });

  it('never counts a bad case against the orchestrator', () => {
    expect(records.filter((r) => r.outcome !== 'success')).toEqual([]);
  });
});
