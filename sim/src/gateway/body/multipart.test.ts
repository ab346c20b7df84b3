import { describe, expect, it } from 'vitest';
import { multipart } from '../testing.js';
import {
  headerParams,
  MISSING_BOUNDARY,
  multipartBoundary,
  MultipartError,
  NOT_MULTIPART,
  parseMultipart,
} from './multipart.js';

const B = 'XyZ123';

describe('multipartBoundary', () => {
  it('returns the boundary of a multipart/form-data type, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
  });

  it("fails like net/http's MultipartReader", () => {
    expect(() => multipartBoundary('application/json')).toThrow(NOT_MULTIPART);
    expect(() => multipartBoundary(undefined)).toThrow(NOT_MULTIPART);
    expect(() => multipartBoundary('multipart/form-data')).toThrow(MISSING_BOUNDARY);
  });

  it('parses header parameters with escapes', () => {
    const { type, params } = headerParams('form-data; name="f\\"x"; filename=a.png');
    expect(type).toBe('form-data');
    expect(params.get('name')).toBe('f"x');
    expect(params.get('filename')).toBe('a.png');
  });
});

describe('parseMultipart', () => {
  it('returns fields and files (binary data intact)', () => {
    const data = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x2d, 0x2d, 255]);
    const { body } = multipart(
      { prompt: 'a fox', seed: '7' },
      { image: { filename: 'x.png', type: 'image/png', data } },
      B,
    );
    const form = parseMultipart(body, B);
    expect(form.fields.get('prompt')).toBe('a fox');
    expect(form.fields.get('seed')).toBe('7');
    expect(form.files.get('image')).toEqual({ filename: 'x.png', contentType: 'image/png', data });
  });

  it('accepts a preamble, empty values and parts without a name', () => {
    const body = Buffer.from(
      `preamble\r\n--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--`,
    );
    const form = parseMultipart(body, B);
    expect([...form.fields]).toEqual([['a', '']]);
  });

  it('rejects hostile or broken bodies with a MultipartError, never hanging', () => {
    const cases = [
      Buffer.alloc(0),
      Buffer.from('no boundary anywhere'),
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever closed`),
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"`),
      Buffer.from(`--${B}\r\n${'X-H: y\r\n'.repeat(5000)}\r\nv\r\n--${B}--`),
      Buffer.from(`--${B}${' '.repeat(100)}\r\n\r\nv\r\n--${B}--`),
      Buffer.from(`--${B}\r\n\r\nv\r\n`.repeat(100) + `--${B}--`),
    ];
    for (const body of cases) expect(() => parseMultipart(body, B)).toThrow(MultipartError);
  });

  it('limits the size of a text field', () => {
    const { body } = multipart({ big: 'x'.repeat(2000) }, {}, B);
    expect(() =>
      parseMultipart(body, B, { maxParts: 4, maxHeaderBytes: 1024, maxFieldBytes: 1000 }),
    ).toThrow('multipart: message too large');
  });
});
