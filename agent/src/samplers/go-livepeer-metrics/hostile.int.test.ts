import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoLivepeerMetricsSampler, type GoLivepeerMetricsOptions } from './sampler.js';
import { GOOD_EXPOSITION } from './test-fixtures.js';
import { WARN, testConfig, testContext, testMetrics } from './test-support.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let url = '';
let handler: Handler = (_req, res) => res.end(GOOD_EXPOSITION);
let requests = 0;
let concurrent = 0;
let maxConcurrent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    res.on('close', () => concurrent--);
    res.on('error', () => undefined);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const text =
  (body: string, status = 200, type = 'text/plain; version=0.0.4; charset=utf-8'): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };

async function started(options: GoLivepeerMetricsOptions = {}, scrapeIntervalMs = 3_600_000) {
  const metrics = testMetrics();
  const config = testConfig({ goLivepeer: { cliUrl: url, scrapeIntervalMs, timeoutMs: 1000 } });
  const { ctx, logs } = testContext(config, metrics.meter);
  const sampler = new GoLivepeerMetricsSampler(options);
  await sampler.start(ctx);
  return { metrics, sampler, logs };
}

const MB = 1024 * 1024;

const cutMidBody: Handler = (_req, res) => {
  res.writeHead(200, { 'content-length': String(GOOD_EXPOSITION.length) });
  res.write(GOOD_EXPOSITION.slice(0, 500));
  setTimeout(() => res.socket?.destroy(), 20);
};

const twentyMegabytes: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const line = `${'x'.repeat(1023)}\n`.repeat(1024);
  let sent = 0;
  const more = (): void => {
    while (sent < 20 && res.write(line)) sent++;
    if (sent < 20 && !res.destroyed) res.once('drain', more);
    else res.end();
  };
  more();
};

const announcedHuge: Handler = (_req, res) => {
  res.writeHead(200, { 'content-length': String(20 * MB) });
  res.write('go_goroutines 1\n');
};

const DUPLICATE = `${GOOD_EXPOSITION}livepeer_ai_models_requested{model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image"} 1\n`;
const HTML = '<html><body><h1>502 Bad Gateway</h1></body></html>\n';
const retyped = GOOD_EXPOSITION.replace(
  'livepeer_ai_models_requested counter',
  'livepeer_ai_models_requested gauge',
);

/** Hostile answers and the error each must be counted as. */
const HOSTILE: readonly (readonly [string, Handler, RegExp])[] = [
  ['garbage', text('\u0000\u0001garbage {{{ ]]] \n'), /^malformed exposition: [^\p{Cc}]*$/u],
  ['a truncated body', text(GOOD_EXPOSITION.slice(0, 700)), /truncated/],
  ['a connection cut mid-body', cutMidBody, /terminated|closed|socket/],
  ['a 20 MB body', twentyMegabytes, /exceeds 8388608 bytes/],
  ['a 20 MB body announced by content-length', announcedHuge, /exceeds 8388608 bytes/],
  ['wrong types', text(retyped), /is a gauge, expected counter/],
  ['NaN in a counter', text(GOOD_EXPOSITION.replace('} 120\n', '} NaN\n')), /non-finite/],
  ['+Inf in a counter', text(GOOD_EXPOSITION.replace('} 1.234567e+06', '} +Inf')), /non-finite/],
  ['duplicate series', text(DUPLICATE), /duplicate series/],
  ['an HTML error page', text(HTML, 200, 'text/html'), /not an exposition/],
  ['an HTML page sent as text/plain', text(HTML), /invalid metric name|malformed/],
  ['HTTP 500', text('internal error\n', 500), /^HTTP 500$/],
  ['HTTP 404 (go-livepeer without -monitor)', text('404 page not found\n', 404), /^HTTP 404$/],
  ['a timeout', () => undefined, /timed out after 1000 ms/],
  [
    'invalid UTF-8',
    (_req, res) => res.end(Buffer.from([0x67, 0x6f, 0xff, 0xfe, 0x0a])),
    /not valid/,
  ],
];

