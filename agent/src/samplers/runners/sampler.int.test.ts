import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, METRIC, jitterFromMoments, momentsOf } from '@naap/otel';
import { startOrchestratorSurfaces, type OrchestratorSurfaces } from '@naap/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  testConfig,
  testContext,
  testMetrics,
} from '../go-livepeer-metrics/test-support.js';
import { T0, testSim, type TestSim } from '../go-livepeer-metrics/test-sim.js';
import { RunnersSampler, type RunnerLogSource } from './sampler.js';

let dir = '';
let sim: TestSim;
let surfaces: OrchestratorSurfaces;
let docker = '';
let psFile = '';

const idOf = (name: string): string => createHash('sha256').update(name).digest('hex');

/** A `docker` stand-in: `ps` prints a file, `logs -f <id>` tails the simulated runner's log. */
async function writeFakeDocker(): Promise<string> {
  const logs = join(dir, 'by-id');
  await mkdir(logs, { recursive: true });
  for (const r of surfaces.runners) {
    await symlink(
      join(surfaces.runnerLogDir, `${r.containerName}.log`),
      join(logs, `${idOf(r.containerName)}.log`),
    );
  }
  const path = join(dir, 'docker');
  await writeFile(
    path,
    `#!/bin/sh
case "$1" in
  ps) cat '${psFile}' ;;
  logs) for last; do :; done; exec tail -n +1 -f '${logs}'/"$last".log ;;
  *) echo "fake docker: unknown command $1" >&2; exit 1 ;;
esac
`,
  );
  await chmod(path, 0o755);
  return path;
}

