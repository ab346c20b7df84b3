/** Bounded HTTP reads from go-livepeer's CLI server (and other loopback services). */

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export interface GetOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Aborts the request early (e.g. the sampler stops). */
  readonly signal?: AbortSignal;
  readonly accept?: string;
}

export interface TextResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Reads a response body as UTF-8 (invalid UTF-8 is an error), failing past `maxBytes`. */
function readBody(res: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    res.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        reject(new BodyTooLargeError(maxBytes));
        res.destroy();
      } else chunks.push(chunk);
    });
    res.on('aborted', () => {
      reject(new Error('connection closed mid-body'));
    });
    res.on('error', (err) => {
      reject(res.complete ? err : new Error('connection closed mid-body', { cause: err }));
    });
    res.on('end', () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

async function readResponse(res: IncomingMessage, maxBytes: number): Promise<TextResponse> {
  const status = res.statusCode ?? 0;
  const contentType = res.headers['content-type'] ?? '';
  if (status < 200 || status > 299) {
    res.resume();
    return { status, contentType, text: '' };
  }
  const declared = Number(res.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new BodyTooLargeError(maxBytes);
  }
  return { status, contentType, text: await readBody(res, maxBytes) };
}

/**
 * GET with a deadline covering headers and body, and a bounded body. Throws
 * on network errors; redirects are not followed (a 3xx is its own status).
 *
 * node:http rather than fetch: fetch loads undici, whose HTTP parser is
 * WebAssembly; compiling it costs the agent about 12 MiB resident for good
 * and, when V8 optimises it, a transient 30 MiB more.
 */
export function getText(url: string, o: GetOptions): Promise<TextResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(new Error(`unsupported URL scheme ${target.protocol}`));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<TextResponse>((resolve, reject) => {
    const req = request(target, { headers: { accept: o.accept ?? '*/*' } });
    const fail = (err: Error): void => {
      reject(err);
      req.destroy();
    };
    const timer = setTimeout(() => {
      fail(new Error(`timed out after ${o.timeoutMs} ms`));
    }, o.timeoutMs);
    const onAbort = (): void => {
      fail(new Error('aborted'));
    };
    if (o.signal?.aborted === true) onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    };
    req.on('error', fail);
    req.on('close', done);
    req.on('response', (res) => {
      readResponse(res, o.maxBytes).then(resolve, fail);
    });
    req.end();
  });
}

/** GET a JSON document (bounded, with a deadline); throws on HTTP errors and invalid JSON. */
export async function getJson(url: string, o: GetOptions): Promise<unknown> {
  const res = await getText(url, { ...o, accept: 'application/json' });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return JSON.parse(res.text) as unknown;
}

/** A short, single-line description of an error for logs and health. */
export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${message}${message.startsWith('timed out') ? '' : cause}`
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}
