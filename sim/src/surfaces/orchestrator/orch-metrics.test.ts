import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../model/jobs.js';
import { WorkloadActivity } from './activity.js';
import { CENSUS } from './census-defs.js';
import { TICKET_EV_WEI, ticketsOf } from './fees.js';
import { handlingOf } from './handling.js';
import { senderOf, ZERO_ADDRESS } from './identity.js';
import { OrchestratorMetrics } from './orch-metrics.js';
import { T0, testNetwork, type TestNet } from './test-network.js';

let net: TestNet;
afterEach(async () => {
  await net.engine.stop();
});

function setup(): {
  metrics: OrchestratorMetrics;
  scrape: (at: number) => ReturnType<typeof parsePrometheusTextFormat>;
} {
  net = testNetwork();
  const activity = new WorkloadActivity(net.network, net.orchestrator);
  const metrics = new OrchestratorMetrics(net.network, net.orchestrator, activity, T0);
  net.engine.on('job', (j) => {
    if (j.orchestratorId === net.orchestrator.id) metrics.onJob(j);
  });
  net.engine.on('streamStart', (j) => {
    if (j.orchestratorId === net.orchestrator.id) metrics.onStreamStart(j);
  });
  return { metrics, scrape: (at) => parsePrometheusTextFormat(metrics.render(at)) };
}

const family = (fams: ReturnType<typeof parsePrometheusTextFormat>, name: string) =>
  fams.find((f) => f.name === name);

const count = (jobs: JobRecord[], pred: (j: JobRecord) => boolean): number =>
  jobs.filter(pred).length;

const NODE_ID = expect.stringMatching(/^0x[0-9a-f]{40}-orch-a$/) as unknown as string;

