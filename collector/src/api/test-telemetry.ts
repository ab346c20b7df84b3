import { ATTR, EVENT, METRIC } from '@naap/otel';
import { AGENT_ADDRESS as A, AGENT_TOKEN, GATEWAY_TOKEN } from '../../test/harness.js';
import { logsBody, metricsBody, post, type Attrs } from './test-otlp.js';

/**
 * Known telemetry for the API's integration tests: one agent (orchestrator
 * A: two GPUs, batch and live jobs, FPS of two streams, heartbeats) and one
 * test-load gateway in LON (jobs on A and B, probes), sent over OTLP/HTTP.
 */
export { A };

export const B = '0x00000000000000000000000000000000000000bb';
export const G1 = 'GPU-11111111-1111-1111-1111-111111111111';
export const G2 = 'GPU-22222222-2222-2222-2222-222222222222';
export const RTX = 'NVIDIA GeForce RTX 4090';
export const T2I = { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: 'stabilityai/sdxl-turbo' };
export const LV2V = {
  [ATTR.pipeline]: 'live-video-to-video',
  [ATTR.modelId]: 'streamdiffusion-sdxl',
};
export const S = 1000;
/** A minute boundary 20 minutes ago: every point lies within the last hour. */
export const T = Math.floor((Date.now() - 20 * 60 * S) / 60_000) * 60_000;

export const DURATION = {
  bounds: [0.25, 0.5, 1, 2, 5],
  counts: [0, 20, 20, 0, 0, 0],
  sum: 30,
  min: 0.3,
  max: 0.9,
};
export const FPS = { s1: [20, 22, 24], s2: [10, 10] };
export const LATENCIES = [100, 200, 300, 400, 1000];

async function agentData(url: string): Promise<void> {
  const resource: Attrs = {
    [ATTR.serviceName]: 'naap-agent',
    [ATTR.serviceVersion]: '0.1.0',
    [ATTR.hostName]: 'gpu-host-1',
    [ATTR.region]: 'FRA',
    [ATTR.orchestratorUri]: 'https://orch-a.example:8935',
  };
  const every10s = (n: number) => Array.from({ length: n }, (_, i) => T + i * 10 * S);
  const gpu = (id: string) => ({ [ATTR.hwId]: id, [ATTR.hwModel]: RTX });
  const fpsPoints = Object.entries(FPS).map(([stream, xs]) => ({
    t: T + 30 * S,
    bounds: [],
    counts: [xs.length],
    sum: xs.reduce((a, b) => a + b, 0),
    attrs: { ...LV2V, [ATTR.streamId]: stream },
  }));
  const squares = Object.entries(FPS).map(([stream, xs]) => ({
    t: T + 30 * S,
    v: xs.reduce((a, b) => a + b * b, 0),
    attrs: { ...LV2V, [ATTR.streamId]: stream },
  }));
  const outcome = (o: string) => ({ ...T2I, [ATTR.outcome]: o });
  await post(
    url,
    AGENT_TOKEN,
    '/v1/metrics',
    metricsBody(resource, [
      {
        kind: 'gauge',
        name: METRIC.agentHeartbeat,
        points: every10s(60).map((t) => ({ t, v: 1 })),
      },
      {
        kind: 'gauge',
        name: METRIC.agentExportInterval,
        points: every10s(60).map((t) => ({ t, v: 10 })),
      },
      {
        kind: 'gauge',
        name: METRIC.gpuUtilization,
        points: every10s(6).flatMap((t, i) => [
          { t, v: (i + 1) / 10, attrs: gpu(G1) },
          { t, v: 0.5, attrs: gpu(G2) },
        ]),
      },
      {
        kind: 'gauge',
        name: METRIC.gpuMemoryUsage,
        points: every10s(6).map((t, i) => ({ t, v: 1e9 * (i + 1), attrs: gpu(G1) })),
      },
      {
        kind: 'gauge',
        name: METRIC.gpuTemperature,
        points: every10s(6).map((t, i) => ({ t, v: 60 + i, attrs: gpu(G1) })),
      },
      {
        kind: 'sum',
        name: METRIC.jobs,
        points: [
          ...[0, 1, 2, 3].map((i) => ({ t: T + i * 60 * S, v: 10, attrs: outcome('success') })),
          {
            t: T + 90 * S,
            v: 2,
            attrs: { ...outcome('failure'), [ATTR.errorClass]: 'runner_error' },
          },
          {
            t: T + 95 * S,
            v: 1,
            attrs: { ...outcome('excused'), [ATTR.errorClass]: 'client_disconnect' },
          },
          { t: T + 30 * S, v: 3, attrs: { ...LV2V, [ATTR.outcome]: 'success' } },
        ],
      },
      {
        kind: 'histogram',
        name: METRIC.jobDuration,
        points: [{ t: T + 60 * S, attrs: T2I, ...DURATION }],
      },
      { kind: 'histogram', name: METRIC.liveFps, points: fpsPoints },
      { kind: 'sum', name: METRIC.liveFpsSquares, points: squares },
    ]),
  );
}

async function testloadData(url: string): Promise<void> {
  const resource: Attrs = { [ATTR.serviceName]: 'naap-gateway', [ATTR.region]: 'LON' };
  const record = (i: number, o: string, address: string, latency: number, extra: Attrs = {}) => ({
    t: T + (i + 1) * 60 * S,
    event: EVENT.testloadJob,
    attrs: {
      ...T2I,
      [ATTR.jobId]: `job-${i}`,
      [ATTR.orchestratorAddress]: address,
      [ATTR.orchestratorUri]:
        address === A ? 'https://orch-a.example:8935' : 'https://orch-b.example:8935',
      [ATTR.region]: 'LON',
      [ATTR.datasetVersion]: '1.0.0',
      [ATTR.caseId]: 'text-to-image/good-canonical',
      [ATTR.caseKind]: 'good',
      [ATTR.outcome]: o,
      [ATTR.latencyMs]: latency,
      [ATTR.swapped]: false,
      [ATTR.expectedRejection]: false,
      [ATTR.synthetic]: true,
      ...extra,
    },
  });
  await post(
    url,
    GATEWAY_TOKEN,
    '/v1/logs',
    logsBody(resource, [
      ...LATENCIES.map((l, i) => record(i, 'success', A, l)),
      record(5, 'failure', A, 30_000, {
        [ATTR.errorClass]: 'timeout',
        [ATTR.errorMessage]: '=evil, "deadline exceeded"',
      }),
      record(6, 'success', B, 50),
    ]),
  );
  const jobs = (address: string, o: string, v: number) => ({
    t: T + 120 * S,
    v,
    attrs: { ...T2I, [ATTR.orchestratorAddress]: address, [ATTR.outcome]: o },
  });
  await post(
    url,
    GATEWAY_TOKEN,
    '/v1/metrics',
    metricsBody(resource, [
      {
        kind: 'sum',
        name: METRIC.jobs,
        points: [jobs(A, 'success', 5), jobs(A, 'failure', 1), jobs(B, 'success', 1)],
      },
      {
        kind: 'sum',
        name: METRIC.probes,
        points: [
          {
            t: T + 120 * S,
            v: 9,
            attrs: { [ATTR.orchestratorAddress]: A, [ATTR.outcome]: 'success' },
          },
          {
            t: T + 120 * S,
            v: 1,
            attrs: { [ATTR.orchestratorAddress]: A, [ATTR.outcome]: 'failure' },
          },
        ],
      },
    ]),
  );
}

/** Sends everything above to the collector at `url`. */
export async function sendTelemetry(url: string): Promise<void> {
  await agentData(url);
  await testloadData(url);
}
