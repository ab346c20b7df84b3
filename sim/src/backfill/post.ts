import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gz = promisify(gzip);

export class BackfillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackfillError';
  }
}

/**
 * POSTs one OTLP/JSON request (gzip) with a bearer token, honouring
 * 429/503 + Retry-After as an OTLP exporter does. Resolves with the number
 * of points or records the collector rejected (partial success).
 */
export async function postOtlp(
  url: string,
  token: string,
  body: string,
  signal?: AbortSignal,
): Promise<number> {
  const payload = await gz(Buffer.from(body));
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${token}`,
      },
      body: payload,
      ...(signal !== undefined ? { signal } : {}),
    });
    const text = await res.text();
    if (res.ok) return rejectedOf(text);
    if ((res.status === 429 || res.status === 503) && attempt < 30) {
      const retryAfter = Number(res.headers.get('retry-after') ?? '1');
      await new Promise((r) => setTimeout(r, Math.min(10, Math.max(0.2, retryAfter)) * 1000));
      continue;
    }
    throw new BackfillError(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  }
}

function rejectedOf(text: string): number {
  if (text === '') return 0;
  try {
    const parsed = JSON.parse(text) as { partialSuccess?: Record<string, unknown> };
    const p = parsed.partialSuccess ?? {};
    return Number(p.rejectedDataPoints ?? p.rejectedLogRecords ?? 0) || 0;
  } catch {
    return 0;
  }
}
