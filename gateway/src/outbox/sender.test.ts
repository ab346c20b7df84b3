import { gunzipSync } from 'node:zlib';
import { testloadJobFromAttributes, type TestloadJobRecord } from '@naap/otel';
import { describe, expect, it, vi } from 'vitest';
import type { Fetch } from '../http.js';
import { Outbox } from './outbox.js';
import { OutboxSender, type SenderOptions } from './sender.js';
import { jobRecord, lineOf, memoryLog, scratchFile } from './testing.js';

const IDLE_MS = 86_400_000;
const CLOSE_MS = 77_777;

/** Waits: the idle poll blocks until woken, every other wait is recorded and returns at once. */
class Waits {
  readonly retries: number[] = [];
  closeBlocks = true;
  readonly delay = (ms: number, signal: AbortSignal): Promise<void> => {
    const blocks = ms === IDLE_MS || (ms === CLOSE_MS && this.closeBlocks);
    if (!blocks) {
      if (ms !== 0 && ms !== CLOSE_MS) this.retries.push(ms);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => {
        resolve();
      });
    });
  };
}

interface Sent {
  readonly headers: Headers;
  readonly records: TestloadJobRecord[];
}

type Answer = Response | Error | 'hang';

/** A collector answering from a script (then 200), keeping what each request carried. */
function collector(script: (sent: Sent, n: number) => Answer | undefined = () => undefined) {
  const sent: Sent[] = [];
  const fetch: Fetch = async (_url, init) => {
    const body = gunzipSync(Buffer.from(init?.body as Uint8Array)).toString('utf8');
    const req = JSON.parse(body) as {
      resourceLogs: {
        scopeLogs: {
          logRecords: {
            timeUnixNano: string;
            attributes: { key: string; value: Record<string, unknown> }[];
          }[];
        }[];
      }[];
    };
    const records = (req.resourceLogs[0]?.scopeLogs[0]?.logRecords ?? []).map((l) => {
      const attrs = Object.fromEntries(
        l.attributes.map((a) => {
          const [kind, v] = Object.entries(a.value)[0] ?? [];
          return [a.key, kind === 'intValue' ? Number(v) : v];
        }),
      );
      const parsed = testloadJobFromAttributes(attrs, Number(BigInt(l.timeUnixNano) / 1_000_000n));
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      return parsed.value;
    });
    const s = { headers: new Headers(init?.headers), records };
    const answer = script(s, sent.length);
    if (answer === 'hang')
      return new Promise<Response>((_, reject) => {
        if (init?.signal?.aborted === true) reject(new Error('aborted'));
        init?.signal?.addEventListener('abort', () => {
          reject(new Error('aborted'));
        });
      });
    if (answer instanceof Error) throw answer;
    sent.push(s);
    const res = answer ?? new Response('{}', { status: 200 });
    if (res.ok) taken.push(...s.records.map((r) => r.jobId));
    return res;
  };
  const taken: string[] = [];
  return { fetch, sent, delivered: () => taken };
}

const options: SenderOptions = {
  url: 'http://collector.test',
  token: 'tok-123',
  resource: { 'service.name': 'naap-gateway' },
  scope: { name: 'naap-gateway', version: '0' },
  batchRecords: 2,
  maxBackoffMs: 30_000,
  lingerMs: 0,
  idlePollMs: IDLE_MS,
};

async function setup(
  c: ReturnType<typeof collector>,
  records: number,
  extra: Partial<SenderOptions> = {},
  path?: string,
) {
  const file = path ?? (await scratchFile());
  const m = memoryLog();
  const box = await Outbox.open(
    { path: file, owned: true, maxBytes: 1 << 30, maxRecords: 1_000_000 },
    m.log,
  );
  for (let i = 0; i < records; i++) void box.append(lineOf(jobRecord(i)));
  await box.settled();
  const waits = new Waits();
  const sender = new OutboxSender(
    box,
    { ...options, ...extra },
    { fetch: c.fetch, log: m.log, delay: waits.delay, random: () => 1 },
  );
  sender.start();
  return { file, box, sender, waits, messages: m.messages };
}

const jobs = (...n: number[]) => n.map((i) => jobRecord(i).jobId);

