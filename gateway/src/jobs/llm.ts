import { readLimited } from '../http.js';
import { answered, checked, failedExchange, failure, MAX_ANSWER_BYTES } from './exchange.js';
import { parseLlmChunk } from './llm-chunks.js';
import { jsonRequest } from './request-body.js';
import { SseDecoder } from './sse.js';
import type { JobContext, JobModule, JobResult } from './types.js';

/** Defaults of good and random cases: a streamed answer of bounded length. */
const DEFAULTS = { stream: true, max_tokens: 256 };

interface StreamState {
  text: string;
  tokens: number;
  usageTokens: number | null;
  firstMs: number | null;
  lastMs: number | null;
  finished: boolean;
  error: string | null;
}

function apply(state: StreamState, data: string, atMs: number): void {
  const chunk = parseLlmChunk(data);
  if (chunk === null) return;
  if (chunk.error !== null) state.error = chunk.error;
  if (chunk.content !== '') {
    state.tokens++;
    state.text += chunk.content;
    state.firstMs ??= atMs;
    state.lastMs = atMs;
  }
  if (chunk.completionTokens !== null) state.usageTokens = chunk.completionTokens;
  if (chunk.finishReason !== null || chunk.done) state.finished = true;
}

/** Tokens per second after the first token; null with fewer than two tokens. */
export function tokensPerSecond(
  tokens: number,
  firstMs: number | null,
  lastMs: number | null,
): number | null {
  if (tokens < 2 || firstMs === null || lastMs === null || lastMs <= firstMs) return null;
  return (tokens - 1) / ((lastMs - firstMs) / 1000);
}

async function readStream(
  ctx: JobContext,
  res: Response,
  startedMs: number,
  ttfbMs: number,
): Promise<JobResult> {
  const state: StreamState = {
    text: '',
    tokens: 0,
    usageTokens: null,
    firstMs: null,
    lastMs: null,
    finished: false,
    error: null,
  };
  const decoder = new SseDecoder();
  const text = new TextDecoder();
  let size = 0;
  try {
    const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
    while (reader !== undefined && !state.finished) {
      const { done, value } = await reader.read();
      const now = ctx.clock.now();
      const events = done ? decoder.end() : decoder.push(text.decode(value, { stream: true }));
      for (const data of events) apply(state, data, now);
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ANSWER_BYTES) throw new Error(`stream larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    if (state.finished) await reader?.cancel().catch(() => undefined);
  } catch (err) {
    const x = failedExchange(ctx, err, ctx.clock.now() - startedMs);
    if (x.kind !== 'response') return { ...failure(x), ttfbMs, httpStatus: res.status };
  }
  const latencyMs = ctx.clock.now() - startedMs;
  const answer = {
    kind: 'response' as const,
    status: res.status,
    headers: res.headers,
    body: Buffer.alloc(0),
    startedMs,
    ttfbMs,
    latencyMs,
  };
  const problem =
    state.error !== null
      ? `stream error: ${state.error}`
      : state.text.trim() === ''
        ? 'no text was generated'
        : state.finished
          ? null
          : 'stream ended without a finish_reason';
  const ttft = state.firstMs === null ? ttfbMs : state.firstMs - startedMs;
  const tps = tokensPerSecond(state.usageTokens ?? state.tokens, state.firstMs, state.lastMs);
  return checked(answer, problem, { ttfbMs: ttft, tokensPerSecond: tps });
}

/**
 * POST /llm (JSON: model, messages, stream, max_tokens). Streaming
 * (`text/event-stream`): time to first token is the TTFB, tokens per second
 * are counted after it, the stream must end with a finish_reason. Not
 * streaming: a message with non-empty content.
 */
export const llm: JobModule = {
  pipeline: 'llm',
  async run(ctx) {
    const init = jsonRequest(ctx, 'model', DEFAULTS);
    const startedMs = ctx.clock.now();
    let res: Response;
    try {
      res = await ctx.fetch(`${ctx.gatewayUrl}/llm`, { ...init, signal: ctx.signal });
    } catch (err) {
      return failure(failedExchange(ctx, err, ctx.clock.now() - startedMs));
    }
    const ttfbMs = ctx.clock.now() - startedMs;
    const type = res.headers.get('content-type') ?? '';
    if (res.ok && type.startsWith('text/event-stream'))
      return readStream(ctx, res, startedMs, ttfbMs);
    let body: Buffer;
    try {
      body = await readLimited(res, MAX_ANSWER_BYTES);
    } catch (err) {
      return failure(failedExchange(ctx, err, ctx.clock.now() - startedMs));
    }
    const x = {
      kind: 'response' as const,
      status: res.status,
      headers: res.headers,
      body,
      startedMs,
      ttfbMs,
      latencyMs: ctx.clock.now() - startedMs,
    };
    if (!answered(x)) return failure(x);
    const chunk = parseLlmChunk(body.toString('utf8'));
    const problem =
      chunk === null
        ? 'answer is not an LLMResponse'
        : chunk.error !== null
          ? `error: ${chunk.error}`
          : chunk.content.trim() === ''
            ? 'no text was generated'
            : null;
    return checked(x, problem);
  },
};
