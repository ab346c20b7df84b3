import type { LiveEventName } from '@naap/otel/api';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveHub, type LiveClient, type LiveFrame, type LiveSource } from './hub.js';

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';

class FakeSource implements LiveSource {
  asked: (string | undefined)[][] = [];
  fps = 20;
  jobs: LiveFrame['testloads'] = [];
  frame(pipelines: readonly (string | undefined)[]) {
    this.asked.push([...pipelines]);
    const frames = new Map<string | undefined, LiveFrame>();
    for (const p of pipelines)
      frames.set(p, {
        summary: { n: 1 },
        orchestrators: new Map([
          [A, { address: A, fps: this.fps, p }],
          [B, { address: B, fps: 1, p }],
        ]),
        testloads: this.jobs,
      });
    return Promise.resolve(frames);
  }
}

function client(ip: string, filter: LiveClient['filter'] = {}) {
  const events: { event: LiveEventName; data: unknown }[] = [];
  let ended = false;
  const c: LiveClient = {
    ip,
    filter,
    send: (event, data) => events.push({ event, data }),
    end: () => {
      ended = true;
    },
  };
  return { c, events, ended: () => ended };
}

let hub: LiveHub | undefined;
afterEach(() => hub?.close());

function newHub(source: LiveSource, maxClients = 10): LiveHub {
  hub = new LiveHub(source, {
    intervalMs: 60_000,
    heartbeatMs: 60_000,
    maxClients,
    maxPerIp: 2,
    now: () => 7,
  });
  return hub;
}

describe('live hub', () => {
  it('sends the summary, changed orchestrators only, and filters by orchestrator and pipeline', async () => {
    const source = new FakeSource();
    const h = newHub(source);
    const all = client('1.1.1.1');
    const one = client('1.1.1.2', { orchestrator: A, pipeline: 'llm' });
    h.subscribe(all.c);
    h.subscribe(one.c);
    source.jobs = [
      { orchestrator: A, pipeline: 'llm', event: { jobId: 'j1' } },
      { orchestrator: B, pipeline: 'llm', event: { jobId: 'j2' } },
      { orchestrator: A, pipeline: 'upscale', event: { jobId: 'j3' } },
    ];
    await h.tick();
    expect(source.asked).toEqual([[undefined, 'llm']]);
    expect(all.events.map((e) => e.event)).toEqual([
      'summary',
      'orchestrator',
      'orchestrator',
      'testload',
      'testload',
      'testload',
    ]);
    expect(one.events.map((e) => [e.event, e.data])).toEqual([
      ['summary', { n: 1 }],
      ['orchestrator', { address: A, fps: 20, p: 'llm' }],
      ['testload', { jobId: 'j1' }],
    ]);
    source.jobs = [];
    source.fps = 21;
    await h.tick();
    expect(all.events.slice(6).map((e) => [e.event, e.data])).toEqual([
      ['summary', { n: 1 }],
      ['orchestrator', { address: A, fps: 21, p: undefined }],
    ]);
  });

  it('bounds clients overall and per address, and sends heartbeats', () => {
    const h = newHub(new FakeSource(), 3);
    expect(h.subscribe(client('1.1.1.1').c).ok).toBe(true);
    expect(h.subscribe(client('1.1.1.1').c).ok).toBe(true);
    expect(h.subscribe(client('1.1.1.1').c)).toEqual({ ok: false, reason: 'ip' });
    const last = client('2.2.2.2');
    const sub = h.subscribe(last.c);
    expect(sub.ok).toBe(true);
    expect(h.refusal('3.3.3.3')).toBe('full');
    h.heartbeat();
    expect(last.events).toEqual([{ event: 'heartbeat', data: { timeMs: 7 } }]);
    if (sub.ok) sub.unsubscribe();
    expect(h.size).toBe(2);
    expect(h.refusal('3.3.3.3')).toBeNull();
  });

  it('ends every stream on close and refuses new ones', () => {
    const h = newHub(new FakeSource());
    const a = client('1.1.1.1');
    h.subscribe(a.c);
    h.close();
    expect(a.ended()).toBe(true);
    expect(h.size).toBe(0);
    expect(h.subscribe(client('1.1.1.1').c)).toEqual({ ok: false, reason: 'closed' });
  });

  it('survives a failing source', async () => {
    const errors: unknown[] = [];
    hub = new LiveHub(
      { frame: () => Promise.reject(new Error('storage down')) },
      {
        intervalMs: 60_000,
        heartbeatMs: 60_000,
        maxClients: 1,
        maxPerIp: 1,
        now: () => 0,
        onError: (e) => errors.push(e),
      },
    );
    const a = client('1.1.1.1');
    hub.subscribe(a.c);
    await hub.tick();
    expect(errors).toHaveLength(1);
    expect(a.events).toEqual([]);
  });
});
