import { gunzip, inflate } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxDecompressionRatio: number;
}

/** An HTTP-level problem with the body: status and a message safe to show. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Decodes the Content-Encoding of a request body, bounded: the decompressed
 * size may exceed neither `maxBodyBytes` nor `maxDecompressionRatio` times
 * the compressed size (gzip bombs stop at the bound, not after inflating).
 */
export async function decodeBody(
  raw: Buffer,
  encoding: string | undefined,
  limits: BodyLimits,
): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return raw;
  if (enc !== 'gzip' && enc !== 'deflate') {
    throw new BodyError(
      415,
      `unsupported Content-Encoding "${enc.slice(0, 32)}" (use gzip or none)`,
    );
  }
  const maxOutputLength = Math.max(
    1,
    Math.min(limits.maxBodyBytes, raw.length * limits.maxDecompressionRatio),
  );
  try {
    return await (enc === 'gzip'
      ? gunzipAsync(raw, { maxOutputLength })
      : inflateAsync(raw, { maxOutputLength }));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || (err as Error).message.includes('maxOutputLength')) {
      throw new BodyError(
        413,
        `decompressed body exceeds ${maxOutputLength} bytes (body limit or decompression ratio)`,
      );
    }
    throw new BodyError(400, `body is not valid ${enc} data`);
  }
}

export type OtlpEncoding = 'protobuf' | 'json';

/** The OTLP encoding of a Content-Type; null for anything else. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return null;
}
