import { afterEach, describe, expect, it } from 'vitest';
import { SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import { orch, sseData, testGateway, workload, type TestGateway } from '../testing.js';
import { llmTokens, MS_PER_TOKEN } from './llm-content.js';

const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct';
const request = (stream: boolean, maxTokens = 64) => ({
  model: MODEL,
  messages: [{ role: 'user', content: 'Tell me about the Livepeer network' }],
  stream,
  max_tokens: maxTokens,
});

interface Chunk {
  id: string;
  model: string;
  created: number;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  choices: { index: number; finish_reason: string; delta: { role: string; content: string } }[];
}

let gw: TestGateway | null = null;
afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

async function gateway(options = {}) {
  gw = await testGateway(
    [orch('a', [workload('llm', MODEL, { latency: { p50Ms: 2000, p95Ms: 3000 } })])],
    options,
  );
  return gw;
}

describe('POST /llm', () => {
  it('answers an LLMResponse with the whole message when not streaming', async () => {
    const g = await gateway();
    const res = await g.apps.api.inject({ method: 'POST', url: '/llm', payload: request(false) });
    expect(res.statusCode).toBe(200);
    expect(res.headers[SIM_ORCHESTRATOR_HEADER]).toBe(g.ctx.network.orchestrators[0]?.address);
    const body = res.json<{
      model: string;
      usage: Chunk['usage'];
      choices: { finish_reason: string; message: { role: string; content: string } }[];
    }>();
    expect(body.model).toBe(MODEL);
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(body.choices[0]?.message.role).toBe('assistant');
    const words = body.choices[0]?.message.content.split(' ') ?? [];
    expect(words.length).toBe(body.usage.completion_tokens);
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(64);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('streams text/event-stream chunks, one token each, ending with the finish_reason chunk', async () => {
    const g = await gateway();
    const res = await g.apps.api.inject({
      method: 'POST',
      url: '/llm',
      payload: request(true, 20),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.headers['cache-control']).toBe('no-cache');
    const events = sseData(res.body);
    expect(events).not.toContain('[DONE]');
    const chunks = events.map((e) => JSON.parse(e) as Chunk);
    expect(chunks).toHaveLength(21);
    const last = chunks.at(-1);
    expect(last?.choices[0]?.finish_reason).toBe('stop');
    expect(last?.choices[0]?.delta.content).toBe('');
    expect(
      chunks
        .slice(0, -1)
        .every((c) => c.choices[0]?.finish_reason === '' && c.choices[0].delta.content !== ''),
    ).toBe(true);
    expect(chunks.map((c) => c.usage.completion_tokens).slice(0, 3)).toEqual([1, 2, 3]);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    const [record] = g.engine.gatewayRequests();
    expect(record).toMatchObject({ pipeline: 'llm', modelId: MODEL, servedByOrchestratorId: 'a' });
  });

  it('spreads the tokens over the job after a time to first token of 15% of it', async () => {
    const g = await gateway();
    const res = await g.apps.api.inject({
      method: 'POST',
      url: '/llm',
      payload: request(true, 1000),
    });
    const chunks = sseData(res.body).map((e) => JSON.parse(e) as Chunk);
    const job = g.engine.gatewayRequests()[0]?.attempts[0];
    if (job === undefined) throw new Error('no job');
    const tokens = llmTokens(job, 1000);
    expect(chunks.length - 1).toBe(tokens.length);
    expect(tokens.length).toBe(Math.round((job.durationMs * 0.85) / MS_PER_TOKEN) + 1);
    expect(tokens[0]?.atMs).toBeCloseTo(job.startMs + Math.max(80, job.durationMs * 0.15), 6);
    expect(tokens.at(-1)?.atMs).toBeCloseTo(job.endMs, 6);
    expect(
      chunks
        .slice(0, -1)
        .map((c) => c.choices[0]?.delta.content)
        .join(''),
    ).toBe(tokens.map((t) => t.text).join(''));
  });

  it('ends with data: [DONE] only with the simulator option llmDoneSentinel', async () => {
    const g = await gateway({ llmDoneSentinel: true });
    const res = await g.apps.api.inject({ method: 'POST', url: '/llm', payload: request(true, 5) });
    const events = sseData(res.body);
    expect(events.at(-1)).toBe('[DONE]');
    expect((JSON.parse(events.at(-2) ?? '{}') as Chunk).choices[0]?.finish_reason).toBe('stop');
  });

  it("answers a bad request from the orchestrator with 500, as go-livepeer's LLM handler does", async () => {
    gw = await testGateway([
      orch('a', [workload('llm', MODEL, { failureRate: 1, errors: { bad_request: 1 } })]),
    ]);
    const res = await gw.apps.api.inject({ method: 'POST', url: '/llm', payload: request(false) });
    expect(res.statusCode).toBe(500);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/cannot unmarshal/);
  });
});