describe('GoLivepeerMetricsSampler with hostile /metrics bodies', () => {
  it('counts each as an error, keeps the previous values, never throws', async () => {
    handler = text(GOOD_EXPOSITION);
    const { metrics, sampler, logs } = await started({ staleAfterMs: 3_600_000 });
    try {
      expect((await sampler.scrapeOnce()).ok).toBe(true);
      const before = await metrics.collect();
      const jobsBefore = before.get(METRIC.jobs)?.points.map((p) => [p.attributes, p.value]);
      expect(jobsBefore).toHaveLength(3);
      let errors = 0;
      for (const [name, h, expected] of HOSTILE) {
        handler = h;
        const r = await sampler.scrapeOnce();
        expect(r.ok, name).toBe(false);
        if (!r.ok) expect(r.error, name).toMatch(expected);
        errors++;
        expect(sampler.snapshot().errors, name).toBe(errors);
        const after = await metrics.collect();
        for (const metric of [METRIC.jobs, METRIC.containersIdle, METRIC.ticketValueReceived]) {
          expect(
            after.get(metric)?.points.map((p) => [p.attributes, p.value]),
            `${name}: ${metric}`,
          ).toEqual(before.get(metric)?.points.map((p) => [p.attributes, p.value]));
        }
      }
      expect(sampler.health()).toMatchObject({ runs: HOSTILE.length + 1, errors: HOSTILE.length });
      // One warning for the whole run of failures.
      expect(logs.filter((l) => l.level === WARN)).toHaveLength(1);
      handler = text(GOOD_EXPOSITION.replace('} 120\n', '} 150\n'));
      expect((await sampler.scrapeOnce()).ok).toBe(true);
      const success = (await metrics.collect())
        .get(METRIC.jobs)
        ?.points.find((p) => p.attributes['naap.outcome'] === 'success');
      expect(success?.value).toBe(150);
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('shows a go-livepeer restart as a counter reset', async () => {
    handler = text(GOOD_EXPOSITION);
    const { metrics, sampler } = await started();
    const success = async () =>
      (await metrics.collect())
        .get(METRIC.jobs)
        ?.points.find((p) => p.attributes['naap.outcome'] === 'success');
    try {
      await sampler.scrapeOnce();
      const first = await success();
      expect(first?.value).toBe(120);
      await new Promise((r) => setTimeout(r, 5));
      handler = text(GOOD_EXPOSITION.replace('} 120\n', '} 3\n'));
      await sampler.scrapeOnce();
      const reset = await success();
      expect(reset?.value).toBe(3);
      // The SDK restarts the cumulative series: a later start time marks the reset.
      const t = (p: typeof first) => (p?.startTime[0] ?? 0) * 1e9 + (p?.startTime[1] ?? 0);
      expect(t(reset)).toBeGreaterThan(t(first));
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('stops reporting gauges once the last good scrape is stale, but keeps counters', async () => {
    handler = text(GOOD_EXPOSITION);
    let now = 1_000_000;
    const { metrics, sampler } = await started({ staleAfterMs: 60_000, now: () => now });
    try {
      await sampler.scrapeOnce();
      handler = text('oops', 500);
      now += 61_000;
      await sampler.scrapeOnce();
      const exported = await metrics.collect();
      expect(exported.get(METRIC.containersInUse)?.points ?? []).toEqual([]);
      expect(exported.get(METRIC.jobs)?.points).toHaveLength(3);
      expect(sampler.snapshot().stale).toBe(true);
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('never runs two scrapes at a time', async () => {
    handler = (req, res) => {
      setTimeout(() => {
        text(GOOD_EXPOSITION)(req, res);
      }, 120);
    };
    requests = 0;
    maxConcurrent = 0;
    const { metrics, sampler } = await started({}, 30);
    try {
      const [a, b] = await Promise.all([sampler.scrapeOnce(), sampler.scrapeOnce()]);
      expect(a).toBe(b);
      await new Promise((r) => setTimeout(r, 500));
      expect(requests).toBeGreaterThanOrEqual(2);
      expect(maxConcurrent).toBe(1);
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });
});
