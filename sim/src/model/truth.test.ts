import { describe, expect, it } from 'vitest';
import { SimClock } from '../core/clock.js';
import { SimEngine } from '../engine.js';
import { generateScenario } from '../scenario/generate.js';
import { validateScenario } from '../scenario/load.js';
import { resolveScenario } from '../scenario/resolve.js';
import { backgroundJobsBetween, HOUR_MS, type JobRecord } from './jobs.js';
import { computeTruth } from './truth.js';

const network = resolveScenario(
  validateScenario(generateScenario({ orchestrators: 6, regions: 3, seed: 11 })),
);
const FROM = Date.parse('2026-11-20T00:00:00Z');
const TO = FROM + 6 * HOUR_MS;

describe('determinism', () => {
  it('gives identical truth for the same scenario and seed, different truth for another seed', () => {
    const a = computeTruth(network, { fromMs: FROM, toMs: TO, gpuUtilization: false });
    const b = computeTruth(
      resolveScenario(
        validateScenario(generateScenario({ orchestrators: 6, regions: 3, seed: 11 })),
      ),
      {
        fromMs: FROM,
        toMs: TO,
        gpuUtilization: false,
      },
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const other = resolveScenario(
      validateScenario(generateScenario({ orchestrators: 6, regions: 3, seed: 11 })),
      12,
    );
    const c = computeTruth(other, { fromMs: FROM, toMs: TO, gpuUtilization: false });
    expect(JSON.stringify(c.rows.map((r) => r.jobs))).not.toBe(
      JSON.stringify(a.rows.map((r) => r.jobs)),
    );
  });

  it('does not depend on the window the events are generated in', () => {
    const whole = backgroundJobsBetween(network, FROM, TO).map((j) => j.id);
    const parts = [
      ...backgroundJobsBetween(network, FROM, FROM + 2.5 * HOUR_MS),
      ...backgroundJobsBetween(network, FROM + 2.5 * HOUR_MS, TO),
    ].map((j) => j.id);
    expect(parts.sort()).toEqual([...whole].sort());
  });
});

describe('truth equals what the engine served', () => {
  it('counts every job the engine emitted, by hour, outcome and origin', () => {
    const wall = 0;
    const engine = new SimEngine(network, new SimClock({ startMs: FROM, wallNow: () => wall }), {
      fromMs: FROM,
    });
    const served: JobRecord[] = [];
    engine.on('job', (j) => served.push(j));
    // Advance in uneven steps: the emission must not depend on them.
    for (let t = FROM; t < TO; t += 7 * 60_000 + 13_000) engine.advanceTo(Math.min(t, TO - 1));
    engine.advanceTo(TO - 1);
    const truth = computeTruth(network, { fromMs: FROM, toMs: TO, gpuUtilization: false });
    const truthTotal = truth.rows.reduce((s, r) => s + r.jobs.total, 0);
    const servedInWindow = served.filter((j) => j.endMs >= FROM && j.endMs < TO);
    expect(truthTotal).toBe(servedInWindow.length);
    expect(new Set(served.map((j) => `${j.orchestratorId}/${j.id}`)).size).toBe(served.length);
    const failures = truth.rows.reduce((s, r) => s + r.jobs.failure, 0);
    expect(failures).toBe(servedInWindow.filter((j) => j.outcome === 'failure').length);
    for (let i = 1; i < served.length; i++)
      expect(served[i]!.endMs).toBeGreaterThanOrEqual(served[i - 1]!.endMs);
  });

  it('adds gateway requests from the ledger, with swaps on the pinned orchestrator', () => {
    const o = network.orchestrators[0]!;
    const w = o.gpus[0]!.workloads[0]!;
    const engine = new SimEngine(network, new SimClock({ startMs: FROM }), { fromMs: FROM });
    const job = engine.startGatewayJob(o.id, w.pipeline, w.modelId, FROM + 1000);
    if (typeof job === 'string') throw new Error(`refused: ${job}`);
    engine.finishGatewayJob(job);
    engine.recordGatewayRequest({
      requestId: 'r1',
      atMs: FROM + 1000,
      pipeline: w.pipeline,
      modelId: w.modelId,
      pinnedOrchestratorId: o.id,
      servedByOrchestratorId: o.id,
      swapped: false,
      attempts: [job],
    });
    const base = computeTruth(network, { fromMs: FROM, toMs: TO, gpuUtilization: false });
    const withLedger = computeTruth(network, {
      fromMs: FROM,
      toMs: TO,
      gpuUtilization: false,
      gatewayRequests: engine.gatewayRequests(),
    });
    const sum = (t: typeof base): number => t.rows.reduce((s, r) => s + r.jobs.gateway, 0);
    expect(sum(base)).toBe(0);
    expect(sum(withLedger)).toBe(job.live === null || job.endMs < TO ? 1 : 0);
    expect(withLedger.swaps).toEqual([
      expect.objectContaining({ orchestratorId: o.id, requests: 1, swapped: 0 }) as unknown,
    ]);
  });
});

describe('injected behaviour shows in the truth', () => {
  const day = computeTruth(network, {
    fromMs: FROM,
    toMs: FROM + 24 * HOUR_MS,
    gpuUtilization: false,
  });
  const by = (behaviour: string) => {
    const ids = new Set(
      network.orchestrators.filter((o) => o.behaviour === behaviour).map((o) => o.id),
    );
    return day.rows.filter((r) => ids.has(r.orchestratorId));
  };
  const rate = (rows: typeof day.rows): number => {
    const f = rows.reduce((s, r) => s + r.jobs.failure, 0);
    const t = rows.reduce((s, r) => s + r.jobs.success + r.jobs.failure, 0);
    return f / t;
  };

  it('the flaky orchestrator fails about 18 % of jobs, healthy ones about 0.5 %', () => {
    expect(rate(by('flaky'))).toBeGreaterThan(0.13);
    expect(rate(by('flaky'))).toBeLessThan(0.23);
    expect(rate(by('healthy'))).toBeLessThan(0.02);
  });

  it('the outage orchestrator is unavailable and serves nothing during its outage', () => {
    // Outages: 90 min daily from 03:00 UTC, and 10 min every 6 h from 00:20.
    const rows = by('outage');
    const at3 = rows.filter((r) => r.hour === '2026-11-20T03:00:00.000Z');
    expect(at3.length).toBeGreaterThan(0);
    const at12 = rows.filter((r) => r.hour === '2026-11-20T12:00:00.000Z');
    expect(at12.every((r) => r.availableSeconds === 3000)).toBe(true);
    for (const r of at3) {
      expect(r.availableSeconds).toBe(0);
      expect(r.jobs.total).toBe(0);
    }
    expect(
      rows
        .filter((r) => r.hour === '2026-11-20T13:00:00.000Z')
        .every((r) => r.availableSeconds === 3600),
    ).toBe(true);
  });

  it('realised batch latency matches the injected distribution', () => {
    const o = network.orchestrators.find((x) => x.behaviour === 'healthy')!;
    const w = o.gpus
      .flatMap((g) => g.workloads)
      .find((x) => x.kind === 'batch' && x.failureRate < 0.01)!;
    const jobs = backgroundJobsBetween(network, FROM, FROM + 72 * HOUR_MS).filter(
      (j) =>
        j.orchestratorId === o.id &&
        j.pipeline === w.pipeline &&
        j.modelId === w.modelId &&
        j.outcome === 'success' &&
        j.warm,
    );
    const sorted = jobs.map((j) => j.durationMs).sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)]!;
    expect(jobs.length).toBeGreaterThan(300);
    expect(Math.abs(p50 / w.latency.p50Ms - 1)).toBeLessThan(0.1);
  });
});