describe('OutboxSender', () => {
  it('sends every record once, in order, in batches, gzip JSON with the bearer token', async () => {
    const c = collector();
    const { box, sender } = await setup(c, 5);
    await vi.waitFor(() => {
      expect(c.delivered()).toHaveLength(5);
    });
    expect(c.sent.map((s) => s.records.length)).toEqual([2, 2, 1]);
    expect(c.delivered()).toEqual(jobs(0, 1, 2, 3, 4));
    expect(c.sent[0]?.records[0]).toEqual(jobRecord(0));
    const h = c.sent[0]?.headers;
    expect(h?.get('authorization')).toBe('Bearer tok-123');
    expect(h?.get('content-type')).toBe('application/json');
    expect(h?.get('content-encoding')).toBe('gzip');
    await vi.waitFor(() => {
      expect(box.backlog.records).toBe(0);
    });
    // New records wake the idle sender.
    void box.append(lineOf(jobRecord(5))).then(() => {
      sender.notify();
    });
    await vi.waitFor(() => {
      expect(c.delivered()).toEqual(jobs(0, 1, 2, 3, 4, 5));
    });
    await sender.close(CLOSE_MS);
    expect(sender.sent).toBe(6);
  });

  it('honours Retry-After on 503 and 429, then delivers exactly once', async () => {
    const c = collector((_, n) =>
      n === 0
        ? new Response('busy', { status: 503, headers: { 'retry-after': '7' } })
        : n === 1
          ? new Response('slow down', { status: 429, headers: { 'retry-after': '2' } })
          : undefined,
    );
    const { waits, sender } = await setup(c, 1);
    await vi.waitFor(() => {
      expect(c.delivered()).toEqual(jobs(0));
    });
    expect(waits.retries).toEqual([7_000, 2_000]);
    expect(c.sent).toHaveLength(3);
    await sender.close(CLOSE_MS);
  });

  it('backs off exponentially while unreachable, logs the outage once, keeps the records', async () => {
    const c = collector();
    let attempts = 0;
    const fetch: Fetch = (url, init) => {
      attempts++;
      return attempts <= 5 ? Promise.reject(new Error('ECONNREFUSED')) : c.fetch(url, init);
    };
    const { waits, sender, messages } = await setup({ ...c, fetch }, 3, { maxBackoffMs: 8_000 });
    await vi.waitFor(() => {
      expect(c.delivered()).toEqual(jobs(0, 1, 2));
    });
    expect(waits.retries).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(messages.filter((m) => /did not take job records/.test(m))).toHaveLength(1);
    await sender.close(CLOSE_MS);
  });

  it('halves a batch the collector refuses until the record at fault is alone, then skips it', async () => {
    const c = collector((s) =>
      s.records.some((r) => r.jobId === jobRecord(2).jobId)
        ? new Response('{"code":3,"message":"malformed"}', { status: 400 })
        : undefined,
    );
    const { sender, messages } = await setup(c, 4, { batchRecords: 4 });
    await vi.waitFor(() => {
      expect(c.delivered()).toEqual(jobs(0, 1, 3));
    });
    expect(c.sent.map((s) => s.records.length)).toEqual([4, 2, 2, 1, 1]);
    expect(sender.rejected).toBe(1);
    expect(messages.some((m) => /refused a job record; it is skipped/.test(m))).toBe(true);
    await sender.close(CLOSE_MS);
  });

  it('counts records refused in a partial success and moves on', async () => {
    const c = collector((_, n) =>
      n === 0
        ? new Response('{"partialSuccess":{"rejectedLogRecords":"1","errorMessage":"bad"}}', {
            status: 200,
          })
        : undefined,
    );
    const { box, sender } = await setup(c, 3);
    await vi.waitFor(() => {
      expect(sender.sent + sender.rejected).toBe(3);
    });
    expect(box.backlog.records).toBe(0);
    expect(sender.rejected).toBe(1);
    expect(sender.sent).toBe(2);
    await sender.close(CLOSE_MS);
  });

  it('keeps retrying a refused token (401) slowly, without losing records', async () => {
    const c = collector((_, n) => (n < 2 ? new Response('', { status: 401 }) : undefined));
    const { waits, sender, messages } = await setup(c, 1);
    await vi.waitFor(() => {
      expect(c.sent).toHaveLength(3);
    });
    expect(waits.retries).toEqual([1_000, 2_000]);
    expect(messages.filter((m) => /did not take job records/.test(m))).toHaveLength(1);
    expect(c.sent[2]?.records.map((r) => r.jobId)).toEqual(jobs(0));
    await sender.close(CLOSE_MS);
  });

  it('close sends what is pending when the collector answers', async () => {
    const c = collector();
    const { box, sender } = await setup(c, 0);
    for (let i = 0; i < 3; i++) void box.append(lineOf(jobRecord(i)));
    await box.settled();
    await sender.close(CLOSE_MS);
    expect(c.delivered()).toEqual(jobs(0, 1, 2));
  });

  it('a batch in flight at close is not acknowledged: it is sent again after a restart', async () => {
    let hang = true;
    const c = collector(() => (hang ? 'hang' : undefined));
    const first = await setup(c, 2);
    first.waits.closeBlocks = false;
    await first.sender.close(CLOSE_MS);
    expect(first.box.backlog.records).toBe(2);
    hang = false;
    const second = await setup(c, 0, {}, first.file);
    await vi.waitFor(() => {
      expect(c.delivered()).toEqual(jobs(0, 1));
    });
    await second.sender.close(CLOSE_MS);
  });
});
