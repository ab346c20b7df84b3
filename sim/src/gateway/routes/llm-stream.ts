import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { completeBatch, type Served } from '../batch/dispatch.js';
import type { GatewayRuntime } from '../runtime.js';
import { waitUntilSim } from '../sim-time.js';
import { responseHead, usage, type TimedToken } from './llm-content.js';

function chunk(
  served: Served,
  prompt: number,
  done: number,
  content: string,
  finish: string,
): string {
  const body = {
    ...responseHead(served.job, served.job.modelId),
    usage: usage(prompt, done),
    choices: [{ index: 0, finish_reason: finish, delta: { role: 'assistant', content } }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** Writes unless the client went away (the job still completes and is recorded). */
function write(out: PassThrough, text: string): void {
  if (!out.destroyed && !out.writableEnded) out.write(text);
}

/**
 * Streams an LLM answer as go-livepeer's gateway does: headers
 * `text/event-stream`, `Cache-Control: no-cache`, `Connection: keep-alive`,
 * then `data: <LLMResponse JSON>\n\n` per token, and it stops after the chunk
 * whose finish_reason is set — go-livepeer does not forward the runner's
 * `data: [DONE]` (sent here only with the simulator option llmDoneSentinel).
 * Nothing is written before the first token: the client's time to first
 * byte is the time to first token.
 */
export async function streamLlm(
  rt: GatewayRuntime,
  reply: FastifyReply,
  served: Served,
  tokens: readonly TimedToken[],
  prompt: number,
): Promise<FastifyReply> {
  const { clock } = rt.ctx;
  const out = new PassThrough();
  const first = tokens[0];
  if (first !== undefined) await waitUntilSim(clock, first.atMs);
  const sending = reply
    .header('content-type', 'text/event-stream')
    .header('cache-control', 'no-cache')
    .header('connection', 'keep-alive')
    .send(out);
  rt.track(
    (async () => {
      let done = 0;
      for (const token of tokens) {
        await waitUntilSim(clock, token.atMs);
        done++;
        write(out, chunk(served, prompt, done, token.text, ''));
      }
      await waitUntilSim(clock, served.job.endMs);
      completeBatch(rt, served, prompt + tokens.length);
      write(out, chunk(served, prompt, done, '', 'stop'));
      if (rt.options.llmDoneSentinel) write(out, 'data: [DONE]\n\n');
      out.end();
    })(),
  );
  return sending;
}
