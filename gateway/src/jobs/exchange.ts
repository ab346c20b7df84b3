import { BodyTooLargeError, errorMessageOf, errorText, readLimited } from '../http.js';
import { EMPTY_EXTRAS, type JobContext, type JobResult } from './types.js';

/** Largest answer body read (JSON answers, SSE streams, media). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export type Exchange =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Headers;
      readonly body: Buffer;
      readonly startedMs: number;
      readonly ttfbMs: number;
      readonly latencyMs: number;
    }
  | {
      readonly kind: 'unreachable' | 'timeout';
      readonly message: string;
      readonly latencyMs: number;
    };

/** Sends a request to the gateway and reads the whole answer, timing both. */
export async function exchange(
  ctx: JobContext,
  path: string,
  init: RequestInit,
): Promise<Exchange> {
  const startedMs = ctx.clock.now();
  const elapsed = () => ctx.clock.now() - startedMs;
  try {
    const res = await ctx.fetch(`${ctx.gatewayUrl}${path}`, { ...init, signal: ctx.signal });
    const ttfbMs = elapsed();
    const body = await readLimited(res, MAX_ANSWER_BYTES);
    return {
      kind: 'response',
      status: res.status,
      headers: res.headers,
      body,
      startedMs,
      ttfbMs,
      latencyMs: elapsed(),
    };
  } catch (err) {
    return failedExchange(ctx, err, elapsed());
  }
}

/** A request that got no complete answer: our timeout, or the gateway unreachable. */
export function failedExchange(ctx: JobContext, err: unknown, latencyMs: number): Exchange {
  if (ctx.signal.aborted)
    return { kind: 'timeout', message: `no answer within ${ctx.settings.timeoutMs} ms`, latencyMs };
  if (err instanceof BodyTooLargeError)
    return { kind: 'unreachable', message: err.message, latencyMs };
  return { kind: 'unreachable', message: errorText(err), latencyMs };
}

export type Answer = Extract<Exchange, { kind: 'response' }>;

/** Whether the exchange ended in a 2xx answer. */
export function answered(x: Exchange): x is Answer {
  return x.kind === 'response' && x.status >= 200 && x.status < 300;
}

/** The result of an exchange that did not end in a 2xx answer. */
export function failure(x: Exchange): JobResult {
  if (x.kind !== 'response') {
    return {
      end: x.kind,
      httpStatus: null,
      errorMessage: x.message,
      latencyMs: x.latencyMs,
      ttfbMs: null,
      ...EMPTY_EXTRAS,
    };
  }
  return {
    end: 'http_error',
    httpStatus: x.status,
    errorMessage: errorMessageOf(x.body) || `HTTP ${x.status}`,
    latencyMs: x.latencyMs,
    ttfbMs: x.ttfbMs,
    ...EMPTY_EXTRAS,
  };
}

/** The result of a 2xx exchange whose output was checked: `problem` null means valid. */
export function checked(
  x: Answer,
  problem: string | null,
  extras: Partial<Pick<JobResult, 'tokensPerSecond' | 'ttfbMs' | 'latencyMs'>> = {},
): JobResult {
  return {
    end: problem === null ? 'ok' : 'invalid_output',
    httpStatus: x.status,
    errorMessage: problem === null ? null : `invalid output: ${problem}`,
    latencyMs: x.latencyMs,
    ttfbMs: x.ttfbMs,
    ...EMPTY_EXTRAS,
    ...extras,
  };
}

/** Parses a JSON answer body; null when it is not a JSON object. */
export function jsonObject(body: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
