import { afterEach, describe, expect, it } from 'vitest';
import { SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import { imageSize } from '../media/image-size.js';
import { orch, testGateway, workload, type TestGateway } from '../testing.js';

const MODEL = 'stabilityai/sdxl-turbo';
let gw: TestGateway | null = null;

afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

describe('POST /text-to-image', () => {
  it('answers an ImageResponse whose PNG has the requested size and names the serving orchestrator', async () => {
    gw = await testGateway([orch('o1', [workload('text-to-image', MODEL)])]);
    const res = await gw.apps.api.inject({
      method: 'POST',
      url: '/text-to-image',
      payload: { model_id: MODEL, prompt: 'a fox', width: 320, height: 200, seed: 42 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const o1 = gw.ctx.network.orchestrators[0];
    expect(res.headers[SIM_ORCHESTRATOR_HEADER]).toBe(o1?.address);
    const body = res.json<{ images: { url: string; seed: number; nsfw: boolean }[] }>();
    expect(body.images).toHaveLength(1);
    expect(body.images[0]?.seed).toBe(42);
    expect(body.images[0]?.nsfw).toBe(false);
    expect(body.images[0]?.url).toMatch(/^\/stream\/[0-9a-f]{8}\/[0-9a-f]+\.png$/);
    const png = await gw.apps.api.inject({ method: 'GET', url: body.images[0]?.url ?? '' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(imageSize(png.rawPayload)).toEqual({ format: 'png', width: 320, height: 200 });
  });

  it('routes on the default model and size (512×512) and several images per prompt', async () => {
    gw = await testGateway([orch('o1', [workload('text-to-image', MODEL)])]);
    const res = await gw.apps.api.inject({
      method: 'POST',
      url: '/text-to-image',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ prompt: 'x', num_images_per_prompt: 2 }),
    });
    expect(res.statusCode).toBe(200);
    const images = res.json<{ images: { url: string; seed: number }[] }>().images;
    expect(images).toHaveLength(2);
    expect(images[1]?.seed).toBe((images[0]?.seed ?? 0) + 1);
    const png = await gw.apps.api.inject({ method: 'GET', url: images[1]?.url ?? '' });
    expect(imageSize(png.rawPayload)).toMatchObject({ width: 512, height: 512 });
    const [record] = gw.engine.gatewayRequests();
    expect(record?.modelId).toBe(MODEL);
    expect(record?.pipeline).toBe('text-to-image');
  });

  it('answers 503 "no orchestrators available" when no orchestrator serves the model', async () => {
    gw = await testGateway([orch('o1', [workload('text-to-image', MODEL)])]);
    const res = await gw.apps.api.inject({
      method: 'POST',
      url: '/text-to-image',
      payload: { model_id: 'unknown/model', prompt: 'x' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { message: 'no orchestrators available' } });
    const [record] = gw.engine.gatewayRequests();
    expect(record).toMatchObject({ servedByOrchestratorId: null, swapped: false, attempts: [] });
  });
});
