import {
  GpuMetricsSchema,
  JobSeriesSchema,
  NetworkSummarySchema,
  OrchestratorDetailSchema,
  OrchestratorListSchema,
  PipelinesSchema,
  RegionsSchema,
  TestloadJobsSchema,
  TestloadSummarySchema,
  type GpuMetrics,
  type JobSeries,
  type NetworkSummary,
  type OrchestratorDetail,
  type OrchestratorList,
  type Pipelines,
  type Regions,
  type TestloadJobs,
  type TestloadSummary,
} from '@naap/otel/api';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../auth/token-store.js';
import { quantilesFromBuckets } from '../storage/rollups/quantile.js';
import { startTestCollector, type TestCollector } from '../../test/harness.js';
import { A, B, DURATION, FPS, G1, G2, RTX, S, T, sendTelemetry } from './test-telemetry.js';

// Known telemetry from one agent and one test-load gateway, sent over
// OTLP/HTTP to a running collector; every endpoint answers the values they
// imply.

let c: TestCollector;

beforeAll(async () => {
  c = await startTestCollector(['--api-rate-limit', '0']);
  await sendTelemetry(c.url);
}, 120_000);

afterAll(async () => {
  await c.close();
});

async function get<T>(path: string, schema: TSchema): Promise<T> {
  const res = await fetch(`${c.url}${path}`);
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  const check = Compile(schema);
  expect(check.Check(body), JSON.stringify([...check.Errors(body)].slice(0, 3))).toBe(true);
  return body as T;
}

const windowSeconds = (w: { fromMs: number; toMs: number }) => (w.toMs - w.fromMs) / 1000;
const [P50, P95] = quantilesFromBuckets(
  [0.5, 0.95],
  [{ bounds: DURATION.bounds, counts: DURATION.counts }],
  { min: DURATION.min, max: DURATION.max },
).map((x) => (x ?? Number.NaN) * 1000);
const sigma = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};
const JITTER = ((sigma(FPS.s1) / 22) * 3 + 0 * 2) / 5;

