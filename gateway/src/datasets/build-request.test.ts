import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRequest } from './build-request.js';
import { DatasetError } from './errors.js';
import { loadDataset } from './load.js';
import { defaultDatasetDir } from './paths.js';
import type { Dataset, DatasetCase } from './types.js';

let ds: Dataset;
beforeAll(async () => {
  ds = await loadDataset(defaultDatasetDir());
});

function byId(id: string): DatasetCase {
  const c = ds.cases.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  return c;
}

const headers = (init: RequestInit) => new Headers(init.headers);

function fileOf(form: FormData, name: string): File {
  const v = form.get(name);
  if (!(v instanceof File)) throw new Error(`${name} is not a file`);
  return v;
}

describe('buildRequest', () => {
  it('JSON pipelines: model_id and params in a JSON body', () => {
    const { path, init } = buildRequest(ds, byId('text-to-image/good-canonical'));
    expect(path).toBe('/text-to-image');
    expect(init.method).toBe('POST');
    expect(headers(init).get('content-type')).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({
      model_id: 'stabilityai/sdxl-turbo',
      prompt: 'a lighthouse on a rocky coast at sunset, oil painting',
      width: 512,
      height: 512,
      num_inference_steps: 2,
      seed: 42,
    });
  });

  it('llm: the model goes in "model"; a case without model sends none; model can be replaced', () => {
    const body = (c: DatasetCase, model?: string) =>
      JSON.parse(
        buildRequest(ds, c, model === undefined ? {} : { model }).init.body as string,
      ) as Record<string, unknown>;
    expect(body(byId('llm/good-no-stream'))).toEqual({
      model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      messages: [{ role: 'user', content: 'In one sentence, what is a lighthouse for?' }],
      stream: false,
      max_tokens: 32,
    });
    expect(Object.keys(body(byId('llm/bad-missing-model')))).toEqual([
      'messages',
      'stream',
      'max_tokens',
    ]);
    expect(body(byId('llm/good-no-stream'), 'other/llm').model).toBe('other/llm');
  });

  it('multipart pipelines: fields as text and media as files with their bytes, type and name', async () => {
    const { path, init } = buildRequest(ds, byId('segment-anything-2/good-canonical'));
    expect(path).toBe('/segment-anything-2');
    expect(init.headers).toBeUndefined(); // fetch sets the multipart boundary
    const form = init.body as FormData;
    expect([...form.keys()]).toEqual([
      'model_id',
      'point_coords',
      'point_labels',
      'multimask_output',
      'image',
    ]);
    expect(form.get('model_id')).toBe('facebook/sam2-hiera-large');
    expect(form.get('multimask_output')).toBe('true');
    const file = fileOf(form, 'image');
    expect([file.name, file.type]).toEqual(['square-128.png', 'image/png']);
    const onDisk = await readFile(join(ds.dir, 'media/image/square-128.png'));
    expect(Buffer.from(await file.arrayBuffer()).equals(onDisk)).toBe(true);
  });

  it('bad media go out as they are: an empty file stays empty', async () => {
    const form = buildRequest(ds, byId('audio-to-text/bad-empty-audio')).init.body as FormData;
    const file = fileOf(form, 'audio');
    expect([file.name, file.type, file.size]).toEqual(['empty.wav', 'audio/wav', 0]);
    expect((await file.arrayBuffer()).byteLength).toBe(0);
  });

  it('live video: a stream start with source, pipeline, params and the orchestrator filter', () => {
    const c = byId('live-video-to-video/good-canonical');
    const { path, init } = buildRequest(ds, c, { streamName: 'job-7', orchestrator: 'orch-a' });
    expect(path).toBe('/live/video-to-video/job-7/start');
    expect(headers(init).get('content-type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(init.body as string);
    expect([form.get('source_id'), form.get('source_type')]).toEqual(['job-7', 'webrtcsession']);
    const query = new URLSearchParams(form.get('query') ?? '');
    expect(Object.fromEntries(query)).toEqual({
      pipeline: 'streamdiffusion',
      params: '{"prompt":"a watercolor painting","seed":42}',
      streamId: 'job-7',
      orchestrator: 'orch-a',
    });
    expect(buildRequest(ds, c).path).toBe(
      '/live/video-to-video/naap-live-video-to-video-good-canonical/start',
    );
  });

  it('live video bad cases keep their defect: params as sent, source type as given', () => {
    const notJson = buildRequest(ds, byId('live-video-to-video/bad-params-not-json'));
    const q = new URLSearchParams(
      new URLSearchParams(notJson.init.body as string).get('query') ?? '',
    );
    expect(q.get('params')).toBe('{"prompt": "unterminated');
    const src = buildRequest(ds, byId('live-video-to-video/bad-unknown-source-type'));
    expect(new URLSearchParams(src.init.body as string).get('source_type')).toBe('carrier-pigeon');
  });

  it('refuses a media path that leaves the dataset, even in a hand-made case', () => {
    const c = byId('upscale/good-canonical');
    const hostile = { ...c, media: { image: '../../../../etc/passwd' } };
    expect(() => buildRequest(ds, hostile)).toThrow(DatasetError);
    expect(() => buildRequest(ds, hostile)).toThrow(
      'case upscale/good-canonical media.image: path "../../../../etc/passwd" leaves the dataset directory (..)',
    );
  });
});
