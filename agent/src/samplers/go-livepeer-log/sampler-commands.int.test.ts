import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GoLivepeerLogSampler } from './sampler.js';
import { testContext, testMeter, type TestMeter } from './test-support.js';
import { runMinutes, startSim, stopSim, type Sim } from './test-sim.js';

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

describe('go-livepeer-log through journalctl and docker logs', () => {
  it.each(['journal', 'docker'] as const)(
    'follows the log through %s, and stops when the agent stops',
    async (kind) => {
      m = testMeter();
      const s = (sim = await startSim(dir));
      await runMinutes(s, 0, 10);
      const log = s.surfaces.jobLogPath;
      const bin = join(dir, kind);
      // journalctl prints on stdout; docker replays the container's stderr on stderr.
      const to = kind === 'docker' ? ' >&2' : '';
      await writeFile(bin, `#!/bin/sh\ncat "${log}"${to}\nexec sleep 60\n`);
      await chmod(bin, 0o755);
      const sampler = new GoLivepeerLogSampler({ journalctl: bin, docker: bin });
      const agent = new AbortController();
      const jobLog =
        kind === 'journal'
          ? ({ kind, unit: 'livepeer' } as const)
          : ({ kind, container: 'livepeer' } as const);
      await sampler.start(testContext(jobLog, m.meter, agent.signal));
      const written = (await readFile(log, 'utf8')).split('\n').length - 1;
      await vi.waitFor(() => {
        expect(sampler.snapshot().lines.read).toBe(written);
      });
      expect(sampler.snapshot().source).toBe(`${kind}:livepeer`);
      const ok = s.jobs.filter((j) => j.live === null && j.outcome === 'success').length;
      const counted = sampler
        .snapshot()
        .jobs.filter((j) => j.outcome === 'success' && j.durationCount > 0)
        .reduce((a, j) => a + j.count, 0);
      expect(counted).toBe(ok);
      const t = Date.now();
      agent.abort();
      await sampler.stop();
      expect(Date.now() - t).toBeLessThan(3000);
      expect(sampler.health().sourceErrors).toBe(0);
    },
  );
});
