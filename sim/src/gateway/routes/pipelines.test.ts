import { afterEach, describe, expect, it } from 'vitest';
import { SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import { imageSize } from '../media/image-size.js';
import { mp4Boxes } from '../media/mp4.js';
import { encodePng } from '../media/png.js';
import { encodeWav, wavDurationSeconds } from '../media/wav.js';
import { multipart, orch, testGateway, workload, type TestGateway } from '../testing.js';

let gw: TestGateway | null = null;
afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

async function gateway() {
  gw = await testGateway([
    orch('a', [
      workload('image-to-image', 'stabilityai/sdxl-turbo'),
      workload('upscale', 'stabilityai/stable-diffusion-x4-upscaler'),
      workload('audio-to-text', 'openai/whisper-large-v3'),
      workload('segment-anything-2', 'facebook/sam2-hiera-large'),
      workload('image-to-text', 'Salesforce/blip-image-captioning-large'),
      workload('text-to-speech', 'parler-tts/parler-tts-large-v1'),
      workload('image-to-video', 'stabilityai/stable-video-diffusion-img2vid-xt', {
        latency: { p50Ms: 150_000, p95Ms: 180_000 },
      }),
    ]),
  ]);
  return gw;
}

async function postForm(
  g: TestGateway,
  url: string,
  form: ReturnType<typeof multipart>,
  headers: Record<string, string> = {},
) {
  return g.apps.api.inject({
    method: 'POST',
    url,
    headers: { 'content-type': form.contentType, ...headers },
    payload: form.body,
  });
}

const png = (w: number, h: number) =>
  encodePng(w, h).then((data) => ({ filename: 'in.png', type: 'image/png', data }));

describe('multipart image pipelines', () => {
  it('image-to-image answers PNGs of the input size; upscale four times larger', async () => {
    const g = await gateway();
    const i2i = await postForm(
      g,
      '/image-to-image',
      multipart(
        { prompt: 'oil painting', num_images_per_prompt: '2' },
        { image: await png(48, 32) },
      ),
    );
    expect(i2i.statusCode).toBe(200);
    const images = i2i.json<{ images: { url: string }[] }>().images;
    expect(images).toHaveLength(2);
    for (const img of images) {
      const file = await g.apps.api.inject({ method: 'GET', url: img.url });
      expect(imageSize(file.rawPayload)).toMatchObject({ width: 48, height: 32 });
    }
    const up = await postForm(
      g,
      '/upscale',
      multipart({ prompt: 'sharp' }, { image: await png(40, 30) }),
    );
    expect(up.statusCode).toBe(200);
    const [upImg] = up.json<{ images: { url: string }[] }>().images;
    const file = await g.apps.api.inject({ method: 'GET', url: upImg?.url ?? '' });
    expect(imageSize(file.rawPayload)).toMatchObject({ width: 160, height: 120 });
  });

  it('image-to-text answers non-empty text; segment-anything-2 well-formed masks, scores and logits', async () => {
    const g = await gateway();
    const i2t = await postForm(g, '/image-to-text', multipart({}, { image: await png(16, 16) }));
    expect(i2t.statusCode).toBe(200);
    expect(i2t.json<{ text: string }>().text.length).toBeGreaterThan(5);
    const sam = await postForm(
      g,
      '/segment-anything-2',
      multipart({ point_coords: '[[8,8]]', point_labels: '[1]' }, { image: await png(20, 10) }),
    );
    expect(sam.statusCode).toBe(200);
    const body = sam.json<{ masks: string; scores: string; logits: string }>();
    const masks = JSON.parse(body.masks) as number[][][];
    expect(masks).toHaveLength(3);
    expect(masks.every((m) => m.length === 10 && m.every((row) => row.length === 20))).toBe(true);
    expect(masks[0]?.[5]?.[10]).toBeGreaterThan(0);
    expect(masks[0]?.[0]?.[0]).toBeLessThan(0);
    const scores = JSON.parse(body.scores) as number[];
    expect(scores).toHaveLength(3);
    expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
    expect((JSON.parse(body.logits) as number[][][])[0]).toHaveLength(32);
    const single = await postForm(
      g,
      '/segment-anything-2',
      multipart({ multimask_output: 'false', return_logits: 'false' }, { image: await png(4, 4) }),
    );
    expect(single.json<{ masks: string }>().masks.startsWith('[[[False')).toBe(true);
  });
});

describe('audio pipelines', () => {
  it('audio-to-text transcribes with timestamped chunks covering the audio', async () => {
    const g = await gateway();
    const form = multipart(
      {},
      { audio: { filename: 'a.wav', type: 'audio/wav', data: encodeWav(4000) } },
    );
    const res = await postForm(g, '/audio-to-text', form);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      text: string;
      chunks: { timestamp: [number, number]; text: string }[];
    }>();
    expect(body.text.trim().length).toBeGreaterThan(0);
    expect(body.chunks.length).toBeGreaterThan(0);
    expect(body.chunks.at(-1)?.timestamp[1]).toBe(4);
  });

  it('text-to-speech answers an AudioResponse whose WAV lasts in proportion to the text', async () => {
    const g = await gateway();
    const res = await g.apps.api.inject({
      method: 'POST',
      url: '/text-to-speech',
      payload: { text: 'Hello network, twenty chars.' },
    });
    expect(res.statusCode).toBe(200);
    const url = res.json<{ audio: { url: string } }>().audio.url;
    const wav = await g.apps.api.inject({ method: 'GET', url });
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(wavDurationSeconds(wav.rawPayload)).toBeCloseTo(28 * 0.065, 3);
  });
});

