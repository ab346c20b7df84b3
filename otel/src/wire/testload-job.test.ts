import { describe, expect, it } from 'vitest';
import { ATTR } from '../catalog/attributes.js';
import {
  testloadJobFromAttributes,
  testloadJobToAttributes,
  validateTestloadJob,
  type TestloadJobRecord,
} from './testload-job.js';

const liveJob: TestloadJobRecord = {
  jobId: 'job-0001',
  timeUnixMs: 1_795_000_000_000,
  region: 'FRA',
  orchestratorAddress: '0x3b28a7d785356dc67c7970666747e042305bfb79',
  orchestratorUri: 'https://orch-1.example:8935',
  pipeline: 'live-video-to-video',
  modelId: 'streamdiffusion-sdxl',
  datasetVersion: '2026.11.1',
  caseId: 'lv2v-good-001',
  caseKind: 'good',
  outcome: 'success',
  errorClass: null,
  errorMessage: null,
  httpStatus: 200,
  latencyMs: 412.5,
  ttfbMs: 120,
  ptffMs: 2210,
  fps: { count: 30, mean: 23.8, stddev: 1.2, min: 19.5 },
  jitter: 0.0504,
  tokensPerSecond: null,
  servedBy: '0x3b28a7d785356dc67c7970666747e042305bfb79',
  swapped: false,
  warm: true,
  expectedRejection: false,
  synthetic: true,
};

describe('TestloadJobRecord ↔ OTLP log attributes', () => {
  it('round-trips through attributes named by the contract', () => {
    const attrs = testloadJobToAttributes(liveJob);
    expect(attrs[ATTR.orchestratorAddress]).toBe(liveJob.orchestratorAddress);
    expect(attrs[ATTR.fpsMean]).toBe(23.8);
    expect(attrs[ATTR.synthetic]).toBe(true);
    expect(attrs).not.toHaveProperty(ATTR.errorClass);
    const back = testloadJobFromAttributes(attrs, liveJob.timeUnixMs);
    expect(back).toEqual({ ok: true, value: liveJob });
  });

  it('carries a failed batch job without FPS', () => {
    const failed: TestloadJobRecord = {
      ...liveJob,
      pipeline: 'text-to-image',
      modelId: 'stabilityai/sdxl-turbo',
      outcome: 'failure',
      errorClass: 'capacity',
      errorMessage: 'insufficient capacity',
      httpStatus: 503,
      ptffMs: null,
      fps: null,
      jitter: null,
      servedBy: null,
      warm: null,
    };
    const attrs = testloadJobToAttributes(failed);
    expect(attrs).not.toHaveProperty(ATTR.fpsCount);
    expect(testloadJobFromAttributes(attrs, failed.timeUnixMs)).toEqual({
      ok: true,
      value: failed,
    });
  });

  it('names the attribute at fault', () => {
    const attrs = testloadJobToAttributes(liveJob);
    const { [ATTR.orchestratorAddress]: _dropped, ...missing } = attrs;
    const r = testloadJobFromAttributes(missing, liveJob.timeUnixMs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/livepeer\.orchestrator\.address/);

    const { [ATTR.fpsStddev]: _stddev, ...partialFps } = attrs;
    const r2 = testloadJobFromAttributes(partialFps, liveJob.timeUnixMs);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.errors.join('\n')).toMatch(/naap\.live\.fps\.stddev/);
  });

  it('rejects hostile and malformed values', () => {
    const bad: unknown[] = [
      { ...liveJob, orchestratorAddress: '0x3B28A7D785356DC67C7970666747E042305BFB79' },
      { ...liveJob, region: 'MARS' },
      { ...liveJob, pipeline: 'transcode' },
      { ...liveJob, outcome: 'ok' },
      { ...liveJob, latencyMs: -1 },
      { ...liveJob, latencyMs: Number.NaN },
      { ...liveJob, errorMessage: 'x'.repeat(10_000) },
      { ...liveJob, synthetic: false },
      { ...liveJob, httpStatus: 99 },
      { ...liveJob, fps: { count: 1.5, mean: 1, stddev: 0, min: 1 } },
      null,
      'job',
      [],
    ];
    for (const value of bad) expect(validateTestloadJob(value).ok).toBe(false);
  });

  it('bounds the number of errors it reports', () => {
    const r = validateTestloadJob({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.length).toBeLessThanOrEqual(10);
  });
});
