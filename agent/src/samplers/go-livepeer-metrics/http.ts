/** Bounded HTTP reads from go-livepeer's CLI server (and other loopback services). */

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a response body as UTF-8, failing (and cancelling the stream) past `maxBytes`. */
export async function readBoundedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (res.body === null) return '';
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  // fatal: invalid UTF-8 is an error rather than replacement characters.
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
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

/** GET with a deadline covering headers and body, and a bounded body. Throws on network errors. */
export async function getText(url: string, o: GetOptions): Promise<TextResponse> {
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal === undefined ? timeout : AbortSignal.any([timeout, o.signal]);
  try {
    const res = await fetch(url, {
      signal,
      redirect: 'error',
      headers: { accept: o.accept ?? '*/*' },
    });
    const contentType = res.headers.get('content-type') ?? '';
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { status: res.status, contentType, text: '' };
    }
    return { status: res.status, contentType, text: await readBoundedText(res, o.maxBytes) };
  } catch (err) {
    if (timeout.aborted) throw new Error(`timed out after ${o.timeoutMs} ms`, { cause: err });
    throw err;
  }
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