describe('orchestrators from real telemetry', () => {
  it('lists both orchestrators with their figures and sources', async () => {
    const list = await get<OrchestratorList>(
      '/api/v1/orchestrators?sort=address',
      OrchestratorListSchema,
    );
    expect(list.items.map((r) => r.address)).toEqual([A, B].sort());
    const a = list.items.find((r) => r.address === A)!;
    expect(a).toMatchObject({
      uri: 'https://orch-a.example:8935',
      region: 'FRA',
      // Its agent sends with a token from the tokens file: not obtained by enrollment.
      enrolled: false,
      gpus: { count: 2, models: [RTX] },
      pipelines: ['live-video-to-video', 'text-to-image'],
      jobs: 6,
      successRate: { value: 5 / 6, source: 'testload' },
      fps: { value: 86 / 5, source: 'agent' },
    });
    expect(a.latencyP50Ms).toEqual({ value: P50, source: 'agent' });
    expect(a.availability.source).toBe('agent');
    expect(a.availability.value).toBeCloseTo(600 / windowSeconds(list.window), 12);
    const b = list.items.find((r) => r.address === B)!;
    expect(b).toMatchObject({
      uri: 'https://orch-b.example:8935',
      region: null,
      enrolled: false,
      successRate: { value: 1, source: 'testload' },
      availability: { value: null, source: null },
    });
  });

  it('takes job figures from the source asked for and filters', async () => {
    const agent = await get<OrchestratorList>(
      '/api/v1/orchestrators?source=agent',
      OrchestratorListSchema,
    );
    expect(agent.items.find((r) => r.address === A)).toMatchObject({
      successRate: { value: 43 / 45, source: 'agent' },
      jobs: 46,
    });
    const live = await get<OrchestratorList>(
      '/api/v1/orchestrators?pipeline=live-video-to-video',
      OrchestratorListSchema,
    );
    expect(live.items.map((r) => r.address)).toEqual([A]);
    const fra = await get<OrchestratorList>(
      '/api/v1/orchestrators?region=LON',
      OrchestratorListSchema,
    );
    expect(fra.items).toEqual([]);
    const gpu = await get<OrchestratorList>(
      `/api/v1/orchestrators?gpu_model=${encodeURIComponent(RTX)}`,
      OrchestratorListSchema,
    );
    expect(gpu.items.map((r) => r.address)).toEqual([A]);
    const search = await get<OrchestratorList>(
      '/api/v1/orchestrators?q=ORCH-B',
      OrchestratorListSchema,
    );
    expect(search.items.map((r) => r.address)).toEqual([B]);
  });

  it('details one orchestrator: identity, GPUs with latest values, pipelines per source', async () => {
    const d = await get<OrchestratorDetail>(`/api/v1/orchestrators/${A}`, OrchestratorDetailSchema);
    expect(d.agent).toMatchObject({ enrolled: false, version: '0.1.0', hosts: ['gpu-host-1'] });
    expect(d.gpus.map((g) => [g.id, g.model, g.latest.utilization, g.stale])).toEqual([
      [G1, RTX, 0.6, true],
      [G2, RTX, 0.5, true],
    ]);
    expect(d.gpus[0]?.latest).toMatchObject({
      vramUsedBytes: 6e9,
      temperatureC: 65,
      powerDrawW: null,
    });
    // Stopped reporting 20 minutes ago: last values kept, seen to the (hourly) rollup bucket.
    expect(d.gpus[0]?.lastSeenMs).toBe(Math.floor(T / 3_600_000) * 3_600_000);
    expect(d.figures.availabilityProbe).toEqual({ value: 0.9, source: 'testload' });
    expect(d.figures.availabilityTime.value).toBeCloseTo(600 / windowSeconds(d.window), 12);
    const t2i = d.pipelines.find((p) => p.pipeline === 'text-to-image')!;
    expect(t2i.bySource.map((s) => [s.source, s.jobs])).toEqual([
      ['agent', { success: 40, failure: 2, excused: 1 }],
      ['testload', { success: 5, failure: 1, excused: 0 }],
    ]);
    expect(t2i.bySource[0]).toMatchObject({
      latencyP50Ms: P50,
      latencyP95Ms: P95,
      successRate: 40 / 42,
    });
    const live = d.pipelines.find((p) => p.pipeline === 'live-video-to-video')!;
    expect(live.kind).toBe('live');
    expect(live.bySource[0]?.fpsMean).toBe(86 / 5);
    expect(live.bySource[0]?.jitter).toBeCloseTo(JITTER, 12);
  });

  it('calls an orchestrator enrolled while a token obtained by enrollment is bound to it', async () => {
    const enrolled = async (query: string): Promise<Record<string, boolean>> => {
      const list = await get<OrchestratorList>(
        `/api/v1/orchestrators?${query}`,
        OrchestratorListSchema,
      );
      const d = await get<OrchestratorDetail>(
        `/api/v1/orchestrators/${A}`,
        OrchestratorDetailSchema,
      );
      expect(list.items.find((r) => r.address === A)?.enrolled).toBe(d.agent.enrolled);
      return Object.fromEntries(list.items.map((r) => [r.address, r.enrolled]));
    };
    const tokens = new TokenStore(c.store);
    // Operator-issued tokens (tokens file, CLI, admin API) do not enrol.
    await tokens.create({ kind: 'agent', address: A, name: 'ops', origin: 'cli' });
    expect(await enrolled('sort=jobs')).toEqual({ [A]: false, [B]: false });
    // The agent enrolled: its orchestrator signed the challenge (what /enroll stores).
    const { record } = await tokens.create({
      kind: 'agent',
      address: A,
      name: 'gpu-host-1',
      origin: 'enroll',
    });
    expect(await enrolled('sort=gpus')).toEqual({ [A]: true, [B]: false });
    await tokens.revoke(record.id);
    expect(await enrolled('sort=fps')).toEqual({ [A]: false, [B]: false });
  });

  it('answers 404 for an orchestrator never seen', async () => {
    const res = await fetch(`${c.url}/api/v1/orchestrators/0x${'1'.repeat(40)}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('GPU series', () => {
  const base = `/api/v1/gpu/metrics?orchestrator=${A}&metric=utilization&from=${T}&to=${T + 60 * S}`;

  it('serves raw points within the last hour at the step asked for', async () => {
    const m = await get<GpuMetrics>(`${base}&step=10s`, GpuMetricsSchema);
    expect(m).toMatchObject({
      resolution: 'raw',
      stepMs: 10_000,
      unit: '1',
      source: 'agent',
      stat: 'avg',
    });
    expect(m.series.map((s) => s.gpuId)).toEqual([G1, G2]);
    expect(m.series[0]?.points).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => [T + i * 10 * S, (i + 1) / 10]),
    );
  });

  it('downsamples from minute rollups with exact stats', async () => {
    const avg = await get<GpuMetrics>(`${base}&step=1m&gpu=${G1}`, GpuMetricsSchema);
    expect(avg.resolution).toBe('minute');
    expect(avg.series).toHaveLength(1);
    expect(avg.series[0]?.points[0]?.[0]).toBe(T);
    expect(avg.series[0]?.points[0]?.[1]).toBeCloseTo(0.35, 12);
    const max = await get<GpuMetrics>(`${base}&step=1m&gpu=${G1}&stat=max`, GpuMetricsSchema);
    expect(max.series[0]?.points).toEqual([[T, 0.6]]);
    const csv = await fetch(`${c.url}${base}&step=1m&gpu=${G1}&stat=last&format=csv`);
    expect(await csv.text()).toBe(`gpuId,gpuModel,t_ms,value\r\n${G1},${RTX},${T},0.6\r\n`);
  });
});

describe('test loads', () => {
  it('lists jobs newest first with cursor paging and filters', async () => {
    const first = await get<TestloadJobs>('/api/v1/testloads/jobs?limit=4', TestloadJobsSchema);
    expect(first.items.map((j) => j.jobId)).toEqual(['job-6', 'job-5', 'job-4', 'job-3']);
    const next = await get<TestloadJobs>(
      `/api/v1/testloads/jobs?limit=4&cursor=${first.nextCursor}`,
      TestloadJobsSchema,
    );
    expect(next.items.map((j) => j.jobId)).toEqual(['job-2', 'job-1', 'job-0']);
    expect(next.nextCursor).toBeNull();
    const failed = await get<TestloadJobs>(
      `/api/v1/testloads/jobs?outcome=failure&orchestrator=${A}`,
      TestloadJobsSchema,
    );
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({
      orchestrator: A,
      region: 'LON',
      errorClass: 'timeout',
      errorMessage: '=evil, "deadline exceeded"',
      latencyMs: 30_000,
      caseId: 'text-to-image/good-canonical',
      caseKind: 'good',
      datasetVersion: '1.0.0',
    });
  });

  it('summarises per region, pipeline and model with exact quantiles of successful jobs', async () => {
    const s = await get<TestloadSummary>('/api/v1/testloads/summary', TestloadSummarySchema);
    expect(s.totals).toMatchObject({
      jobs: { success: 6, failure: 1, excused: 0 },
      orchestrators: 2,
      successRate: 6 / 7,
      latencyP50Ms: 250,
      latencyP95Ms: 850,
      swapRate: 0,
    });
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({
      region: 'LON',
      pipeline: 'text-to-image',
      modelId: 'stabilityai/sdxl-turbo',
    });
  });
});

describe('network, regions, pipelines', () => {
  it('summarises the network with KPIs, their sources and trends', async () => {
    const s = await get<NetworkSummary>('/api/v1/network/summary', NetworkSummarySchema);
    const minutes = (s.window.toMs - s.window.fromMs) / 60_000;
    expect(s.kpis.activeOrchestrators.value).toBe(2);
    expect(s.kpis.activeGpus.value).toBe(2);
    expect(s.kpis.jobsPerMinute.source).toBe('agent');
    expect(s.kpis.jobsPerMinute.value).toBeCloseTo(46 / minutes, 12);
    expect(s.kpis.successRate).toMatchObject({ source: 'testload', previous: null });
    expect(s.kpis.successRate.value).toBeCloseTo(6 / 7, 12);
    expect(s.kpis.latencyP95Ms).toMatchObject({ value: P95, source: 'agent' });
    expect(s.kpis.liveFps).toMatchObject({ value: 86 / 5, source: 'agent' });
    const trend = s.kpis.jobsPerMinute.trend;
    expect(trend.reduce((n, [, v]) => n + (v ?? 0), 0)).toBeCloseTo(46, 9);
    expect(trend.find(([t]) => t === T)?.[1]).toBe(10 + 3);
  });

  it('places orchestrators, GPUs, jobs and test loads in their regions', async () => {
    const r = await get<Regions>('/api/v1/regions', RegionsSchema);
    const fra = r.items.find((x) => x.code === 'FRA')!;
    expect(fra).toMatchObject({ orchestrators: 1, gpus: 2, jobs: 46, lat: 50.11, lon: 8.68 });
    expect(fra.pipelines).toEqual([
      { pipeline: 'live-video-to-video', orchestrators: 1, jobs: 3 },
      { pipeline: 'text-to-image', orchestrators: 1, jobs: 43 },
    ]);
    const lon = r.items.find((x) => x.code === 'LON')!;
    expect(lon).toMatchObject({
      testloadJobs: 7,
      testloadSuccessRate: { value: 6 / 7, source: 'testload' },
      testloadLatencyP95Ms: { value: 850, source: 'testload' },
    });
  });

  it('lists pipelines with the models served', async () => {
    const p = await get<Pipelines>('/api/v1/pipelines', PipelinesSchema);
    const t2i = p.items.find((x) => x.id === 'text-to-image')!;
    expect(t2i.models).toHaveLength(1);
    expect(t2i.models[0]).toMatchObject({
      modelId: 'stabilityai/sdxl-turbo',
      orchestrators: 2,
      gpus: 2,
      jobs: 43,
      successRate: { source: 'testload' },
    });
    expect(t2i.models[0]?.successRate.value).toBeCloseTo(6 / 7, 12);
    expect(p.items.find((x) => x.id === 'llm')?.models).toEqual([]);
  });
});

describe('job series', () => {
  const at = (js: JobSeries, stat: string, t: number) =>
    js.series.find((x) => x.stat === stat)?.points.find(([pt]) => pt === t)?.[1];
  const total = (js: JobSeries, stat: string) =>
    js.series.find((x) => x.stat === stat)?.points.reduce((n, [, v]) => n + (v ?? 0), 0);

  it('counts jobs by outcome per minute from the source asked for', async () => {
    const js = await get<JobSeries>(
      `/api/v1/jobs/series?metric=jobs&window=1h&orchestrator=${A}&source=agent`,
      JobSeriesSchema,
    );
    expect(js).toMatchObject({ source: 'agent', unit: '{job}', stepMs: 60_000 });
    expect([total(js, 'success'), total(js, 'failure'), total(js, 'excused')]).toEqual([43, 2, 1]);
    expect(at(js, 'success', T)).toBe(13);
    expect(at(js, 'failure', T + 60 * S)).toBe(2);
  });

  it('serves latency bands, success rate and FPS, test loads first when they measured it', async () => {
    const lat = await get<JobSeries>(
      '/api/v1/jobs/series?metric=latency&window=1h',
      JobSeriesSchema,
    );
    expect(lat.source).toBe('agent');
    expect(at(lat, 'p50', T + 60 * S)).toBe(P50);
    expect(at(lat, 'p95', T + 60 * S)).toBe(P95);
    expect(at(lat, 'p50', T)).toBeNull();
    const rate = await get<JobSeries>(
      '/api/v1/jobs/series?metric=success_rate&window=1h',
      JobSeriesSchema,
    );
    expect(rate.source).toBe('testload');
    expect(at(rate, 'value', T + 120 * S)).toBeCloseTo(6 / 7, 12);
    const fps = await get<JobSeries>('/api/v1/jobs/series?metric=fps&window=1h', JobSeriesSchema);
    expect(at(fps, 'mean', T)).toBe(86 / 5);
  });
});
