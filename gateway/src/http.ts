/** Small HTTP helpers over fetch: bounded bodies, timeouts, error texts. */

export type Fetch = typeof fetch;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a response body up to `maxBytes` (throws BodyTooLargeError beyond). */
export async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  if (res.body === null) return Buffer.alloc(0);
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** GET a small text document; null on any failure (with the reason). */
export async function getText(
  fetchImpl: Fetch,
  url: string,
  timeoutMs: number,
  maxBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await readLimited(res, maxBytes);
    if (!res.ok) return { ok: false, reason: `${url}: HTTP ${res.status}` };
    return { ok: true, text: body.toString('utf8') };
  } catch (err) {
    return { ok: false, reason: `${url}: ${errorText(err)}` };
  }
}

/** Node's socket error codes in the words go-livepeer's errors use (and the error classes know). */
const CODE_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'broken pipe',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'timeout',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

/** The message of an error and its causes (fetch hides the socket error in `cause`). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== undefined && e !== null; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      const words = typeof code === 'string' ? CODE_WORDS[code] : undefined;
      parts.push(words === undefined ? e.message : `${e.message} (${words})`);
      e = e.cause;
    } else {
      parts.push(typeof e === 'string' ? e : 'a non-error value was thrown');
      break;
    }
  }
  return parts.join(': ').slice(0, 1000);
}

/** The error message of a go-livepeer error answer: `{"error":{"message"}}` or Go's plain text. */
export function errorMessageOf(body: Buffer): string {
  const text = body.subarray(0, 8192).toString('utf8');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const error = (parsed as { error?: unknown }).error;
      if (typeof error === 'string') return error;
      if (typeof error === 'object' && error !== null) {
        const message = (error as { message?: unknown }).message;
        if (typeof message === 'string') return message;
      }
      const detail = (parsed as { detail?: unknown }).detail;
      if (detail !== undefined) return JSON.stringify(detail).slice(0, 1000);
    }
  } catch {
    // not JSON: plain text
  }
  return text.trim();
}
