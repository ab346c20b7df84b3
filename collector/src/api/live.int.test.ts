import { ATTR, EVENT, METRIC } from '@naap/otel';
import { LIVE_EVENTS, type LiveEventName } from '@naap/otel/api';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENT_ADDRESS as A,
  AGENT_TOKEN,
  GATEWAY_TOKEN,
  startTestCollector,
  type TestCollector,
} from '../../test/harness.js';
import { logsBody, metricsBody, post } from './test-otlp.js';

// `/api/v1/live` over a real socket: fresh telemetry shows up as SSE events
// that follow the contract, and a collector shutdown ends the stream cleanly.

const GPU = 'GPU-33333333-3333-3333-3333-333333333333';
let c: TestCollector;
let closed = false;

beforeAll(async () => {
  c = await startTestCollector(['--api-live-interval-ms', '250', '--api-rate-limit', '0']);
}, 60_000);

afterAll(async () => {
  if (!closed) await c.close();
});

interface SseEvent {
  readonly event: LiveEventName;
  readonly data: Record<string, unknown>;
}

/** Reads SSE events until `until` holds for the events so far, or the stream ends. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  until: (events: readonly SseEvent[]) => boolean,
): Promise<{ events: SseEvent[]; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { events, ended: true };
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined)
        events.push({
          event: event as LiveEventName,
          data: JSON.parse(data) as Record<string, unknown>,
        });
    }
    if (until(events)) {
      reader.releaseLock();
      return { events, ended: false };
    }
  }
}

describe('live SSE', () => {
  let stream: ReadableStream<Uint8Array>;

  it('sends summaries, orchestrator figures with GPUs and new test-load jobs, filtered', async () => {
    const res = await fetch(`${c.url}/api/v1/live?orchestrator=${A}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    stream = res.body!;
    const now = Date.now();
    await post(
      c.url,
      AGENT_TOKEN,
      '/v1/metrics',
      metricsBody({ [ATTR.serviceName]: 'naap-agent', [ATTR.region]: 'FRA' }, [
        { kind: 'gauge', name: METRIC.agentHeartbeat, points: [{ t: now, v: 1 }] },
        {
          kind: 'gauge',
          name: METRIC.gpuUtilization,
          points: [{ t: now, v: 0.73, attrs: { [ATTR.hwId]: GPU } }],
        },
      ]),
    );
    await post(
      c.url,
      GATEWAY_TOKEN,
      '/v1/logs',
      logsBody({ [ATTR.serviceName]: 'naap-gateway', [ATTR.region]: 'LON' }, [
        {
          t: now,
          event: EVENT.testloadJob,
          attrs: {
            [ATTR.jobId]: 'live-job-1',
            [ATTR.orchestratorAddress]: A,
            [ATTR.pipeline]: 'llm',
            [ATTR.modelId]: 'm',
            [ATTR.outcome]: 'success',
            [ATTR.latencyMs]: 12,
          },
        },
        {
          t: now,
          event: EVENT.testloadJob,
          attrs: {
            [ATTR.jobId]: 'other-o',
            [ATTR.orchestratorAddress]: `0x${'2'.repeat(40)}`,
            [ATTR.pipeline]: 'llm',
            [ATTR.modelId]: 'm',
            [ATTR.outcome]: 'success',
          },
        },
      ]),
    );
    const { events } = await readEvents(
      stream,
      (es) =>
        es.some((e) => e.event === 'testload') &&
        es.some(
          (e) =>
            e.event === 'orchestrator' &&
            (e.data['gpus'] as { id: string; utilization: number }[]).some(
              (g) => g.utilization === 0.73,
            ),
        ),
    );
    for (const e of events) {
      const check = Compile(LIVE_EVENTS[e.event]);
      expect(
        check.Check(e.data),
        `${e.event}: ${JSON.stringify([...check.Errors(e.data)][0])}`,
      ).toBe(true);
    }
    expect(events[0]?.event).toBe('summary');
    const orch = events.filter((e) => e.event === 'orchestrator');
    expect(orch.every((e) => e.data['address'] === A)).toBe(true);
    expect(orch.at(-1)?.data['gpus']).toEqual([
      expect.objectContaining({ id: GPU, utilization: 0.73, lastSeenMs: now }),
    ]);
    const jobs = events.filter((e) => e.event === 'testload').map((e) => e.data['jobId']);
    expect(jobs).toEqual(['live-job-1']);
  }, 60_000);

  it('ends open streams when the collector shuts down', async () => {
    const closing = c.close();
    closed = true;
    const { ended } = await readEvents(stream, () => false);
    expect(ended).toBe(true);
    await closing;
  }, 60_000);
});
