import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from './media/png.js';
import { multipart, orch, testGateway, workload, type TestGateway } from './testing.js';

let gw: TestGateway | null = null;
afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

async function gateway(options = {}) {
  gw = await testGateway(
    [
      orch('a', [
        workload('text-to-image', 'stabilityai/sdxl-turbo'),
        workload('image-to-image', 'stabilityai/sdxl-turbo'),
        workload('audio-to-text', 'openai/whisper-large-v3'),
        workload('llm', 'meta-llama/Meta-Llama-3.1-8B-Instruct'),
        workload('text-to-speech', 'parler-tts/parler-tts-large-v1'),
      ]),
    ],
    options,
  );
  return gw;
}

const errorOf = (res: LightMyRequestResponse) =>
  res.json<{ error: { message: string } }>().error.message;

describe('request validation (go-livepeer 4xx bodies)', () => {
  it('rejects bad JSON with Go encoding/json messages', async () => {
    const g = await gateway();
    const cases: [string, string][] = [
      ['', 'EOF'],
      ['{"prompt": "x"', 'unexpected EOF'],
      ['hello', "invalid character 'h' looking for beginning of value"],
      [
        '[1,2]',
        'json: cannot unmarshal array into Go value of type worker.GenTextToImageJSONRequestBody',
      ],
      [
        '{"prompt":"x","width":"wide"}',
        'json: cannot unmarshal string into Go struct field GenTextToImageJSONRequestBody.width of type int',
      ],
      [
        '{"prompt":"x","width":1.5}',
        'json: cannot unmarshal number 1.5 into Go struct field GenTextToImageJSONRequestBody.width of type int',
      ],
    ];
    for (const [payload, message] of cases) {
      const res = await g.apps.api.inject({
        method: 'POST',
        url: '/text-to-image',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.headers['content-type']).toBe('application/json');
      expect(errorOf(res)).toBe(message);
    }
    expect(g.engine.gatewayRequests()).toHaveLength(0);
  });

  it('rejects missing required fields', async () => {
    const g = await gateway();
    const t2i = await g.apps.api.inject({
      method: 'POST',
      url: '/text-to-image',
      payload: { width: 64 },
    });
    expect([t2i.statusCode, errorOf(t2i)]).toEqual([400, 'prompt field is required']);
    const tts = await g.apps.api.inject({
      method: 'POST',
      url: '/text-to-speech',
      payload: { description: 'calm' },
    });
    expect([tts.statusCode, errorOf(tts)]).toEqual([400, 'text field is required']);
    const llm = await g.apps.api.inject({
      method: 'POST',
      url: '/llm',
      payload: { model: 'm', messages: [], stream: false, max_tokens: 8 },
    });
    expect([llm.statusCode, errorOf(llm)]).toEqual([400, 'missing required fields']);
    const llm2 = await g.apps.api.inject({
      method: 'POST',
      url: '/llm',
      payload: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect([llm2.statusCode, errorOf(llm2)]).toEqual([400, 'missing required fields']);
    const noImage = multipart({ prompt: 'x' });
    const i2i = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-image',
      headers: { 'content-type': noImage.contentType },
      payload: noImage.body,
    });
    expect([i2i.statusCode, errorOf(i2i)]).toEqual([400, 'missing required file: image']);
  });

  it("rejects a multipart route called with another content type (net/http's MultipartReader)", async () => {
    const g = await gateway();
    const json = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-image',
      payload: { prompt: 'x' },
    });
    expect([json.statusCode, errorOf(json)]).toEqual([
      400,
      "request Content-Type isn't multipart/form-data",
    ]);
    const noBoundary = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-image',
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expect([noBoundary.statusCode, errorOf(noBoundary)]).toEqual([
      400,
      'no multipart boundary param in Content-Type',
    ]);
  });

  it('answers 413 to a body over the limit', async () => {
    const g = await gateway({ maxBodyBytes: 1024 });
    const res = await g.apps.api.inject({
      method: 'POST',
      url: '/text-to-image',
      payload: { prompt: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { message: 'http: request body too large' } });
  });

  it('survives hostile multipart bodies with 400s and keeps serving', async () => {
    const g = await gateway();
    const ct = 'multipart/form-data; boundary=EVIL';
    const hostile = [
      '--EVIL\r\n' + 'A: b\r\n'.repeat(10_000),
      '--EVIL\r\nContent-Disposition: form-data; name="image"; filename="x"\r\n\r\n' +
        'x'.repeat(100_000),
      '--EVIL\r\n\r\n\r\n--EVIL\r\n'.repeat(500),
      '\u0000\u0001--EVIL--',
      '--EVIL--',
    ];
    for (const payload of hostile) {
      const res = await g.apps.api.inject({
        method: 'POST',
        url: '/image-to-image',
        headers: { 'content-type': ct },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(typeof errorOf(res)).toBe('string');
    }
    const ok = await g.apps.api.inject({
      method: 'POST',
      url: '/text-to-image',
      payload: { prompt: 'still alive', width: 8, height: 8 },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('rejects bad form field values like oapi-codegen BindMultipart', async () => {
    const g = await gateway();
    const form = multipart(
      { prompt: 'x', seed: 'abc' },
      { image: { filename: 'a.png', type: 'image/png', data: await encodePng(8, 8) } },
    );
    const res = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-image',
      headers: { 'content-type': form.contentType },
      payload: form.body,
    });
    expect([res.statusCode, errorOf(res)]).toEqual([
      400,
      'error binding field seed: strconv.ParseInt: parsing "abc": invalid syntax',
    ]);
  });

  it('answers an unreadable audio file with 400 (ffprobe failed) and an undecodable image with 503', async () => {
    const g = await gateway();
    const audio = multipart(
      {},
      {
        audio: {
          filename: 'a.txt',
          type: 'text/plain',
          data: Buffer.from('this is not audio at all'),
        },
      },
    );
    const a2t = await g.apps.api.inject({
      method: 'POST',
      url: '/audio-to-text',
      headers: { 'content-type': audio.contentType },
      payload: audio.body,
    });
    expect([a2t.statusCode, errorOf(a2t)]).toEqual([400, 'audio duration calculation failed']);
    const image = multipart(
      { prompt: 'x' },
      {
        image: {
          filename: 'a.png',
          type: 'image/png',
          data: Buffer.from('garbage bytes, not an image'),
        },
      },
    );
    const i2i = await g.apps.api.inject({
      method: 'POST',
      url: '/image-to-image',
      headers: { 'content-type': image.contentType },
      payload: image.body,
    });
    expect([i2i.statusCode, errorOf(i2i)]).toEqual([503, 'no orchestrators available']);
    const [record] = g.engine.gatewayRequests();
    expect(record).toMatchObject({
      pipeline: 'image-to-image',
      servedByOrchestratorId: null,
      attempts: [],
    });
  });

  it("answers unknown paths with Go's 404 page not found", async () => {
    const g = await gateway();
    const res = await g.apps.api.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe('404 page not found\n');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });
});
