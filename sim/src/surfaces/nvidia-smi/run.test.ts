import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runNvidiaSmi, type SmiIo } from './run.js';

const SCENARIO = `
version: 1
name: run-test
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: h200
        count: 2
        workloads: [{ pipeline: upscale, model: stabilityai/stable-diffusion-x4-upscaler }]
`;

const SIM_START = Date.UTC(2026, 10, 27, 15, 0, 0);
let dir = '';
let hostFile = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-smi-run-'));
  hostFile = join(dir, 'host.json');
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  const clock = { wallOriginMs: 0, simOriginMs: SIM_START, speed: 120, catchUp: false };
  const host = { scenarioPath: 'scenario.yaml', seed: 9, orchestratorId: 'host-a', clock };
  await writeFile(hostFile, JSON.stringify(host));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: SmiIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  return { io, out, err };
};

describe('runNvidiaSmi', () => {
  it('prints help, version and field lists without a host', async () => {
    const c = capture();
    expect(await runNvidiaSmi(['--version'], {}, c.io)).toBe(0);
    expect(await runNvidiaSmi(['--help-query-gpu'], {}, c.io)).toBe(0);
    expect(c.out[0]).toBe(
      'NVIDIA-SMI version  : 590.48.01\nNVML version        : 590.48\n' +
        'DRIVER version      : 590.48.01\nCUDA Version        : 13.1\n',
    );
    expect(c.out[1]).toContain('"clocks.current.sm" or "clocks.sm"\n');
    expect(c.out[1]).toContain('"clocks_event_reasons.active" or "clocks_throttle_reasons.active"');
  });

  it('reads the host from the environment and lists it for a bare call', async () => {
    const c = capture();
    expect(await runNvidiaSmi([], { NAAP_SIM_HOST_FILE: hostFile }, c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/^GPU 0: NVIDIA H200 \(UUID: GPU-.*\nGPU 1: NVIDIA H200 /);
    expect(c.err.join('')).toContain('summary table is not simulated');
  });

  it('loops on wall time and prints the simulated time of each block', async () => {
    vi.useFakeTimers({ now: 10_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const controller = new AbortController();
    const c = capture();
    const argv = [
      '--sim-host-file',
      hostFile,
      '--query-gpu=timestamp,index',
      '--format=csv,noheader',
      '-l',
      '5',
    ];
    const done = runNvidiaSmi(argv, {}, c.io, { signal: controller.signal });
    // Loading the host is real I/O: let it finish before moving the fake clock.
    for (let i = 0; i < 10_000 && c.out.length === 0; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(c.out).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000 * 2);
    controller.abort();
    expect(await done).toBe(0);
    expect(c.out).toHaveLength(3);
    // Wall 10 s, 15 s, 20 s at 120× from SIM_START: +1200 s, +1800 s, +2400 s.
    const stamps = c.out.map((block) => block.split(', ')[0]);
    const expected = [1200, 1800, 2400].map((s) => new Date(SIM_START + s * 1000));
    expect(stamps).toEqual(
      expected.map((d) => {
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.000`;
      }),
    );
    expect(c.out[1]).toMatch(/^\S+ \S+, 0\n\S+ \S+, 1\n$/);
  });
});
