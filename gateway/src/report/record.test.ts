import { describe, expect, it } from 'vitest';
import type { TestCase } from '../cases.js';
import type { JobResult } from '../jobs/types.js';
import { buildRecord, type RecordInput } from './record.js';
import { resultsTable } from './table.js';
import { judge } from './verdict.js';

const target = {
  address: '0x1111111111111111111111111111111111111111',
  uri: 'https://o.example.com:8935',
  capabilities: [],
};
const testCase: TestCase = {
  id: 'live-video-to-video/good-canonical',
  pipeline: 'live-video-to-video',
  kind: 'good',
  model: 'streamdiffusion',
  params: {},
  media: {},
  expect: { status: 200 },
  description: '',
};
const result: JobResult = {
  end: 'ok',
  httpStatus: 200,
  errorMessage: null,
  latencyMs: 2210.123456,
  ttfbMs: 12.5,
  ptffMs: 2210.123456,
  fpsSamples: [24, 22, 26],
  tokensPerSecond: null,
  reportedServers: [target.address],
};

function input(x: Partial<RecordInput> = {}): RecordInput {
  const r = x.result ?? result;
  return {
    jobId: 'job-1',
    timeUnixMs: 1_795_000_000_000.4,
    region: 'FRA',
    target,
    modelId: 'streamdiffusion',
    datasetVersion: '1.0.0',
    testCase,
    result: r,
    verdict: judge({
      kind: 'good',
      result: r,
      target,
      evidence: null,
      pin: { pinned: true, fallbackClass: 'unknown' },
    }),
    warm: true,
    ...x,
  };
}

describe('job record', () => {
  it('carries FPS moments, jitter and every contract field', () => {
    const r = buildRecord(input());
    expect(r).toMatchObject({
      timeUnixMs: 1_795_000_000_000,
      caseId: 'live-video-to-video/good-canonical',
      datasetVersion: '1.0.0',
      latencyMs: 2210.123,
      fps: { count: 3, mean: 24, min: 22 },
      servedBy: target.address,
      synthetic: true,
    });
    expect(r.fps?.stddev).toBeCloseTo(Math.sqrt(8 / 3), 9);
    expect(r.jitter).toBeCloseTo(Math.sqrt(8 / 3) / 24, 9);
  });

  it('sanitises and bounds error messages, drops impossible statuses', () => {
    const failed: JobResult = {
      ...result,
      end: 'http_error',
      httpStatus: 999,
      errorMessage: `boom\n\u0000${'x'.repeat(5000)}`,
      fpsSamples: null,
    };
    const r = buildRecord(input({ result: failed }));
    expect(r.httpStatus).toBeNull();
    expect(r.errorMessage?.length).toBe(512);
    expect(r.errorMessage?.startsWith('boom x')).toBe(true);
    expect(r.fps).toBeNull();
  });

  it('refuses what does not fit the contract (a bug, never a silent bad record)', () => {
    expect(() => buildRecord(input({ target: { ...target, address: 'nobody' } }))).toThrow(
      /livepeer\.orchestrator\.address/,
    );
  });

  it('prints a results table with a summary', () => {
    const table = resultsTable([buildRecord(input())]);
    expect(table.split('\n')[0]).toMatch(
      /^orchestrator\s+pipeline\s+model\s+case\s+outcome\s+class\s+http\s+ms\s+ttfb\s+served\s+detail$/,
    );
    expect(table).toMatch(
      /0x1111…1111\s+live-video-to-video\s+streamdiffusion\s+live-video-to-video\/good-ca…\s+success\s+200\s+2210\s+13\s+target\s+fps 24\.0 jitter 0\.068/,
    );
    expect(table).toMatch(/1 jobs: 1 success, 0 failure, 0 excused, 0 swapped$/);
  });
});
