import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, METRIC } from '@naap/otel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseLine } from './parse.js';
import { GoLivepeerLogSampler } from './sampler.js';
import { testContext, testMeter, totals, type TestMeter } from './test-support.js';
import { expectedJobs, runMinutes, startSim, stopSim, type Sim } from './test-sim.js';

let dir = '';
let sim: Sim | null = null;
let m: TestMeter | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-joblog-'));
});
afterEach(async () => {
  if (sim !== null) await stopSim(sim);
  await m?.shutdown();
  sim = null;
  m = null;
  await rm(dir, { recursive: true, force: true });
});

const attrKey = (a: Record<string, unknown>): string =>
  [a[ATTR.pipeline], a[ATTR.modelId], a[ATTR.outcome], a[ATTR.errorClass]]
    .map((v) => (typeof v === 'string' ? v : '-'))
    .join('|');

describe('go-livepeer-log against the simulator’s go-livepeer log', () => {
  it.each(['local', 'remote'] as const)(
    'parses exactly the successful batch jobs with their durations (%s workers)',
    async (workerMode) => {
      const s = (sim = await startSim(dir, { workerMode }));
      await runMinutes(s, 0, 30);
      const text = await readFile(s.surfaces.jobLogPath, 'utf8');
      const durations = new Map<string, number | null>();
      for (const line of text.split('\n')) {
        const e = parseLine(line);
        if (e?.kind === 'processed') {
          expect(durations.has(e.requestId)).toBe(false);
          durations.set(e.requestId, e.durationS);
        }
      }
      const ok = s.jobs.filter((j) => j.live === null && j.outcome === 'success');
      expect(ok.length).toBeGreaterThan(300);
      expect(durations.size).toBe(ok.length);
      for (const j of ok) expect(durations.get(j.id)).toBeCloseTo(j.durationMs / 1000, 9);
    },
  );

  it.each(['local', 'remote'] as const)(
    'exports the engine’s jobs exactly while following the file across a rotation (%s workers)',
    async (workerMode) => {
      m = testMeter();
      const s = (sim = await startSim(dir, { workerMode }));
      const sampler = new GoLivepeerLogSampler({ pollIntervalMs: 10 });
      const path = s.surfaces.jobLogPath;
      // Started before go-livepeer writes its first line: the file does not exist yet.
      await sampler.start(testContext({ kind: 'file', path }, m.meter));
      await runMinutes(s, 0, 15);
      await vi.waitFor(async () => {
        const written = (await readFile(path, 'utf8')).split('\n').length - 1;
        expect(sampler.snapshot().lines.read).toBe(written);
      });
      await s.surfaces.rotateJobLog();
      await runMinutes(s, 15, 30);
      const total = async (): Promise<number> =>
        (await readFile(`${path}.1`, 'utf8')).split('\n').length -
        1 +
        (await readFile(path, 'utf8')).split('\n').length -
        1;
      await vi.waitFor(async () => {
        expect(sampler.snapshot().lines.read).toBe(await total());
      });
      await sampler.stop();

      const metrics = await m.collect();
      const jobs = totals(metrics.get(METRIC.jobs) ?? [], attrKey);
      const expected = expectedJobs(s);
      expect(Object.fromEntries(jobs)).toEqual(Object.fromEntries(expected));
      // Not vacuous: every kind of job is there.
      const classes = new Set([...expected.keys()].map((k) => k.split('|').slice(2).join('|')));
      for (const c of ['success|-', 'failure|timeout', 'failure|oom', 'failure|capacity']) {
        expect(classes).toContain(c);
      }
      expect(classes).toContain('failure|payment');
      expect(classes).toContain('excused|bad_request');
      expect(expected.get('live-video-to-video|streamdiffusion-sdxl|success|-')).toBeGreaterThan(3);

      const ok = s.jobs.filter((j) => j.live === null && j.outcome === 'success');
      for (const p of metrics.get(METRIC.jobDuration) ?? []) {
        const [pipeline, model, outcome] = attrKey(p.attributes).split('|');
        const mine = ok.filter((j) => j.pipeline === pipeline && j.modelId === model);
        if (outcome === 'success') {
          expect(p.count).toBe(mine.length);
          expect(p.value).toBeCloseTo(
            mine.reduce((a, j) => a + j.durationMs / 1000, 0),
            6,
          );
        } else {
          expect(workerMode).toBe('remote'); // failed remote results carry a duration
        }
      }
      expect(sampler.snapshot().lines.garbage).toBe(0);
      expect(sampler.health().errors).toBe(0);
    },
  );
});
