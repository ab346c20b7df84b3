import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyError, decodeBody, encodingOf } from './body.js';

const limits = { maxBodyBytes: 1024 * 1024, maxDecompressionRatio: 100 };

describe('request bodies', () => {
  it('passes plain bodies and inflates gzip', async () => {
    const text = Buffer.from('{"resourceMetrics":[]}');
    expect(await decodeBody(text, undefined, limits)).toEqual(text);
    expect(await decodeBody(gzipSync(text), 'gzip', limits)).toEqual(text);
  });

  it('stops a gzip bomb at the bound without inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const err = await decodeBody(bomb, 'gzip', limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyError);
    expect((err as BodyError).status).toBe(413);
  });

  it('refuses a high decompression ratio even under the size limit', async () => {
    const zeros = gzipSync(Buffer.alloc(512 * 1024));
    const err = await decodeBody(zeros, 'gzip', limits).catch((e: unknown) => e);
    expect((err as BodyError).status).toBe(413);
  });

  it('rejects corrupt gzip and unknown encodings', async () => {
    expect(
      (
        (await decodeBody(Buffer.from('not gzip'), 'gzip', limits).catch(
          (e: unknown) => e,
        )) as BodyError
      ).status,
    ).toBe(400);
    const truncated = gzipSync(Buffer.from('x'.repeat(1000))).subarray(0, 15);
    expect(
      ((await decodeBody(truncated, 'gzip', limits).catch((e: unknown) => e)) as BodyError).status,
    ).toBe(400);
    expect(
      ((await decodeBody(Buffer.from('x'), 'br', limits).catch((e: unknown) => e)) as BodyError)
        .status,
    ).toBe(415);
  });

  it('knows the OTLP content types', () => {
    expect(encodingOf('application/x-protobuf')).toBe('protobuf');
    expect(encodingOf('application/json; charset=utf-8')).toBe('json');
    expect(encodingOf('text/plain')).toBeNull();
    expect(encodingOf(undefined)).toBeNull();
  });
});
