import type { FastifyInstance } from 'fastify';
import { JsonFields, parseJsonBody } from '../body/json-body.js';
import { completeBatch, dispatchBatch } from '../batch/dispatch.js';
import { rawRequest, type RawRequest } from '../batch/route-spec.js';
import {
  badRequest,
  GatewayHttpError,
  replyError,
  SIM_ORCHESTRATOR_HEADER,
} from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';
import { waitUntilSim } from '../sim-time.js';
import { llmTokens, promptTokens, responseHead, usage, type LlmMessage } from './llm-content.js';
import { streamLlm } from './llm-stream.js';
import { sendJson } from '../reply-json.js';

export interface LlmRequest {
  readonly model: string;
  readonly messages: readonly LlmMessage[];
  readonly stream: boolean;
  readonly maxTokens: number;
}

/** go-livepeer LLM(): "check required fields". */
export const MISSING_REQUIRED_FIELDS = 'missing required fields';

function messagesOf(raw: unknown): LlmMessage[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    throw badRequest(
      'json: cannot unmarshal object into Go struct field GenLLMJSONRequestBody.messages of type []worker.LLMMessage',
    );
  }
  return (raw as unknown[]).map((m) => {
    const f = new JsonFields(m, 'LLMMessage');
    return { role: f.string('role') ?? '', content: f.string('content') ?? '' };
  });
}

/**
 * Decodes POST /llm (JSON, ai-worker LLMRequest). go-livepeer's LLM handler:
 * `if req.Model == nil || req.Messages == nil || req.Stream == nil ||
 * req.MaxTokens == nil || len(req.Messages) == 0` → 400 "missing required fields".
 */
export function decodeLlm(request: RawRequest): LlmRequest {
  const f = new JsonFields(parseJsonBody(request.body), 'GenLLMJSONRequestBody');
  const model = f.string('model');
  const messages = messagesOf(f.raw('messages'));
  const stream = f.bool('stream');
  const maxTokens = f.int('max_tokens');
  if (
    model === undefined ||
    messages === undefined ||
    stream === undefined ||
    maxTokens === undefined ||
    messages.length === 0
  ) {
    throw badRequest(MISSING_REQUIRED_FIELDS);
  }
  if (maxTokens < 1) throw badRequest(`max_tokens must be at least 1, got ${maxTokens}`);
  return { model, messages, stream, maxTokens: Math.min(maxTokens, 8192) };
}

/**
 * go-livepeer's LLM handler maps only ServiceUnavailableError to 503; every
 * other error of processLLM — a bad request from the orchestrator included —
 * is a 500 with its message.
 */
async function dispatchLlm(rt: GatewayRuntime, p: LlmRequest) {
  try {
    return await dispatchBatch(rt, {
      requestId: rt.nextRequestId(),
      pipeline: 'llm',
      modelId: p.model,
    });
  } catch (err) {
    if (err instanceof GatewayHttpError && err.status === 400)
      throw new GatewayHttpError(500, err.message);
    throw err;
  }
}

/**
 * Registers POST /llm. Non-streaming: an LLMResponse with `message` once the
 * job is done. `stream: true`: `text/event-stream`, one `data: {…}` chunk per
 * token (first after the time to first token), the last with finish_reason
 * "stop" (see llm-stream.ts).
 */
export function registerLlm(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post('/llm', async (request, reply) => {
    try {
      const p = decodeLlm(rawRequest(request));
      const served = await dispatchLlm(rt, p);
      const tokens = llmTokens(served.job, p.maxTokens);
      const prompt = promptTokens(p.messages);
      void reply.header(SIM_ORCHESTRATOR_HEADER, served.orchestrator.address);
      if (p.stream) return await streamLlm(rt, reply, served, tokens, prompt);
      await waitUntilSim(rt.ctx.clock, served.job.endMs);
      completeBatch(rt, served, prompt + tokens.length);
      const content = tokens.map((t) => t.text).join('');
      return await sendJson(reply, {
        ...responseHead(served.job, p.model),
        usage: usage(prompt, tokens.length),
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      });
    } catch (err) {
      return replyError(reply, err);
    }
  });
}