describe('image-to-video', () => {
  it('answers synchronously with an MP4 of the requested size', async () => {
    const g = await gateway();
    const res = await postForm(
      g,
      '/image-to-video',
      multipart({ width: '256', height: '128', fps: '5' }, { image: await png(8, 8) }),
    );
    expect(res.statusCode).toBe(200);
    const [video] = res.json<{ images: { url: string; seed: number; nsfw: boolean }[] }>().images;
    expect(video?.url).toMatch(/\.mp4$/);
    const file = await g.apps.api.inject({ method: 'GET', url: video?.url ?? '' });
    expect(mp4Boxes(file.rawPayload).map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
  });

  it('with Prefer: respond-async answers 202 {request_id} and the result is polled until complete', async () => {
    const g = await gateway();
    const res = await postForm(g, '/image-to-video', multipart({}, { image: await png(8, 8) }), {
      prefer: 'respond-async',
    });
    expect(res.statusCode).toBe(202);
    const { request_id: id } = res.json<{ request_id: string }>();
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    const first = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-video/result',
      payload: { request_id: id },
    });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ status: 'processing' });
    await g.apps.runtime.idle();
    const done = await g.apps.api.inject({
      method: 'GET',
      url: `/image-to-video/result?request_id=${id}`,
    });
    expect(done.statusCode).toBe(200);
    expect(done.headers[SIM_ORCHESTRATOR_HEADER]).toBe(g.ctx.network.orchestrators[0]?.address);
    const body = done.json<{ status: string; result: { images: { url: string }[] } }>();
    expect(body.status).toBe('complete');
    expect(body.result.images[0]?.url).toMatch(/\.mp4$/);
    expect(g.engine.gatewayRequests()[0]?.requestId).toBe(id);
    const bad = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-video/result',
      payload: { request_id: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: { message: 'invalid request ID' } });
  });

  it('stores the error of a failed async request in its result', async () => {
    gw = await testGateway([orch('a', [workload('text-to-image', 'x')])]);
    const res = await postForm(gw, '/image-to-video', multipart({}, { image: await png(8, 8) }), {
      prefer: 'respond-async',
    });
    const { request_id: id } = res.json<{ request_id: string }>();
    await gw.apps.runtime.idle();
    const done = await gw.apps.api.inject({
      method: 'POST',
      url: '/image-to-video/result',
      payload: { request_id: id },
    });
    expect(done.json()).toEqual({
      result: { error: { message: 'no orchestrators available' } },
      status: 'complete',
    });
  });
});
