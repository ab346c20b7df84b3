import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { readLimited, type Fetch } from '../http.js';
import { parseRetryAfter } from './backoff.js';

const gzip = promisify(gzipCallback);

/** What the collector's answer to one batch means for the sender. */
export type PostResult =
  /** Taken (2xx); `rejected` records refused for good (partial success). */
  | { readonly kind: 'ok'; readonly rejected: number; readonly message: string }
  /** Try again later: no answer, 408, 429, 5xx; `retryAfterMs` from Retry-After. */
  | {
      readonly kind: 'retry';
      readonly status: number | null;
      readonly retryAfterMs: number | null;
      readonly message: string;
    }
  /** The batch itself is refused (400, 413): smaller batches find the record at fault. */
  | { readonly kind: 'split'; readonly status: number; readonly message: string }
  /** Refused whatever is sent (401, 403, other 4xx): a configuration to fix; retried slowly. */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string };

export interface PostTarget {
  /** `<collector>/v1/logs`. */
  readonly url: string;
  readonly token: string | undefined;
  readonly timeoutMs: number;
}

const MAX_ANSWER_BYTES = 64 * 1024;

function messageOf(text: string): string {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && 'message' in v && typeof v.message === 'string')
      return v.message.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300);
}

/** `partialSuccess` of an OTLP/JSON ExportLogsServiceResponse. */
function partialSuccess(text: string): { rejected: number; message: string } {
  try {
    const v: unknown = JSON.parse(text);
    const p: unknown =
      typeof v === 'object' && v !== null && 'partialSuccess' in v ? v.partialSuccess : null;
    if (typeof p !== 'object' || p === null) return { rejected: 0, message: '' };
    const n = 'rejectedLogRecords' in p ? Number(p.rejectedLogRecords) : 0;
    const m = 'errorMessage' in p && typeof p.errorMessage === 'string' ? p.errorMessage : '';
    return { rejected: Number.isSafeInteger(n) && n > 0 ? n : 0, message: m.slice(0, 300) };
  } catch {
    return { rejected: 0, message: '' };
  }
}

/** Classifies an HTTP answer. */
export function classify(
  status: number,
  text: string,
  retryAfter: string | null,
  nowMs: number,
): PostResult {
  if (status >= 200 && status < 300) return { kind: 'ok', ...partialSuccess(text) };
  const message = messageOf(text) || `HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500)
    return { kind: 'retry', status, retryAfterMs: parseRetryAfter(retryAfter, nowMs), message };
  if (status === 400 || status === 413) return { kind: 'split', status, message };
  return { kind: 'refused', status, message };
}

/** POSTs an OTLP/JSON logs request (gzip, bearer token); never throws. */
export async function postLogs(
  fetchImpl: Fetch,
  target: PostTarget,
  json: string,
  signal: AbortSignal,
): Promise<PostResult> {
  try {
    const body = await gzip(Buffer.from(json, 'utf8'));
    const res = await fetchImpl(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        ...(target.token === undefined ? {} : { authorization: `Bearer ${target.token}` }),
      },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(target.timeoutMs)]),
    });
    const text = (await readLimited(res, MAX_ANSWER_BYTES).catch(() => Buffer.alloc(0))).toString(
      'utf8',
    );
    return classify(res.status, text, res.headers.get('retry-after'), Date.now());
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { kind: 'retry', status: null, retryAfterMs: null, message: message.slice(0, 300) };
  }
}
