import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_ORCHESTRATOR_HEADER } from './http-errors.js';
import { imageSize } from './media/image-size.js';
import { startGateway, type RunningGateway } from './server.js';
import { orch, testSim, workload, type TestSim } from './testing.js';

const MODEL = 'stabilityai/sdxl-turbo';
const LLM = 'meta-llama/Meta-Llama-3.1-8B-Instruct';

let hook: Server | null = null;
let gateway: RunningGateway | null = null;
let sim: TestSim | null = null;

afterEach(async () => {
  await gateway?.close();
  if (hook !== null) {
    hook.close();
    await once(hook, 'close');
  }
  await sim?.dispose();
  hook = gateway = sim = null;
});

/** A tiny -orchWebhookUrl endpoint answering the given orchestrator URI; counts its GETs. */
async function webhook(uri: string): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  hook = createServer((req, res) => {
    if (req.method === 'GET') hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([{ address: uri }]));
  });
  hook.listen(0, '127.0.0.1');
  await once(hook, 'listening');
  const { port } = hook.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/orchestrators`, hits: () => hits };
}

describe('startGateway over real sockets', () => {
  it('serves pinned requests through a webhook, media over HTTP, SSE and the CLI API on two loopback ports', async () => {
    sim = await testSim([
      orch('a', [workload('text-to-image', MODEL)]),
      orch('b', [
        workload('text-to-image', MODEL),
        workload('llm', LLM, { latency: { p50Ms: 2000, p95Ms: 2500 } }),
      ]),
    ]);
    const wh = await webhook('https://b.example.com:8935');
    gateway = await startGateway(sim.ctx, { webhookUrl: wh.url });
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.cliUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.cliUrl).not.toBe(gateway.url);

    const b = sim.ctx.network.orchestrators[1];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${gateway.url}/text-to-image`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a lighthouse', width: 96, height: 64 }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get(SIM_ORCHESTRATOR_HEADER)).toBe(b?.address);
      const { images } = (await res.json()) as { images: { url: string }[] };
      const file = await fetch(`${gateway.url}${images[0]?.url ?? ''}`);
      expect(imageSize(Buffer.from(await file.arrayBuffer()))).toMatchObject({
        width: 96,
        height: 64,
      });
    }
    expect(wh.hits()).toBe(1);
    expect(
      sim.engine
        .gatewayRequests()
        .every((r) => r.pinnedOrchestratorId === 'b' && r.servedByOrchestratorId === 'b'),
    ).toBe(true);

    const started = Date.now();
    const res = await fetch(`${gateway.url}/llm`, {
      method: 'POST',
      body: JSON.stringify({
        model: LLM,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        max_tokens: 50,
      }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const chunks: string[] = [];
    let ttfbMs = -1;
    const decoder = new TextDecoder();
    for await (const part of res.body as AsyncIterable<Uint8Array>) {
      if (ttfbMs < 0) ttfbMs = Date.now() - started;
      chunks.push(decoder.decode(part, { stream: true }));
    }
    const text = chunks.join('');
    expect(chunks[0]).toMatch(/^data: \{/);
    expect(
      text
        .trimEnd()
        .endsWith('"finish_reason":"stop","delta":{"role":"assistant","content":""}}]}'),
    ).toBe(true);
    const job = sim.engine.gatewayRequests().at(-1)?.attempts[0];
    // the first chunk cannot come before the time to first token (≥ 15% of the job, in wall ms at 1000×)
    expect(ttfbMs).toBeGreaterThanOrEqual(Math.floor(((job?.durationMs ?? 0) * 0.15) / 1000) - 1);

    const caps = (await (await fetch(`${gateway.cliUrl}/getNetworkCapabilities`)).json()) as {
      orchestrators: { orch_uri: string }[];
    };
    expect(caps.orchestrators.map((o) => o.orch_uri)).toEqual(['https://b.example.com:8935']);
    const metrics = await (await fetch(`${gateway.cliUrl}/metrics`)).text();
    expect(metrics).toContain(
      'livepeer_ai_models_requested{model_name="stabilityai/sdxl-turbo",node_id="naap-sim-gateway",node_type="bctr",pipeline="text-to-image"} 3',
    );
    const notOnApi = await fetch(`${gateway.url}/metrics`);
    expect(notOnApi.status).toBe(404);
  });
});
