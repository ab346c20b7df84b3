import { chmod, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, METRIC } from '@naap/otel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  captureLog,
  pointsOf,
  testConfig,
  testContext,
  testMeter,
} from '../nvidia-smi/test-support.js';
import { DcgmSampler } from './sampler.js';

// A stand-in dcgmi: `discovery -l` prints the fixture table; `dmon` prints
// the header, then one sample per GPU every 100 ms until killed.
const GPU0 = 'GPU-5f1c2a4e-7d3b-4c8a-9e21-0b6d8f3a1c47';
const GPU1 = 'GPU-a93e0d12-4b6f-4e1d-8c5a-73f2e9b04d18';
const HEADER =
  '#Entity   TENSO        FP64A        FP32A        FP16A        \nID                                                            ';

let dir = '';
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

async function fakeDcgmi(name: string, dmon: string, discovery = 'cat "$D/discovery.txt"') {
  const path = join(dir, name);
  await writeFile(
    path,
    `#!/bin/sh\nD='${dir}'\ncase "$1" in\n  discovery) ${discovery};;\n  dmon) ${dmon};;\n  *) exit 2;;\nesac\n`,
  );
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-dcgm-'));
  await copyFile(fixture('discovery-h100x2.txt'), join(dir, 'discovery.txt'));
  await writeFile(
    join(dir, 'rows.txt'),
    [
      'GPU 0     0.412        0.000        0.051        0.000        ',
      'GPU 1     0.221        N/A          0.012        0.318        ',
      'GPU-I 3   0.900        0.000        0.000        0.000        ',
      'GPU 7     0.500        0.000        0.000        0.000        ',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'header.txt'), `${HEADER}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const running: DcgmSampler[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function started(path: string) {
  const meter = testMeter();
  const log = captureLog();
  const config = {
    ...testConfig({ path: 'nvidia-smi', intervalMs: 100, computeAppsIntervalMs: 10_000 }),
    dcgm: { path, intervalMs: 100 },
  };
  const sampler = new DcgmSampler({ backoff: { baseMs: 50, maxMs: 200 }, idleRetryMs: 60_000 });
  running.push(sampler);
  await sampler.start(testContext(config, meter, log.logger));
  return { sampler, meter, log };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('DcgmSampler with a stand-in dcgmi', () => {
  it('exports the measured CUE per GPU UUID, labelled dcgm: the busiest pipe', async () => {
    const path = await fakeDcgmi(
      'dcgmi',
      'cat "$D/header.txt"; while :; do cat "$D/rows.txt"; sleep 0.1; done',
    );
    const { sampler, meter } = await started(path);
    await until(() => sampler.health().runs >= 2, 10_000);
    const cue = pointsOf((await meter.collect()).get(METRIC.gpuCue));
    expect(cue.map((p) => [p.attributes[ATTR.hwId], p.value]).sort()).toEqual([
      [GPU0, 0.412],
      [GPU1, 0.318],
    ]);
    for (const p of cue) {
      expect(p.attributes).toMatchObject({
        [ATTR.cueSource]: 'dcgm',
        [ATTR.hwModel]: 'NVIDIA H100 80GB HBM3',
        [ATTR.hwVendor]: 'nvidia',
      });
    }
    expect([...sampler.measuredUuids()].sort()).toEqual([GPU0, GPU1]);
    // The MIG instance and the GPU id discovery did not list are not exported.
    expect(sampler.snapshot().unmappedRows).toBeGreaterThanOrEqual(2);
    expect(sampler.health().errors).toBe(0);
    const pid = sampler.snapshot().loop?.pid;
    expect(pid).toBeGreaterThan(0);
    await sampler.stop();
    expect(() => process.kill(pid ?? 0, 0)).toThrow();
  });

  it('without dcgmi: says so once, counts no error, exports nothing', async () => {
    const { sampler, meter, log } = await started(join(dir, 'no-such-dcgmi'));
    await until(() => sampler.snapshot().loop?.absence === 'no-dcgmi', 5_000);
    expect(pointsOf((await meter.collect()).get(METRIC.gpuCue))).toEqual([]);
    expect(sampler.health().errors).toBe(0);
    const said = log.records().filter((r) => r.msg.includes('dcgmi not found'));
    expect(said).toHaveLength(1);
    expect(said[0]?.msg).toContain('naap.cue.source=proxy');
  });

  it('on GPUs without profiling counters: says so once and leaves CUE to the proxy', async () => {
    const path = await fakeDcgmi(
      'dcgmi-geforce',
      'cat "$D/header.txt"; echo "Error setting watches. Result: -6: Feature not supported"; exit 1',
    );
    const { sampler, meter, log } = await started(path);
    await until(() => sampler.snapshot().loop?.absence === 'no-profiling', 5_000);
    expect(pointsOf((await meter.collect()).get(METRIC.gpuCue))).toEqual([]);
    expect(sampler.health().errors).toBe(0);
    expect(
      log.records().filter((r) => r.msg.includes('DCGM profiling not available')),
    ).toHaveLength(1);
  });

  it('with the host engine down: counts the error with dcgmi’s words, and retries', async () => {
    const path = await fakeDcgmi(
      'dcgmi-down',
      'exit 2',
      'echo "Error: Unable to connect to host engine. Host engine connection invalid/disconnected."; exit 255',
    );
    const { sampler } = await started(path);
    await until(() => sampler.health().errors >= 2, 5_000);
    expect(sampler.health().lastError).toContain('Unable to connect to host engine');
    expect(sampler.snapshot().loop?.absence).toBeNull();
  });

  it('restarts a dmon that exits, and counts its garbage lines', async () => {
    const path = await fakeDcgmi(
      'dcgmi-flaky',
      'cat "$D/header.txt"; cat "$D/rows.txt"; echo "\\001 garbage {{"; cat "$D/rows.txt"; exit 3',
    );
    const { sampler } = await started(path);
    await until(() => (sampler.snapshot().loop?.restarts ?? 0) >= 2, 10_000);
    expect(sampler.snapshot().rejectedLines).toBeGreaterThanOrEqual(2);
    expect(sampler.health().lastError).toMatch(/dcgmi dmon exited with code 3|rejected/);
    expect(sampler.health().runs).toBeGreaterThan(sampler.health().errors);
  });
});
