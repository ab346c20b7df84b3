import { describe, expect, it } from 'vitest';
import { png } from '../../test/dataset.js';
import { errorMessageOf, readLimited, BodyTooLargeError } from '../http.js';
import { decodePng, fetchMedia, imageProblem, isMp4, mediaProblem } from './media.js';
import { wallClock } from '../clock.js';
import type { JobContext } from './types.js';

function ctx(fetchImpl: typeof fetch): JobContext {
  const testCase = {
    id: 'c',
    pipeline: 'text-to-image' as const,
    kind: 'good' as const,
    model: null,
    params: {},
    media: {},
    expect: { status: 200 },
    description: '',
  };
  return {
    jobId: 'job',
    sequence: 0,
    testCase,
    dataset: { name: 'd', version: '1', dir: '/nonexistent', cases: [testCase] },
    target: {
      address: '0x1111111111111111111111111111111111111111',
      uri: 'https://o:8935',
      capabilities: [],
    },
    capability: { pipeline: 'text-to-image', model: 'm', capacity: 1, warm: true },
    gatewayUrl: 'http://gw.test:9935',
    clock: wallClock,
    fetch: fetchImpl,
    signal: new AbortController().signal,
    settings: {
      timeoutMs: 1000,
      asyncPollMs: 10,
      live: {
        ingestUrl: 'rtmp://x',
        pollMs: 10,
        sampleMs: 10,
        samples: 1,
        firstFrameTimeoutMs: 10,
      },
    },
    media: () => Promise.reject(new Error('no media')),
  };
}

describe('output media', () => {
  it('decodes PNGs and checks their size', () => {
    const image = { contentType: 'image/png', data: png(16, 8) };
    expect(decodePng(image.data)).toEqual({ width: 16, height: 8 });
    expect(imageProblem(image, { width: 16, height: 8 })).toBeNull();
    expect(imageProblem(image, { width: 8, height: 8 })).toBe('image is 16×8, expected 8×8');
    expect(imageProblem({ contentType: 'image/png', data: image.data.subarray(0, 40) }, null)).toBe(
      'image does not decode as PNG',
    );
    expect(imageProblem({ contentType: 'text/html', data: image.data }, null)).toMatch(
      /content type text\/html/,
    );
    expect(decodePng(Buffer.from('not a png'))).toBeNull();
  });

  it('checks video and audio files', () => {
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypisom'),
      Buffer.alloc(12),
    ]);
    expect(isMp4(mp4)).toBe(true);
    expect(mediaProblem({ contentType: 'video/mp4', data: mp4 }, 'video')).toBeNull();
    expect(mediaProblem({ contentType: 'video/mp4', data: Buffer.alloc(0) }, 'video')).toBe(
      'video is empty',
    );
    expect(
      mediaProblem({ contentType: 'video/mp4', data: Buffer.from('garbage garbage') }, 'video'),
    ).toBe('video is not an MP4 file');
    expect(mediaProblem({ contentType: 'image/png', data: mp4 }, 'audio')).toMatch(
      /audio has content type image\/png/,
    );
    expect(
      mediaProblem({ contentType: 'audio/wav', data: Buffer.from('RIFF....WAVE') }, 'audio'),
    ).toBeNull();
    expect(
      mediaProblem({ contentType: 'audio/wav', data: Buffer.from('RIFF....AVI ') }, 'audio'),
    ).toBe('audio is not a WAV file');
  });

  it('fetches gateway-relative and data: URLs, refuses other schemes and oversize answers', async () => {
    const seen: string[] = [];
    const f: typeof fetch = (input) => {
      seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Promise.resolve(new Response('abc', { headers: { 'content-type': 'Audio/WAV' } }));
    };
    expect(await fetchMedia(ctx(f), '/stream/ab/cd.wav')).toEqual({
      contentType: 'audio/wav',
      data: Buffer.from('abc'),
    });
    expect(seen).toEqual(['http://gw.test:9935/stream/ab/cd.wav']);
    expect(await fetchMedia(ctx(f), 'data:image/png;base64,aGk=')).toEqual({
      contentType: 'image/png',
      data: Buffer.from('hi'),
    });
    expect(await fetchMedia(ctx(f), 'file:///etc/passwd')).toMatch(/scheme file: not fetched/);
    expect(await fetchMedia(ctx(f), 42)).toBe('missing media URL');
    expect(await fetchMedia(ctx(f), `/${'x'.repeat(9000)}`)).toBe('media URL too long');
    const notFound: typeof fetch = () =>
      Promise.resolve(new Response('404 page not found\n', { status: 404 }));
    expect(await fetchMedia(ctx(notFound), '/stream/x/y.png')).toMatch(/HTTP 404/);
  });

  it('reads bodies within a limit and error messages in both go-livepeer forms', async () => {
    await expect(readLimited(new Response('x'.repeat(100)), 10)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect((await readLimited(new Response('hello'), 10)).toString()).toBe('hello');
    expect(errorMessageOf(Buffer.from('{"error":{"message":"insufficient capacity"}}'))).toBe(
      'insufficient capacity',
    );
    expect(errorMessageOf(Buffer.from('Stream not found\n'))).toBe('Stream not found');
    expect(errorMessageOf(Buffer.from('{"detail":{"msg":"bad"}}'))).toBe('{"msg":"bad"}');
    expect(errorMessageOf(Buffer.from('{"error":"plain"}'))).toBe('plain');
  });
});
