import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC } from '@naap/otel';
import { writeNvidiaSmiWrapper } from '@naap/sim';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_FIELDS } from './fields.js';
import type { NvidiaSmiSamplerOptions } from './sampler.js';
import { NvidiaSmiSampler } from './sampler.js';
import { captureLog, pointsOf, testConfig, testContext, testMeter } from './test-support.js';

// The simulator's fake nvidia-smi runs its compiled dist/: bring it up to date first.
// (Loaded by URL: sim/test is outside this package's TypeScript root.)
const ENSURE_BUILT = new URL('../../../../sim/test/ensure-built.ts', import.meta.url).href;
const { ensureSimBuilt } = (await import(ENSURE_BUILT)) as { ensureSimBuilt: () => Promise<void> };

const SCENARIO = `
version: 1
name: agent-smi-int
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: h100-80gb
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 3000 }]
      - model: h100-80gb
        mig: ['3g.40gb', '2g.20gb', '1g.10gb']
        workloads: [{ pipeline: audio-to-text, model: openai/whisper-large-v3 }]
      - model: rtx-4090
        workloads: [{ pipeline: live-video-to-video, model: comfyui }]
`;

let dir = '';
let smi = '';
let uuids: string[] = [];

beforeAll(async () => {
  await ensureSimBuilt();
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-smi-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  const clock = { wallOriginMs: Date.now(), simOriginMs: Date.UTC(2026, 10, 27, 15), speed: 1 };
  const host = { scenarioPath: 'scenario.yaml', seed: 7, orchestratorId: 'host-a', clock };
  await writeFile(
    join(dir, 'host.json'),
    JSON.stringify({ ...host, clock: { ...clock, catchUp: false } }),
  );
  smi = await writeNvidiaSmiWrapper(join(dir, 'bin'), join(dir, 'host.json'));
  const list = await execa(smi, ['--query-gpu=uuid', '--format=csv,noheader']);
  uuids = list.stdout.split('\n');
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const running: NvidiaSmiSampler[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function startSampler(path: string, options: NvidiaSmiSamplerOptions = {}, intervalMs = 500) {
  const meter = testMeter();
  const log = captureLog();
  const sampler = new NvidiaSmiSampler(options);
  running.push(sampler);
  const config = testConfig({ path, intervalMs, computeAppsIntervalMs: 1000 });
  await sampler.start(testContext(config, meter, log.logger));
  return { sampler, meter, log };
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('NvidiaSmiSampler with the simulator', () => {
  it('sees every GPU by UUID with plausible values within ~3 s, and exports them', async () => {
    expect(uuids).toHaveLength(3);
    const containerOfPid = () => ({ name: 'runner_1', pipeline: 'llm', modelId: 'm' });
    const { sampler, meter } = await startSampler(smi, { containerOfPid });
    const took = await until(() => sampler.snapshot().gpus.length === 3, 6000);
    expect(took).toBeLessThan(3500);
    const gpus = sampler.snapshot().gpus;
    expect(gpus.map((g) => g.uuid).sort()).toEqual([...uuids].sort());
    for (const g of gpus) {
      expect(g.memoryTotalBytes).toBeGreaterThan(20 * 1024 ** 3);
      expect(g.memoryUsedBytes).toBeLessThanOrEqual(g.memoryTotalBytes ?? 0);
      expect(g.temperatureC).toBeGreaterThan(10);
      expect(g.temperatureC).toBeLessThan(100);
      expect(g.powerDrawW).toBeLessThanOrEqual(g.powerLimitW ?? 0);
      expect(g.smClockMhz).toBeLessThanOrEqual(g.smClockMaxMhz ?? 0);
    }
    const mig = gpus.find((g) => g.migMode === 'enabled');
    expect(mig).toBeDefined();
    expect(mig).not.toHaveProperty('utilization');
    for (const g of gpus.filter((x) => x !== mig)) {
      expect(g.utilization).toBeGreaterThanOrEqual(0);
      expect(g.utilization).toBeLessThanOrEqual(1);
    }
    await until(() => sampler.snapshot().processes.length > 0, 5000);
    const metrics = await meter.collect();
    const usage = pointsOf(metrics.get(METRIC.gpuMemoryUsage));
    expect(usage.map((p) => p.attributes['hw.id']).sort()).toEqual([...uuids].sort());
    expect(pointsOf(metrics.get(METRIC.gpuUtilization))).toHaveLength(2);
    const procs = pointsOf(metrics.get(METRIC.gpuProcessMemoryUsage));
    expect(procs.length).toBeGreaterThan(0);
    expect(procs[0]?.attributes['naap.runner.container']).toBe('runner_1');
    expect(procs[0]?.attributes['process.executable.name']).toBe('python3.11');
    await until(() => sampler.health().runs > 0, 3000);
    expect(sampler.health().errors).toBe(0);
    expect(sampler.health().lastDurationMs).toBeLessThan(500);
  });

  it('restarts a killed child with backoff and keeps streaming', async () => {
    const backoff = { baseMs: 200, maxMs: 2000 };
    const { sampler } = await startSampler(smi, { backoff });
    await until(() => sampler.snapshot().gpus.length === 3, 6000);
    const first = sampler.snapshot().child?.pid ?? 0;
    process.kill(first, 'SIGKILL');
    await until(() => (sampler.snapshot().child?.restarts ?? 0) === 1, 3000);
    await until(() => (sampler.snapshot().child?.pid ?? first) !== first, 3000);
    expect(alive(first)).toBe(false);
    const errors = sampler.health().errors;
    expect(errors).toBeGreaterThanOrEqual(1);
    expect(sampler.health().lastError).toContain('SIGKILL');
    const runs = sampler.health().runs;
    await until(() => sampler.health().runs > runs + 1, 5000);
  });

  it('backs off exponentially from a child that keeps exiting after 2 lines', async () => {
    const starts = join(dir, 'starts.log');
    const ends = join(dir, 'ends.log');
    const flaky = join(dir, 'flaky-smi');
    // Stamps only the streaming runs (the compute-apps poller runs this script too).
    const stamp = (file: string) => `case "$*" in *-lms*) date +%s%3N >> '${file}';; esac`;
    await writeFile(
      flaky,
      `#!/bin/sh\n${stamp(starts)}\n"${smi}" "$@" | head -n 2\n${stamp(ends)}\n`,
    );
    await chmod(flaky, 0o755);
    const backoff = { baseMs: 150, maxMs: 1200 };
    const { sampler, log } = await startSampler(flaky, { backoff }, 200);
    await until(() => (sampler.snapshot().child?.restarts ?? 0) >= 5, 30_000);
    await sampler.stop();
    // The delays the supervisor chose: 150·2^n ±20 %, capped at 1.2 s.
    const chosen = log
      .records()
      .map((r) => /restarting in (\d+) ms/.exec(r.msg)?.[1])
      .filter((d) => d !== undefined)
      .map(Number);
    expect(chosen.length).toBeGreaterThanOrEqual(5);
    const nominal = [150, 300, 600, 1200, 1200];
    nominal.forEach((n, i) => {
      expect(chosen[i]).toBeGreaterThanOrEqual(Math.min(0.8 * n, 1200));
      expect(chosen[i]).toBeLessThanOrEqual(Math.min(1.2 * n, 1200));
    });
    // And the child really was restarted that long after the previous one ended.
    const read = async (f: string) => (await readFile(f, 'utf8')).trim().split('\n').map(Number);
    const [s, e] = [await read(starts), await read(ends)];
    for (let i = 0; i < 4; i++) {
      const gap = (s[i + 1] ?? 0) - (e[i] ?? 0);
      expect(gap).toBeGreaterThanOrEqual((chosen[i] ?? 0) - 20);
      expect(gap).toBeLessThan((chosen[i] ?? 0) + 500);
    }
    expect(sampler.health().errors).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('stops exporting readings that went stale (the child hung)', async () => {
    const row = (
      await execa(smi, ['--query-gpu=' + QUERY_FIELDS.join(','), '--format=csv,noheader,nounits'])
    ).stdout;
    const hung = join(dir, 'hung-smi');
    await writeFile(join(dir, 'rows.csv'), `${row}\n`);
    await writeFile(hung, `#!/bin/sh\ncat '${join(dir, 'rows.csv')}'\nexec sleep 30\n`);
    await chmod(hung, 0o755);
    const { sampler, meter } = await startSampler(hung, {}, 200);
    await until(() => sampler.snapshot().gpus.length === 3, 3000);
    expect(pointsOf((await meter.collect()).get(METRIC.gpuMemoryLimit))).toHaveLength(3);
    await until(() => sampler.snapshot().gpus.length === 0, 3000);
    expect(pointsOf((await meter.collect()).get(METRIC.gpuMemoryLimit))).toEqual([]);
  });

  it('warns once and stays idle when the binary is missing', async () => {
    const { sampler, log } = await startSampler(join(dir, 'no-such-nvidia-smi'), {
      missingRetryMs: 100,
    });
    await new Promise((r) => setTimeout(r, 800));
    const warnings = log.records().filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain('not found');
    expect(sampler.snapshot()).toMatchObject({ gpus: [], processes: [] });
    expect(sampler.snapshot().child?.binaryMissing).toBe(true);
    expect(sampler.health().errors).toBe(1);
  });

  it('stop() kills the child and leaves no process behind', async () => {
    const { sampler } = await startSampler(smi);
    await until(() => sampler.snapshot().child?.pid !== undefined, 3000);
    const pid = sampler.snapshot().child?.pid ?? 0;
    expect(alive(pid)).toBe(true);
    await sampler.stop();
    expect(alive(pid)).toBe(false);
    expect(sampler.snapshot().child).toBeNull();
    await sampler.stop();
  });
});