describe('OrchestratorMetrics /metrics exposition', () => {
  it('shows only the start-up metrics before the first job, with node_id/node_type', () => {
    const { scrape } = setup();
    const fams = scrape(T0);
    expect(family(fams, CENSUS.modelsRequested.name)).toBeUndefined();
    expect(family(fams, CENSUS.requestErrors.name)).toBeUndefined();
    expect(family(fams, CENSUS.ticketValueRecv.name)).toBeUndefined();
    expect(family(fams, CENSUS.currentLivePipelines.name)).toBeUndefined();
    const versions = family(fams, 'livepeer_versions');
    expect(versions?.type).toBe('GAUGE');
    expect(versions?.metrics[0]?.labels).toEqual({
      compiler: 'gc',
      goos: 'linux',
      goversion: 'go1.23.4',
      livepeerversion: '0.9.1',
      node_type: 'orch',
    });
    expect(family(fams, 'livepeer_max_sessions_total')?.metrics[0]).toEqual({
      value: '10',
      labels: { node_id: NODE_ID, node_type: 'orch' },
    });
    // Warm models' containers are reported from the start; the cold llm is not.
    const idle = family(fams, CENSUS.containerIdle.name);
    expect(idle?.metrics.map((m) => m.labels?.['pipeline']).sort()).toEqual([
      'live-video-to-video',
      'text-to-image',
    ]);
    expect(Number(family(fams, 'process_start_time_seconds')?.metrics[0]?.value)).toBe(T0 / 1000);
    expect(family(fams, 'process_start_time_seconds')?.metrics[0]?.value).toBe('1.74654e+09');
  });

  it('counts exactly the jobs the engine emitted, with go-livepeer names, types and labels', () => {
    const { scrape } = setup();
    net.engine.advanceTo(T0 + 30 * 60_000);
    const jobs = net.jobs;
    const fams = scrape(T0 + 30 * 60_000);

    for (const f of fams.filter((x) => x.name.startsWith('livepeer_'))) {
      const def = Object.values(CENSUS).find((d) => d.name === f.name);
      expect(def, f.name).toBeDefined();
      expect(f.type).toBe(def?.type.toUpperCase());
      expect(f.help).toBe(def?.help);
      for (const m of f.metrics) {
        expect(Object.keys(m.labels ?? {}).sort()).toEqual([...(def?.labels ?? [])].sort());
        if (f.name !== 'livepeer_versions') expect(m.labels?.['node_id']).toEqual(NODE_ID);
        expect(m.labels?.['node_type']).toBe('orch');
      }
      if (f.type === 'COUNTER') expect(f.name.endsWith('_total')).toBe(false);
    }

    const requested = family(fams, CENSUS.modelsRequested.name)?.metrics ?? [];
    for (const m of requested) {
      const expected = count(
        jobs,
        (j) =>
          j.live === null &&
          handlingOf(j) === 'processed' &&
          j.modelId === m.labels?.['model_name'],
      );
      expect(Number(m.value)).toBe(expected);
    }
    expect(requested.reduce((s, m) => s + Number(m.value), 0)).toBe(
      count(jobs, (j) => j.live === null && handlingOf(j) === 'processed'),
    );

    const errors = family(fams, CENSUS.requestErrors.name)?.metrics ?? [];
    const expected = new Map<string, number>();
    for (const j of jobs.filter((x) => handlingOf(x) === 'processing_error')) {
      const sender = j.live === null ? senderOf(net.network.seed, j).address : ZERO_ADDRESS;
      const key = `${j.errorMessage ?? ''}|${j.pipeline}|${j.modelId}|${sender}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map(
      errors.map((m) => {
        const l = m.labels ?? {};
        return [
          `${l['error_code'] ?? ''}|${l['pipeline'] ?? ''}|${l['model_name'] ?? ''}|${l['sender'] ?? ''}`,
          Number(m.value),
        ];
      }),
    );
    expect(actual).toEqual(expected);
    expect(expected.size).toBeGreaterThan(1);
    const payErr = family(fams, CENSUS.paymentRecvErrors.name)?.metrics ?? [];
    expect(payErr.reduce((s, m) => s + Number(m.value), 0)).toBe(
      count(jobs, (j) => handlingOf(j) === 'payment'),
    );

    const paid = jobs.filter((j) => ['processed', 'processing_error'].includes(handlingOf(j)));
    const tickets = paid.reduce((s, j) => s + ticketsOf(net.orchestrator, j), 0);
    expect(Number(family(fams, CENSUS.ticketsRecv.name)?.metrics[0]?.value)).toBe(tickets);
    expect(Number(family(fams, CENSUS.ticketValueRecv.name)?.metrics[0]?.value)).toBeCloseTo(
      (tickets * TICKET_EV_WEI) / 1e9,
      3,
    );
    expect(family(fams, CENSUS.winningTicketsRecv.name)?.metrics).toHaveLength(1);
  });

  it('exports unset view tags as empty strings and current container and live gauges', () => {
    const { scrape } = setup();
    net.engine.advanceTo(T0 + 20 * 60_000);
    const at = T0 + 20 * 60_000;
    const fams = scrape(at);
    const idle = family(fams, CENSUS.containerIdle.name)?.metrics ?? [];
    const inUse = family(fams, CENSUS.containerInUse.name)?.metrics ?? [];
    expect(idle.every((m) => m.labels?.['orchestrator_uri'] === '')).toBe(true);
    expect(inUse.every((m) => m.labels?.['orchestrator_uri'] === '')).toBe(true);
    const t2i = (ms: typeof idle) => ms.find((m) => m.labels?.['pipeline'] === 'text-to-image');
    expect(Number(t2i(idle)?.value) + Number(t2i(inUse)?.value)).toBe(2);
    const activity = new WorkloadActivity(net.network, net.orchestrator);
    const live = activity.containers.filter((c) => c.workload.kind === 'live');
    const streams = live.reduce((s, c) => s + activity.inFlight(c, at).length, 0);
    expect(family(fams, CENSUS.currentLivePipelines.name)?.metrics).toEqual([
      {
        value: String(streams),
        labels: { node_id: NODE_ID, node_type: 'orch', pipeline: 'live-video-to-video' },
      },
    ]);
    expect(family(fams, CENSUS.gpusIdle.name)?.metrics.every((m) => m.value === '2')).toBe(true);
  });
});
