import { ATTR, METRIC } from '@naap/otel';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_DURATION_BOUNDARIES_S } from './buckets.js';
import { GoLivepeerLogSampler } from './sampler.js';
import { testContext, testMeter, type TestMeter } from './test-support.js';

const H = (sev: string, file: string): string => `${sev}0506 14:00:01.566075       1 ${file}] `;
const CTX = 'manifestID=f374eed3 clientIP=203.0.113.11 ';
// go-livepeer's context carries the gateway's AI session, one per pipeline and model.
const processed = (id: string, cap: string, model: string, took: string): string =>
  `${H('I', 'ai_http.go:574')}manifestID=${cap === 'Llm' ? '7008f485' : 'f374eed3'} clientIP=203.0.113.11 Processed request id=${id} cap=${cap} modelID=${model} took=${took}`;
const LLM = 'meta-llama/Meta-Llama-3.1-8B-Instruct';
const SDXL = 'stabilityai/sdxl-turbo';
const OOM = 'CUDA out of memory. Tried to allocate 2.00 GiB';

const LINES = [
  `${H('I', 'starter.go:537')}***Livepeer Running in Orchestrator Mode***`,
  `${H('I', 'ai_http.go:434')}${CTX}Received request id=00000001 cap=Text to image modelID=${SDXL}`,
  processed('00000001', 'Text to image', SDXL, '850ms'),
  processed('00000002', 'Text to image', SDXL, '1.25s'),
  processed('00000003', 'Llm', LLM, '1m2.5s'),
  `${H('E', 'ai_orchestrator.go:537')}${CTX}Error processing with local ai worker err="${OOM}"`,
  `${H('E', 'handlers.go:30')}HTTP Response Error 500: ${OOM}`,
  `${H('E', 'ai_http.go:445')}${CTX}Insufficient capacity for pipeline=llm modelID=${LLM}`,
  `${H('E', 'handlers.go:30')}HTTP Response Error 503: insufficient capacity`,
  `${H('E', 'handlers.go:30')}HTTP Response Error 400: json: cannot unmarshal string into Go struct field .width of type int`,
  `${H('I', 'ai_http.go:387')}manifestID=fafea33d manifest_id=9f380ae6 Processed request cap=Live video to video modelID=streamdiffusion-sdxl took=702.354ms`,
  'garbage \u0000\u0001 not a log line',
];

let m: TestMeter;
afterEach(async () => {
  await m.shutdown();
});

async function fed(lines: readonly string[], maxModels?: number) {
  m = testMeter();
  const sampler = new GoLivepeerLogSampler({
    ...(maxModels !== undefined ? { maxModels } : {}),
    now: () => 1_700_000_000_000,
  });
  await sampler.start(testContext({ kind: 'none' }, m.meter));
  sampler.ingest(lines);
  const metrics = await m.collect();
  return { sampler, metrics };
}

const key = (a: Record<string, unknown>): string =>
  [a[ATTR.pipeline], a[ATTR.modelId], a[ATTR.outcome], a[ATTR.errorClass]]
    .map((v) => (typeof v === 'string' ? v : '-'))
    .join('|');

describe('GoLivepeerLogSampler', () => {
  it('records job durations in seconds per pipeline, model and outcome', async () => {
    const { metrics } = await fed(LINES);
    const points = metrics.get(METRIC.jobDuration) ?? [];
    const byKey = new Map(points.map((p) => [key(p.attributes), p]));
    expect([...byKey.keys()].sort()).toEqual([
      `llm|${LLM}|success|-`,
      `text-to-image|${SDXL}|success|-`,
    ]);
    const t2i = byKey.get(`text-to-image|${SDXL}|success|-`);
    expect(t2i?.count).toBe(2);
    expect(t2i?.value).toBeCloseTo(2.1, 9);
    expect(t2i?.buckets?.boundaries).toEqual([...JOB_DURATION_BOUNDARIES_S]);
    expect(byKey.get(`llm|${LLM}|success|-`)).toMatchObject({ count: 1, value: 62.5 });
  });

  it('counts jobs per pipeline, model, outcome and error class, each failure once', async () => {
    const { metrics } = await fed(LINES);
    const points = metrics.get(METRIC.jobs) ?? [];
    const counts = Object.fromEntries(points.map((p) => [key(p.attributes), p.value]));
    expect(counts).toEqual({
      [`text-to-image|${SDXL}|success|-`]: 2,
      [`llm|${LLM}|success|-`]: 1,
      [`text-to-image|${SDXL}|failure|oom`]: 1,
      [`llm|${LLM}|failure|capacity`]: 1,
      '-|-|excused|bad_request': 1,
      'live-video-to-video|streamdiffusion-sdxl|success|-': 1,
    });
  });

  it('never puts raw error text in attributes', async () => {
    const { metrics } = await fed(LINES);
    const allowed = new Set<string>([ATTR.pipeline, ATTR.modelId, ATTR.outcome, ATTR.errorClass]);
    for (const points of metrics.values()) {
      for (const p of points) {
        for (const [k, v] of Object.entries(p.attributes)) {
          expect(allowed.has(k)).toBe(true);
          expect(String(v)).not.toMatch(/CUDA|unmarshal|insufficient/);
        }
      }
    }
  });

  it('keeps line accounting, a snapshot and health', async () => {
    const { sampler } = await fed(LINES);
    const lines = { read: 12, parsed: 10, ignored: 1, garbage: 1, truncated: 0 };
    expect(sampler.snapshot()).toMatchObject({
      source: 'none',
      lines,
      streamStarts: 1,
      lastJob: {
        readAtMs: 1_700_000_000_000,
        kind: 'stream',
        pipeline: 'live-video-to-video',
        outcome: 'success',
        durationS: null,
      },
    });
    const jobs = sampler.snapshot().jobs;
    expect(jobs.find((j) => j.pipeline === 'text-to-image' && j.outcome === 'success')).toEqual({
      pipeline: 'text-to-image',
      modelId: SDXL,
      outcome: 'success',
      errorClass: null,
      count: 2,
      durationCount: 2,
      durationSumS: 2.1,
    });
    expect(sampler.health()).toMatchObject({
      runs: 1,
      errors: 0,
      lastSuccessMs: 1_700_000_000_000,
      lines,
      sourceErrors: 0,
      absorbedHttpErrors: 2,
      modelOverflow: 0,
    });
    expect(JSON.parse(JSON.stringify(sampler.snapshot()))).toEqual(sampler.snapshot());
  });

  it('bounds model ids: past the limit, new models are reported without one', async () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      processed(`0000000${i}`, 'Text to image', `org/model-${i}`, '1s'),
    );
    const { sampler, metrics } = await fed(lines, 3);
    const points = metrics.get(METRIC.jobs) ?? [];
    expect(points).toHaveLength(4);
    expect(points.find((p) => p.attributes[ATTR.modelId] === undefined)?.value).toBe(7);
    expect(sampler.health().modelOverflow).toBe(7);
  });

  it('counts truncated lines and survives hostile input', async () => {
    m = testMeter();
    const sampler = new GoLivepeerLogSampler();
    await sampler.start(testContext({ kind: 'none' }, m.meter));
    sampler.ingest([
      { text: 'x'.repeat(70_000), truncated: true },
      { text: '\ufffd\ufffd\u0000', truncated: false },
      `${LINES[2] ?? ''}\r`,
    ]);
    expect(sampler.snapshot().lines).toEqual({
      read: 3,
      parsed: 1,
      ignored: 0,
      garbage: 2,
      truncated: 1,
    });
    await sampler.stop();
  });
});
