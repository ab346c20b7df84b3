/**
 * Request bodies: decompressed per `Content-Encoding` while they stream in,
 * bounded in size (decompressed size included: 413 beyond the limit, after
 * the rest was read and dropped so that the client gets the answer rather than
 * a broken pipe), and split into parts when they are `multipart/form-data`
 * (how the client sends large query parameters).
 */
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ShimError } from './errors.js';

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const decoder = decoderFor(req.headers['content-encoding']);
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    }
  };
  if (decoder === undefined) await collect(req);
  else await collectDecoded(req, decoder, collect);
  if (size > limit) {
    const message = `The request body (${size} bytes) is larger than the shim's limit of ${limit} bytes`;
    throw new ShimError(229, 'QUERY_IS_TOO_LARGE', message, 413);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Pipes the body through its decoder (not with `pipeline`, which would destroy
 * the request, and with it the socket, on a decoding error: the client is to
 * get a 400 instead).
 */
async function collectDecoded(
  req: IncomingMessage,
  decoder: Transform,
  collect: (source: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  req.once('close', () => {
    if (!req.complete) decoder.destroy(new Error('the client closed the connection'));
  });
  try {
    await collect(req.pipe(decoder));
  } catch (err) {
    req.unpipe(decoder);
    await drain(req);
    const reason = err instanceof Error ? err.message : String(err);
    throw new ShimError(271, 'CANNOT_DECOMPRESS', `Cannot decompress the request body: ${reason}`);
  }
}

/** Reads and drops what is left of a body, so that an early answer still reaches the client. */
export async function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return;
  req.resume();
  await finished(req).catch(() => undefined);
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '':
    case 'identity':
    case 'none':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new ShimError(
        36,
        'BAD_ARGUMENTS',
        `Unknown HTTP compression method: ${encoding ?? ''}`,
      );
  }
}

export interface FormData {
  readonly query: string | undefined;
  readonly params: Record<string, string>;
}

/** The `query` and `param_*` parts of a `multipart/form-data` body, or undefined for other bodies. */
export function parseFormData(contentType: string | undefined, body: Buffer): FormData | undefined {
  const boundary = /^multipart\/form-data;.*\bboundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (boundary === undefined) return undefined;
  const params: Record<string, string> = {};
  let query: string | undefined;
  for (const part of body.toString('utf8').split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /\bname="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    const value = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    if (name === 'query') query = value;
    else if (name?.startsWith('param_')) params[name.slice('param_'.length)] = value;
  }
  return { query, params };
}
