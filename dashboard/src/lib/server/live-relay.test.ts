import { describe, expect, it } from 'vitest';
import { LiveRelay } from './live-relay.js';

/** An upstream the test writes to, as the collector's live stream would. */
function upstream(): {
  response: Response;
  write: (text: string) => void;
  end: () => void;
  aborted: () => boolean;
  signal: { value?: AbortSignal };
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
  });
  const signal: { value?: AbortSignal } = {};
  return {
    response: new Response(body),
    write: (text) => {
      controller.enqueue(new TextEncoder().encode(text));
    },
    end: () => {
      controller.close();
    },
    aborted: () => signal.value?.aborted === true,
    signal,
  };
}

async function read(
  stream: ReadableStream<Uint8Array>,
  until: (text: string) => boolean,
): Promise<string> {
  const reader = stream.getReader();
  let text = '';
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return text;
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('LiveRelay', () => {
  it('shares one upstream per filter and relays whole events only', async () => {
    const up = upstream();
    const opened: string[] = [];
    const relay = new LiveRelay({
      maxVisitors: 10,
      open: (query, signal) => {
        opened.push(query);
        up.signal.value = signal;
        return Promise.resolve(up.response);
      },
    });
    const a = new AbortController();
    const b = new AbortController();
    const first = relay.subscribe('?pipeline=llm', a.signal)!;
    const second = relay.subscribe('?pipeline=llm', b.signal)!;
    expect(relay.upstreams).toBe(1);
    expect(relay.visitors).toBe(2);
    await tick();
    expect(opened).toEqual(['?pipeline=llm']);
    up.write('retry: 3000\n\nevent: summary\ndata: {"timeMs":1');
    up.write('}\n\nevent: heart');
    const seen = await read(first, (t) => t.includes('"timeMs":1}'));
    expect(seen).toBe('retry: 3000\n\nevent: summary\ndata: {"timeMs":1}\n\n');
    const other = await read(second, (t) => t.includes('"timeMs":1}'));
    expect(other).toBe(seen);

    a.abort();
    expect(relay.visitors).toBe(1);
    expect(up.aborted()).toBe(false);
    b.abort();
    expect(relay.visitors).toBe(0);
    expect(relay.upstreams).toBe(0);
    expect(up.aborted()).toBe(true);
  });

  it('ends every visitor when the upstream ends, so browsers reconnect', async () => {
    const up = upstream();
    const relay = new LiveRelay({ maxVisitors: 10, open: () => Promise.resolve(up.response) });
    const stream = relay.subscribe('', new AbortController().signal)!;
    await tick();
    up.write('event: heartbeat\ndata: {"timeMs":2}\n\n');
    up.end();
    const text = await read(stream, () => false);
    expect(text).toBe('retry: 3000\n\nevent: heartbeat\ndata: {"timeMs":2}\n\n');
    expect(relay.visitors).toBe(0);
    expect(relay.upstreams).toBe(0);
  });

  it('ends visitors when the upstream cannot be opened', async () => {
    const relay = new LiveRelay({
      maxVisitors: 10,
      open: () => Promise.reject(new Error('connection refused')),
    });
    const text = await read(relay.subscribe('', new AbortController().signal)!, () => false);
    expect(text).toBe('retry: 3000\n\n');
    expect(relay.visitors).toBe(0);
  });

  it('refuses visitors beyond its limit', () => {
    const relay = new LiveRelay({ maxVisitors: 1, open: () => new Promise<Response>(() => {}) });
    expect(relay.subscribe('', new AbortController().signal)).not.toBeNull();
    expect(relay.subscribe('?pipeline=llm', new AbortController().signal)).toBeNull();
  });
});
