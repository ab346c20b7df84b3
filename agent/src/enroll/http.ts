/** Small bounded HTTP exchanges for enrollment (collector API, go-livepeer CLI). */

export interface Exchange {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** Sends a request with a deadline covering the whole exchange; the reply body is cut off past `maxBytes`. */
export async function exchange(
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
  o: { timeoutMs: number; maxBytes: number },
): Promise<Exchange> {
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal, redirect: 'error' });
    const reader = (res.body as ReadableStream<Uint8Array> | null)?.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const next = reader === undefined ? { done: true as const } : await reader.read();
      if (next.done) break;
      total += next.value.byteLength;
      if (total > o.maxBytes) {
        await reader?.cancel().catch(() => undefined);
        throw new Error(`reply larger than ${o.maxBytes} bytes`);
      }
      chunks.push(next.value);
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: Buffer.concat(chunks),
    };
  } catch (err) {
    if (signal.aborted) throw new Error(`no answer within ${o.timeoutMs} ms`, { cause: err });
    throw err;
  }
}

/** A short, single-line reason for an error. */
export function reason(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`.replace(/\s+/g, ' ').slice(0, 300);
}