async function writePs(extra: string[] = [], only?: (name: string) => boolean): Promise<void> {
  const lines = surfaces.runners
    .filter((r) => only?.(r.containerName) ?? true)
    .map((r) =>
      JSON.stringify({
        ID: idOf(r.containerName),
        Image: 'livepeer/ai-runner:latest',
        Labels: 'creator=ai-worker,creator_id=',
        Names: r.containerName,
        Ports: `127.0.0.1:${new URL(r.url).port}->8000/tcp`,
        State: 'running',
        Status: 'Up 5 minutes',
      }),
    );
  await writeFile(psFile, [...lines, ...extra].join('\n') + '\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-runners-'));
  psFile = join(dir, 'ps.jsonl');
  sim = testSim();
  surfaces = await startOrchestratorSurfaces(sim.ctx(dir), sim.orchestrator, {
    flushIntervalMs: 60_000,
  });
  docker = await writeFakeDocker();
  await writePs(['garbage from a broken docker', '{"ID":"zz"}']);
  sim.engine.advanceTo(T0 + 30 * 60_000);
  await surfaces.flush();
});
afterAll(async () => {
  await surfaces.close();
  await sim.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

async function started(dockerPath: string, logSource?: RunnerLogSource) {
  const metrics = testMetrics();
  const config = testConfig({ runners: { intervalMs: 3_600_000, docker: dockerPath } });
  const { ctx, logs } = testContext(config, metrics.meter);
  const sampler = new RunnersSampler({ ...(logSource ? { logSource } : {}), filePollMs: 20 });
  await sampler.start(ctx);
  await sampler.runOnce();
  return { metrics, sampler, logs };
}

/** The engine's Output FPS samples per stream, as the runner log prints them (2 decimals). */
function expectedStreams(): number[][] {
  const byJob = new Map<string, number[]>();
  for (const [job, s] of sim.fps) {
    if (s.fps <= 0) continue; // ai-runner logs Output FPS only when > 0
    const list = byJob.get(job.id) ?? [];
    list.push(Number(s.fps.toFixed(2)));
    byJob.set(job.id, list);
  }
  return [...byJob.values()];
}

const sortKey = (m: { count: number; sum: number }) => `${m.count}:${m.sum.toFixed(6)}`;

describe.each([
  ['docker logs -f', undefined],
  ['log files', 'dir'],
] as const)('RunnersSampler with a fake docker, logs from %s', (_name, mode) => {
  it('discovers runners, polls health, reads exact model ids and per-stream FPS moments', async () => {
    const source: RunnerLogSource | undefined =
      mode === 'dir' ? { kind: 'dir', dir: surfaces.runnerLogDir } : undefined;
    const { metrics, sampler } = await started(docker, source);
    try {
      const expected = expectedStreams();
      const total = expected.reduce((s, x) => s + x.length, 0);
      expect(total).toBeGreaterThan(50);
      await eventually(() => sampler.snapshot().fpsSamples === total);

      const snap = sampler.snapshot();
      expect(snap.docker).toBe('ok');
      expect(snap.containers.map((c) => [c.pipeline, c.modelId, c.modelIdExact])).toEqual(
        surfaces.runners.map((r) => [r.pipeline, r.modelId, true]),
      );
      for (const c of snap.containers) {
        expect(['OK', 'IDLE', 'LOADING']).toContain(c.health);
        expect(c.followingLog).toBe(c.pipeline === 'live-video-to-video');
        expect(snap.byName[c.name]).toEqual({ pipeline: c.pipeline, modelId: c.modelId, id: c.id });
      }
      const llm = snap.containers.find((c) => c.pipeline === 'llm');
      expect(llm?.name).toMatch(/^llm_meta-llama-Meta-Llama-3\.1-8B-Instruct_\d+$/);
      expect(snap.byName[llm?.name ?? '']?.modelId).toBe('meta-llama/Meta-Llama-3.1-8B-Instruct');

      // Per-stream moments equal those of the engine's samples.
      const want = expected
        .map((x) => momentsOf(x))
        .map(sortKey)
        .sort();
      expect(snap.streams.map((s) => sortKey(s.moments)).sort()).toEqual(want);
      for (const s of snap.streams) expect(s.streamId).toMatch(/^stream-[0-9a-f]{8}$/);

      // Exported: the histogram's count and sum with the Σx² counter give the exact jitter.
      const exported = await metrics.collect();
      const fps = exported.get(METRIC.liveFps)?.points ?? [];
      const squares = exported.get(METRIC.liveFpsSquares)?.points ?? [];
      expect(fps).toHaveLength(expected.length);
      const handJitter = expected
        .map((x) => {
          const n = x.length;
          const mean = x.reduce((a, b) => a + b, 0) / n;
          const sigma = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
          return `${n}:${(sigma / mean).toFixed(9)}`;
        })
        .sort();
      const exportedJitter = fps
        .map((p) => {
          const stream = p.attributes[ATTR.streamId];
          expect(p.attributes[ATTR.pipeline]).toBe('live-video-to-video');
          expect(p.attributes[ATTR.modelId]).toBe('streamdiffusion-sdxl');
          const sq = squares.find((q) => q.attributes[ATTR.streamId] === stream);
          const m = { count: p.count ?? 0, sum: p.value, sumSquares: sq?.value ?? Number.NaN };
          return `${m.count}:${(jitterFromMoments(m) ?? -1).toFixed(9)}`;
        })
        .sort();
      expect(exportedJitter).toEqual(handJitter);
      expect(sampler.health()).toMatchObject({ errors: 0 });
    } finally {
      await sampler.stop();
      await metrics.shutdown();
    }
  });
});

describe('RunnersSampler discovery over time', () => {
  it('stops following a runner that went away, and maps its processes by container id', async () => {
    const { metrics, sampler } = await started(docker);
    try {
      expect(sampler.runners().some((r) => r.followingLog)).toBe(true);
      await writePs([], (name) => !name.startsWith('live-'));
      await sampler.runOnce();
      expect(sampler.runners().map((r) => r.pipeline)).toEqual(['text-to-image', 'llm']);
      expect(sampler.runners().some((r) => r.followingLog)).toBe(false);
      // This test process runs in no runner container.
      expect(await sampler.containerOfPid(process.pid)).toBeUndefined();
      expect(await sampler.containerOfPid(-1)).toBeUndefined();
    } finally {
      await writePs();
      await sampler.stop();
      await metrics.shutdown();
    }
  });
});
