import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineId } from '@naap/otel';
import {
  imageSize,
  resolveScenario,
  SimClock,
  SimEngine,
  startGateway,
  validateScenario,
  type RunningGateway,
  type WorkloadSpec,
} from '@naap/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRequest,
  defaultDatasetDir,
  loadDataset,
  type Dataset,
  type DatasetCase,
} from '../src/datasets/index.js';

/**
 * Every case of the shipped dataset against the simulated go-livepeer
 * gateway over real sockets: good and random cases are served with the
 * output they announce, bad cases are refused with their 4xx status.
 */

let ds: Dataset;
let gateway: RunningGateway;
let stateDir: string;

/** One orchestrator serving every (pipeline, model) the dataset's good and random cases name. */
function scenario(dataset: Dataset) {
  const pairs = new Map<string, WorkloadSpec>();
  for (const c of dataset.cases) {
    if (c.kind === 'bad' || c.model === null) continue;
    pairs.set(`${c.pipeline} ${c.model}`, {
      pipeline: c.pipeline,
      model: c.model,
      failureRate: 0,
      capacity: 8,
      warm: true,
    });
  }
  const workloads = [...pairs.values()];
  const gpus = [];
  for (let i = 0; i < workloads.length; i += 8) {
    gpus.push({ model: 'rtx-4090', workloads: workloads.slice(i, i + 8) });
  }
  return {
    version: 1,
    name: 'datasets',
    seed: 11,
    orchestrators: [{ id: 'a', region: 'FRA', gpus }],
  };
}

beforeAll(async () => {
  ds = await loadDataset(defaultDatasetDir());
  const network = resolveScenario(validateScenario(scenario(ds), 'datasets scenario'));
  const clock = new SimClock({ startMs: Date.UTC(2026, 0, 20), speed: 1000 });
  const engine = new SimEngine(network, clock);
  stateDir = await mkdtemp(join(tmpdir(), 'naap-gw-datasets-'));
  gateway = await startGateway({ network, clock, engine, stateDir });
});

afterAll(async () => {
  await gateway.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function fetchMedia(url: string): Promise<{ type: string | null; data: Buffer }> {
  const res = await fetch(`${gateway.url}${url}`);
  return { type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}

/** What is wrong with a served answer, compared with the case's expected output; null when right. */
async function outputProblem(c: DatasetCase, res: Response, body: string): Promise<string | null> {
  const out = c.expect.output;
  if (out === undefined) return 'no expected output';
  if (out.type === 'stream') {
    const type = res.headers.get('content-type');
    return type === out.contentType && body.startsWith('data: ') ? null : `stream: ${type}`;
  }
  if (c.pipeline === 'live-video-to-video') {
    const urls = JSON.parse(body) as { stop_url: string };
    await fetch(urls.stop_url, { method: 'POST' });
    return null;
  }
  const json = JSON.parse(body) as {
    images?: { url: string }[];
    audio?: { url: string };
    text?: string;
    masks?: string;
    choices?: { message: { content: string } }[];
  };
  if (out.type === 'text') {
    const text = json.text ?? json.choices?.[0]?.message.content ?? '';
    return text.length > 0 ? null : 'empty text';
  }
  if (out.type === 'masks') return json.masks?.startsWith('[[[') === true ? null : 'no masks';
  const url = out.type === 'audio' ? json.audio?.url : json.images?.[0]?.url;
  if (url === undefined) return `no ${out.type} url`;
  const media = await fetchMedia(url);
  if (out.contentType !== undefined && media.type !== out.contentType) return `type ${media.type}`;
  if (out.type !== 'image') return media.data.length > 0 ? null : 'empty media';
  const size = imageSize(media.data);
  return size?.width === out.width && size?.height === out.height
    ? null
    : `image ${size?.width}x${size?.height}, expected ${out.width}x${out.height}`;
}

async function send(c: DatasetCase, n: number): Promise<string | null> {
  const { path, init } = buildRequest(ds, c, { streamName: `dataset-${n}` });
  const res = await fetch(`${gateway.url}${path}`, init);
  const body = await res.text();
  if (res.status !== c.expect.status) return `${c.id}: ${res.status} ${body.slice(0, 160)}`;
  if (c.kind === 'bad') return null;
  const problem = await outputProblem(c, res, body);
  return problem === null ? null : `${c.id}: ${problem}`;
}

describe('the dataset against the simulated go-livepeer gateway', () => {
  for (const kind of ['good', 'random', 'bad'] as const) {
    it(`answers every ${kind} case as the case expects`, async () => {
      const cases = ds.cases.filter((c) => c.kind === kind);
      const problems: string[] = [];
      const seen = new Set<PipelineId>();
      for (const [i, c] of cases.entries()) {
        seen.add(c.pipeline);
        const problem = await send(c, i);
        if (problem !== null) problems.push(problem);
      }
      expect(problems).toEqual([]);
      expect(seen.size).toBe(10);
    });
  }

  it('refuses bad cases with the reason in the message, before any orchestrator is tried', async () => {
    const before = gateway.runtime.ctx.engine.gatewayRequests().length;
    const messages = new Map<string, string>();
    for (const id of [
      'text-to-image/bad-missing-prompt',
      'llm/bad-missing-max-tokens',
      'audio-to-text/bad-image-as-audio',
      'live-video-to-video/bad-unknown-source-type',
    ]) {
      const c = ds.cases.find((x) => x.id === id);
      if (c === undefined) throw new Error(id);
      const { path, init } = buildRequest(ds, c, { streamName: `reason-${messages.size}` });
      const res = await fetch(`${gateway.url}${path}`, init);
      messages.set(id, `${res.status} ${(await res.text()).trim()}`);
    }
    expect(Object.fromEntries(messages)).toEqual({
      'text-to-image/bad-missing-prompt': '400 {"error":{"message":"prompt field is required"}}',
      'llm/bad-missing-max-tokens': '400 {"error":{"message":"missing required fields"}}',
      'audio-to-text/bad-image-as-audio':
        '400 {"error":{"message":"audio duration calculation failed"}}',
      'live-video-to-video/bad-unknown-source-type': '400 invalid source type: carrier-pigeon',
    });
    expect(gateway.runtime.ctx.engine.gatewayRequests()).toHaveLength(before);
  });
});
