import { describe, expect, it } from 'vitest';
import { resolveGatewayOptions } from './options.js';
import { OrchestratorPool, uriKey } from './pool.js';
import { Selector } from './selector.js';
import { orch, testSim, workload } from './testing.js';
import { parseWebhookBody, WebhookDiscovery } from './webhook.js';

function fakeFetch(bodies: string[]): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const impl = (() => {
    const body = bodies[Math.min(calls, bodies.length - 1)] ?? '[]';
    calls++;
    return Promise.resolve(new Response(body));
  }) as typeof fetch;
  return { fetch: impl, calls: () => calls };
}

describe('parseWebhookBody', () => {
  it("reads go-livepeer's webhook answer and skips addresses that are not URIs", () => {
    expect(
      parseWebhookBody(
        '[{"address":"https://a:8935"},{"address":"::bad"},null,{"address":"https://b:8935","score":0.5}]',
      ),
    ).toEqual(['https://a:8935', 'https://b:8935']);
  });

  it('fails as a whole like json.Unmarshal', () => {
    expect(parseWebhookBody('{"address":"https://a:8935"}')).toBeNull();
    expect(parseWebhookBody('[1]')).toBeNull();
    expect(parseWebhookBody('[{"address":5}]')).toBeNull();
    expect(parseWebhookBody('not json')).toBeNull();
  });
});

describe('WebhookDiscovery', () => {
  it('fetches once per cache period (wall time), sharing concurrent refreshes', async () => {
    let wall = 1_000;
    const f = fakeFetch(['[{"address":"https://a:8935"}]']);
    const w = new WebhookDiscovery('http://hook/orchs', 60_000, f.fetch, () => wall);
    const all = await Promise.all([w.addresses(), w.addresses(), w.addresses()]);
    expect(all).toEqual([['https://a:8935'], ['https://a:8935'], ['https://a:8935']]);
    wall += 59_999;
    await w.addresses();
    expect(f.calls()).toBe(1);
    wall += 1;
    await w.addresses();
    expect(f.calls()).toBe(2);
  });

  it('gives no orchestrators when the webhook fails and retries on the next request', async () => {
    let fail = true;
    const impl = (() =>
      fail
        ? Promise.reject(new Error('down'))
        : Promise.resolve(new Response('[{"address":"https://a:8935"}]'))) as typeof fetch;
    const w = new WebhookDiscovery('http://hook', 60_000, impl);
    expect(await w.addresses()).toEqual([]);
    fail = false;
    expect(await w.addresses()).toEqual(['https://a:8935']);
    expect(w.fetchCount).toBe(2);
  });
});

describe('OrchestratorPool', () => {
  it('maps -orchAddr URIs to scenario orchestrators, ignores unknown ones and pins the first', async () => {
    const sim = await testSim([
      orch('a', [workload('llm', 'm')]),
      orch('b', [workload('llm', 'm')]),
    ]);
    const options = resolveGatewayOptions({
      orchAddr: ['https://nobody:1', 'B.example.com:8935/', 'https://a.example.com:8935'],
    });
    const view = await new OrchestratorPool(sim.ctx.network, options).view();
    expect(view.members.map((o) => o.id)).toEqual(['b', 'a']);
    expect(view.pinned?.id).toBe('b');
    expect(uriKey('orch:8935')).toBe('https://orch:8935');
    await sim.dispose();
  });

  it('is the whole network, unpinned, without -orchAddr or webhook', async () => {
    const sim = await testSim([
      orch('a', [workload('llm', 'm')]),
      orch('b', [workload('llm', 'm')]),
    ]);
    const view = await new OrchestratorPool(sim.ctx.network, resolveGatewayOptions({})).view();
    expect(view).toMatchObject({ pinned: null, explicit: false });
    expect(view.members).toHaveLength(2);
    await sim.dispose();
  });
});

describe('Selector', () => {
  it('puts the pinned orchestrator first, rotates the others and moves suspended ones last', async () => {
    const sim = await testSim(['a', 'b', 'c'].map((id) => orch(id, [workload('llm', 'm')])));
    const [a, b, c] = sim.ctx.network.orchestrators;
    if (a === undefined || b === undefined || c === undefined) throw new Error('missing');
    const s = new Selector();
    const ids = (list: readonly { id: string }[]) => list.map((o) => o.id);
    expect(ids(s.order([a, b, c], a, 'llm', 'm'))).toEqual(['a', 'b', 'c']);
    expect(ids(s.order([a, b, c], a, 'llm', 'm'))).toEqual(['a', 'c', 'b']);
    expect(ids(s.order([a, b, c], null, 'llm', 'other'))).toEqual(['a', 'b', 'c']);
    s.suspend(a, 'llm', 'm');
    expect(ids(s.order([a, b, c], a, 'llm', 'm'))).toEqual(['b', 'c', 'a']);
    s.order([a, b, c], a, 'llm', 'm');
    s.order([a, b, c], a, 'llm', 'm');
    expect(ids(s.order([a, b, c], a, 'llm', 'm'))[0]).toBe('a');
    await sim.dispose();
  });
});
