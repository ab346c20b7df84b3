import { gunzipSync } from 'node:zlib';
import { createServer, type IncomingMessage } from 'node:http';
import { METRIC } from '@naap/otel';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../model/jobs.js';
import { computeTruth } from '../model/truth.js';
import { resolveScenario } from '../scenario/resolve.js';
import { validateScenario } from '../scenario/load.js';
import { agentWindow } from './agent-series.js';
import { backfillHistory } from './index.js';
import { metricsRequest, type MetricSpec } from './otlp-json.js';
import { testloadWindow } from './testload-series.js';

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);

const network = resolveScenario(
  validateScenario(
    {
      version: 1,
      name: 'backfill',
      seed: 11,
      orchestrators: [
        {
          id: 'orch-fra-1',
          region: 'FRA',
          gpus: [
            {
              model: 'rtx-4090',
              count: 2,
              workloads: [
                {
                  pipeline: 'text-to-image',
                  model: 'stabilityai/sdxl-turbo',
                  failureRate: 0.05,
                  demandPerHour: 400,
                },
              ],
            },
          ],
        },
        {
          id: 'orch-nyc-1',
          region: 'NYC',
          behaviour: 'outage',
          gpus: [
            {
              model: 'rtx-3090',
              count: 1,
              workloads: [{ pipeline: 'live-video-to-video', model: 'streamdiffusion' }],
            },
          ],
        },
      ],
    },
    'test',
  ),
);

const sumOf = (metrics: MetricSpec[], name: string): number =>
  metrics
    .filter((m) => m.name === name && m.kind === 'sum')
    .flatMap((m) => (m.kind === 'sum' ? m.points : []))
    .reduce((s, p) => s + p.value, 0);

describe('agent history', () => {
  it('reports every job that completed in the window, as the truth counts them', () => {
    const from = T0 + 3 * HOUR_MS;
    const truth = computeTruth(network, {
      fromMs: from,
      toMs: from + HOUR_MS,
      gpuUtilization: false,
    });
    for (const o of network.orchestrators) {
      // Minute windows, as the agent exports deltas: the sum is the hour's count.
      let jobs = 0;
      for (let t = from; t < from + HOUR_MS; t += 60_000) {
        jobs += sumOf(
          agentWindow(network, o, { fromMs: t, toMs: t + 60_000, gaugeStepMs: 60_000 }),
          METRIC.jobs,
        );
      }
      const expected = truth.rows
        .filter((r) => r.orchestratorId === o.id)
        .reduce((s, r) => s + r.jobs.total, 0);
      expect(jobs).toBe(expected);
    }
  });

  it('stamps an hour window’s deltas inside that hour (where the collector files them)', () => {
    const from = T0 + 5 * HOUR_MS;
    const deltas = network.orchestrators.flatMap((o) =>
      agentWindow(network, o, { fromMs: from, toMs: from + HOUR_MS, gaugeStepMs: 60_000 }),
    );
    const stamps = deltas
      .filter((m) => m.kind !== 'gauge')
      .flatMap((m) => m.points.map((p) => p.atMs));
    expect(stamps.length).toBeGreaterThan(0);
    expect(new Set(stamps)).toEqual(new Set([from + HOUR_MS - 1]));
  });

  it('splits an hour into one delta per minute, as an agent exports them', () => {
    const o = network.orchestrators[0]!;
    const from = T0 + 5 * HOUR_MS;
    const whole = agentWindow(network, o, {
      fromMs: from,
      toMs: from + HOUR_MS,
      gaugeStepMs: 60_000,
    });
    const split = agentWindow(network, o, {
      fromMs: from,
      toMs: from + HOUR_MS,
      gaugeStepMs: 60_000,
      deltaStepMs: 60_000,
    });
    expect(sumOf(split, METRIC.jobs)).toBe(sumOf(whole, METRIC.jobs));
    const jobs = split.find((m) => m.name === METRIC.jobs);
    const stamps = new Set(jobs?.kind === 'sum' ? jobs.points.map((p) => p.atMs) : []);
    expect(stamps.size).toBeGreaterThan(50);
    for (const t of stamps) expect((t + 1) % 60_000).toBe(0);
  });

  it('samples every GPU once per step and omits nothing it has', () => {
    const o = network.orchestrators[0]!;
    const metrics = agentWindow(network, o, {
      fromMs: T0,
      toMs: T0 + 10 * 60_000,
      gaugeStepMs: 60_000,
    });
    const util = metrics.find((m) => m.name === METRIC.gpuUtilization);
    expect(util?.points).toHaveLength(2 * 10);
    for (const p of util?.kind === 'gauge' ? util.points : []) {
      expect(p.value).toBeGreaterThanOrEqual(0);
      expect(p.value).toBeLessThanOrEqual(1);
    }
    const beats = metrics.find((m) => m.name === METRIC.agentHeartbeat);
    expect(beats?.points).toHaveLength(10);
  });

  it('serialises delta sums and histograms in OTLP/JSON with nanosecond strings', () => {
    const o = network.orchestrators[0]!;
    const body = JSON.parse(
      metricsRequest(
        { 'service.name': 'naap-agent' },
        'naap-agent',
        agentWindow(network, o, { fromMs: T0, toMs: T0 + 60_000, gaugeStepMs: 60_000 }),
      ),
    ) as { resourceMetrics: { scopeMetrics: { metrics: Record<string, unknown>[] }[] }[] };
    const metrics = body.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    const hist = metrics.find((m) => m.name === METRIC.jobDuration) as {
      histogram: {
        aggregationTemporality: number;
        dataPoints: {
          count: string;
          bucketCounts: string[];
          explicitBounds: number[];
          timeUnixNano: string;
        }[];
      };
    };
    expect(hist.histogram.aggregationTemporality).toBe(1);
    const point = hist.histogram.dataPoints[0]!;
    expect(point.bucketCounts).toHaveLength(point.explicitBounds.length + 1);
    expect(point.bucketCounts.reduce((s, c) => s + Number(c), 0)).toBe(Number(point.count));
    // Stamped at the window's last millisecond: the minute (and hour) it covers.
    expect(point.timeUnixNano).toBe(`${T0 + 60_000 - 1}000000`);
    expect(hist.histogram.dataPoints.every((p) => p.timeUnixNano === point.timeUnixNano)).toBe(
      true,
    );
  });
});

