import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, METRIC } from '@naap/otel';
import { startOrchestratorSurfaces, type OrchestratorSurfaces } from '@naap/sim';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoLivepeerMetricsSampler } from './sampler.js';
import { testConfig, testContext, testMetrics, type ExportedPoint } from './test-support.js';
import { T0, countedByGoLivepeer, testSim, type TestSim } from './test-sim.js';

let dir = '';
let sim: TestSim;
let surfaces: OrchestratorSurfaces;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-glm-'));
  sim = testSim();
  surfaces = await startOrchestratorSurfaces(sim.ctx(dir), sim.orchestrator, {
    flushIntervalMs: 60_000,
  });
});
afterAll(async () => {
  await surfaces.close();
  await sim.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

const key = (a: Record<string, unknown>, names: readonly string[]): string =>
  names
    .map((n) => {
      const v = a[n];
      return typeof v === 'string' ? v : '-';
    })
    .join('|');

const JOB_KEY = [ATTR.pipeline, ATTR.modelId, ATTR.outcome, ATTR.errorClass] as const;

function byKey(points: readonly ExportedPoint[], names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of points) out.set(key(p.attributes, names), p.value);
  return out;
}

async function started() {
  const metrics = testMetrics();
  const config = testConfig({
    goLivepeer: { cliUrl: surfaces.cliUrl, scrapeIntervalMs: 3_600_000, timeoutMs: 5000 },
  });
  const { ctx } = testContext(config, metrics.meter);
  const sampler = new GoLivepeerMetricsSampler();
  await sampler.start(ctx);
  return { metrics, sampler };
}

describe('GoLivepeerMetricsSampler against the simulated go-livepeer', () => {
  it('exports job totals per pipeline, model, outcome and error class equal to the engine’s jobs', async () => {
    const { metrics, sampler } = await started();
    try {
      const first = await sampler.scrapeOnce();
      expect(first.ok).toBe(true);
      expect((await metrics.collect()).get(METRIC.jobs)?.points ?? []).toEqual([]);

      sim.engine.advanceTo(T0 + 40 * 60_000);
      expect((await sampler.scrapeOnce()).ok).toBe(true);
      const exported = await metrics.collect();

      const expected = new Map<string, number>();
      for (const j of sim.jobs.filter(countedByGoLivepeer)) {
        const attrs = {
          [ATTR.pipeline]: j.pipeline,
          [ATTR.modelId]: j.modelId,
          [ATTR.outcome]: j.outcome,
          [ATTR.errorClass]: j.errorClass ?? undefined,
        };
        const k = key(attrs, JOB_KEY);
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      const jobs = exported.get(METRIC.jobs);
      expect(jobs?.data.descriptor.unit).toBe('{job}');
      expect(byKey(jobs?.points ?? [], JOB_KEY)).toEqual(expected);
      // The scenario exercises success, failure and excused, and several classes.
      const outcomes = new Set([...expected.keys()].map((k) => k.split('|')[2]));
      expect(outcomes).toEqual(new Set(['success', 'failure', 'excused']));
      expect(expected.size).toBeGreaterThanOrEqual(7);

      // Gauges and fees: the same figures as the raw exposition at the same simulated time.
      const raw = parsePrometheusTextFormat(
        await (await fetch(`${surfaces.cliUrl}/metrics`)).text(),
      );
      const sumOf = (name: string, pipeline?: string, model?: string): number =>
        (raw.find((f) => f.name === name)?.metrics ?? [])
          .filter((m) => pipeline === undefined || m.labels?.['pipeline'] === pipeline)
          .filter((m) => model === undefined || m.labels?.['model_name'] === model)
          .reduce((s, m) => s + Number(m.value), 0);
      const WORK = [ATTR.pipeline, ATTR.modelId] as const;
      for (const [metric, family] of [
        [METRIC.containersInUse, 'livepeer_ai_container_in_use'],
        [METRIC.containersIdle, 'livepeer_ai_container_idle'],
        [METRIC.gpusIdle, 'livepeer_ai_gpus_idle'],
      ] as const) {
        const points = byKey(exported.get(metric)?.points ?? [], WORK);
        expect(points.size, metric).toBeGreaterThan(0);
        for (const [k, v] of points) {
          const [pipeline, model] = k.split('|');
          expect(v, `${metric} ${k}`).toBe(sumOf(family, pipeline, model));
        }
      }
      // sdxl-turbo: 2 slots (in use + idle); 3 GPUs, one configured for it.
      const t2i = 'text-to-image|stabilityai/sdxl-turbo';
      const inUse = byKey(exported.get(METRIC.containersInUse)?.points ?? [], WORK).get(t2i) ?? -1;
      const idle = byKey(exported.get(METRIC.containersIdle)?.points ?? [], WORK).get(t2i) ?? -1;
      expect(inUse + idle).toBe(2);
      expect(byKey(exported.get(METRIC.gpusIdle)?.points ?? [], WORK).get(t2i)).toBe(2);
      const streams = exported.get(METRIC.liveStreams)?.points ?? [];
      expect(streams.map((p) => p.attributes[ATTR.pipeline])).toEqual(['live-video-to-video']);
      expect(streams[0]?.value).toBe(sumOf('livepeer_ai_current_live_pipelines'));
      const fees = exported.get(METRIC.ticketValueReceived)?.points ?? [];
      expect(fees).toHaveLength(1);
      expect(fees[0]?.value).toBeCloseTo(sumOf('livepeer_ticket_value_recv'), 6);
      expect(fees[0]?.value).toBeGreaterThan(0);

      const snap = sampler.snapshot();
      expect(snap.scrapes).toBe(2);
      expect(snap.errors).toBe(0);
      expect(snap.stale).toBe(false);
      expect(sampler.health()).toMatchObject({ runs: 2, errors: 0, lastError: null });
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });

  it('stays idle without a CLI URL', async () => {
    const metrics = testMetrics();
    const { ctx, logs } = testContext(testConfig(), metrics.meter);
    const sampler = new GoLivepeerMetricsSampler();
    await sampler.start(ctx);
    expect((await sampler.scrapeOnce()).ok).toBe(false);
    expect((await metrics.collect()).get(METRIC.jobs)).toBeUndefined();
    expect(logs.some((l) => /sampler idle/.test(l.msg))).toBe(true);
    await sampler.stop();
    await metrics.shutdown();
  });
});