describe('test-load history', () => {
  it('tests every target at the cadence and sees an outage as a transport failure', () => {
    const logs = testloadWindow(network, {
      fromMs: T0,
      toMs: T0 + HOUR_MS,
      cadenceMs: 15 * 60_000,
      region: 'FRA',
      datasetVersion: '1.0.0',
    });
    // Three workloads (two GPUs of one, one of the other) × four slots.
    expect(logs).toHaveLength(12);
    for (const l of logs) expect(l.attrs['naap.synthetic']).toBe(true);
  });
});

describe('backfillHistory', () => {
  it('posts every hour, gzip, with each orchestrator’s token, and reports progress', async () => {
    const seen: { path: string; auth: string; bytes: number }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = gunzipSync(Buffer.concat(chunks));
        JSON.parse(body.toString('utf8'));
        seen.push({
          path: req.url ?? '',
          auth: req.headers.authorization ?? '',
          bytes: body.length,
        });
        res.writeHead(seen.length === 1 ? 503 : 200, {
          'retry-after': '0',
          'content-type': 'application/json',
        });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const progress: number[] = [];
    try {
      const result = await backfillHistory({
        network,
        fromMs: T0,
        toMs: T0 + 2 * HOUR_MS,
        collectorUrl: `http://127.0.0.1:${port}`,
        agentTokens: new Map(
          network.orchestrators.map((o) => [o.address.toLowerCase(), `tok-${o.id}`]),
        ),
        gateways: [{ region: 'FRA', token: 'tok-gw' }],
        onProgress: (done) => progress.push(done),
      });
      expect(result).toEqual({ requests: 6, rejected: 0, hours: 2 });
    } finally {
      server.close();
    }
    expect(progress).toEqual([1, 2]);
    // 6 requests + 1 retried after a 503.
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((s) => s.auth))).toEqual(
      new Set(['Bearer tok-orch-fra-1', 'Bearer tok-orch-nyc-1', 'Bearer tok-gw']),
    );
    expect(seen.filter((s) => s.path === '/v1/logs')).toHaveLength(
      2 + (seen[0]!.path === '/v1/logs' ? 1 : 0),
    );
  });
});
