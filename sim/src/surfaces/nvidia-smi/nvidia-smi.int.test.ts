import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSimBuilt } from '../../../test/ensure-built.js';
import { NVIDIA_SMI_BIN, writeNvidiaSmiWrapper } from './wrapper.js';

// Spawns the real executable, sim/bin/nvidia-smi.js, which runs the compiled
// dist/ (brought up to date first), so these tests exercise the very file
// agents are given.

const SIM_START = Date.UTC(2026, 10, 27, 15, 0, 0);

const SCENARIO = `
version: 1
name: smi-int
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: h100-80gb
        count: 2
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 3000 }]
      - model: h100-80gb
        mig: ['3g.40gb', '2g.20gb', '1g.10gb']
        workloads: [{ pipeline: audio-to-text, model: openai/whisper-large-v3 }]
      - model: rtx-4090
        workloads: [{ pipeline: live-video-to-video, model: comfyui }]
`;

let dir = '';
let host = '';
let fastHost = '';

const hostFile = (speed: number, orchestratorId = 'host-a'): string => {
  const clock = { wallOriginMs: Date.now(), simOriginMs: SIM_START, speed, catchUp: false };
  return JSON.stringify({ scenarioPath: 'scenario.yaml', seed: 4, orchestratorId, clock });
};

beforeAll(async () => {
  await ensureSimBuilt();
  dir = await mkdtemp(join(tmpdir(), 'naap-smi-'));
  host = join(dir, 'host.json');
  fastHost = join(dir, 'fast.json');
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  await writeFile(host, hostFile(1));
  await writeFile(fastHost, hostFile(60));
  await writeFile(join(dir, 'corrupt.json'), '{"scenarioPath": "scenario.yaml", "seed": ');
  await writeFile(join(dir, 'stranger.json'), hostFile(1, 'host-z'));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const smi = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [NVIDIA_SMI_BIN, ...args], {
    reject: false,
    env: { TZ: 'UTC', NAAP_SIM_HOST_FILE: '', ...env },
    timeout: 30_000,
    stripFinalNewline: false,
  });

/** stdout as lines, the final newline dropped. */
const linesOf = (stdout: string): string[] => stdout.replace(/\n$/, '').split('\n');

const STACK = /\n\s+at /;

describe('nvidia-smi executable', () => {
  it('prints one --query-gpu row per board, MIG boards whole', async () => {
    const fields =
      'index,name,uuid,count,memory.total,memory.reserved,memory.used,memory.free,utilization.gpu,mig.mode.current,timestamp';
    const r = await smi(['--sim-host-file', host, `--query-gpu=${fields}`, '--format=csv']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const [header, ...rows] = linesOf(r.stdout);
    expect(header).toBe(
      'index, name, uuid, count, memory.total [MiB], memory.reserved [MiB], memory.used [MiB], ' +
        'memory.free [MiB], utilization.gpu [%], mig.mode.current, timestamp',
    );
    const cells = rows.map((line) => line.split(', '));
    expect(cells.map((c) => [c[0], c[1], c[3], c[4], c[9]])).toEqual([
      ['0', 'NVIDIA H100 80GB HBM3', '4', '81559 MiB', 'Disabled'],
      ['1', 'NVIDIA H100 80GB HBM3', '4', '81559 MiB', 'Disabled'],
      ['2', 'NVIDIA H100 80GB HBM3', '4', '81559 MiB', 'Enabled'],
      ['3', 'NVIDIA GeForce RTX 4090', '4', '24564 MiB', '[N/A]'],
    ]);
    for (const c of cells) {
      const mib = (i: number) => Number((c[i] ?? '').replace(' MiB', ''));
      expect(mib(5) + mib(6) + mib(7)).toBe(mib(4));
      expect(c[10]).toMatch(/^2026\/11\/27 15:0\d:\d\d\.\d{3}$/);
    }
    expect(cells[2]?.[8]).toBe('[N/A]');
    expect(cells[0]?.[8]).toMatch(/^\d{1,3} %$/);
    const list = await smi(['-L'], { NAAP_SIM_HOST_FILE: host });
    expect(list.stdout).toContain(`GPU 2: NVIDIA H100 80GB HBM3 (UUID: ${cells[2]?.[2] ?? ''})`);
  });

  it('takes the host from NAAP_SIM_HOST_FILE and honours noheader,nounits and -i', async () => {
    const args = ['--query-gpu=index,memory.used,power.draw', '--format=csv,noheader,nounits'];
    const r = await smi([...args, '-i', '1,3'], { NAAP_SIM_HOST_FILE: host });
    expect(r.exitCode).toBe(0);
    const lines = linesOf(r.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^1, \d+, \d+\.\d\d$/);
    expect(lines[1]).toMatch(/^3, \d+, \d+\.\d\d$/);
  });

  it('lists boards and their MIG instances with -L', async () => {
    const r = await smi(['-L', '--sim-host-file', host]);
    expect(r.exitCode).toBe(0);
    const lines = linesOf(r.stdout);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^GPU 0: NVIDIA H100 80GB HBM3 \(UUID: GPU-[0-9a-f-]{36}\)$/);
    expect(lines.slice(3, 6).map((l) => l.slice(0, 28))).toEqual([
      '  MIG 3g.40gb     Device  0:',
      '  MIG 2g.20gb     Device  1:',
      '  MIG 1g.10gb     Device  2:',
    ]);
    expect(lines[6]).toMatch(/^GPU 3: NVIDIA GeForce RTX 4090 \(UUID: GPU-/);
  });

  it('lists one runner process per warm workload, MIG ones under the parent board', async () => {
    const q = '--query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory,gpu_bus_id';
    const r = await smi(['--sim-host-file', host, q, '--format=csv']);
    expect(r.exitCode).toBe(0);
    const [header, ...rows] = linesOf(r.stdout);
    expect(header).toBe('gpu_uuid, pid, process_name, used_gpu_memory [MiB], gpu_bus_id');
    expect(rows).toHaveLength(6);
    const board2 = (
      await smi(['--sim-host-file', host, '--query-gpu=uuid', '--format=csv,noheader', '-i', '2'])
    ).stdout.trim();
    const cells = rows.map((l) => l.split(', '));
    expect(cells.filter((c) => c[0] === board2)).toHaveLength(3);
    for (const c of cells) {
      expect(c[0]).toMatch(/^GPU-/);
      expect(c[1]).toMatch(/^\d{4,7}$/);
      expect(c[2]).toBe('/root/.pyenv/versions/3.11.10/bin/python3.11');
      expect(c[3]).toMatch(/^\d+ MiB$/);
    }
    const again = await smi(['--sim-host-file', host, q, '--format=csv,noheader']);
    expect(linesOf(again.stdout).map((l) => l.split(', ')[1])).toEqual(cells.map((c) => c[1]));
  });

  it('loops with -lms: header once, one block per interval, advancing simulated time', async () => {
    const args = [
      '--sim-host-file',
      fastHost,
      '--query-gpu=timestamp,index',
      '--format=csv',
      '-lms',
      '500',
    ];
    const child = smi(args);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const [header, ...rows] = linesOf(r.stdout);
    expect(header).toBe('timestamp, index');
    expect(rows.some((l) => l.startsWith('timestamp'))).toBe(false);
    const blocks = rows.length / 4;
    expect(Number.isInteger(blocks)).toBe(true);
    expect(blocks).toBeGreaterThanOrEqual(3);
    expect(blocks).toBeLessThanOrEqual(6);
    const times = rows
      .filter((_, i) => i % 4 === 0)
      .map((l) => Date.parse(`${l.split(', ')[0] ?? ''}Z`.replaceAll('/', '-')));
    for (let i = 1; i < times.length; i++) {
      const step = (times[i] ?? 0) - (times[i - 1] ?? 0);
      // 500 wall ms at 60× speed: 30 simulated seconds per block.
      expect(step).toBeGreaterThan(25_000);
      expect(step).toBeLessThan(35_000);
    }
  });

  it('ends loop mode cleanly on SIGINT (Ctrl+C)', async () => {
    const child = smi(['--sim-host-file', host, '--query-gpu=index', '--format=csv', '-l', '1']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(linesOf(r.stdout).slice(0, 5)).toEqual(['index', '0', '1', '2', '3']);
  });

  it('exits quietly when the reader closes the pipe', async () => {
    const cmd = `"${process.execPath}" "${NVIDIA_SMI_BIN}" --sim-host-file "${host}" --query-gpu=index --format=csv -lms 20 | head -n 3`;
    const r = await execa('sh', ['-c', cmd], { reject: false, timeout: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.stdout).toBe('index\n0\n1');
    expect(r.stderr).toBe('');
  });

  it('prints the real error and exit code for an unknown field, before touching the host', async () => {
    const r = await smi(['--query-gpu=name,bogus', '--format=csv']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('Field "bogus" is not a valid field to query.\n\n');
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--query-gpu=', '--format=csv'], 2, 'ERROR: Option --query-gpu is missing its value.'],
    [['--query-gpu=name', '--format=xml'], 2, 'Invalid combination of input arguments.'],
    [['--query-gpu=name,,uuid', '--format=csv'], 2, 'Field "" is not a valid field to query.'],
    [['--bogus'], 2, 'ERROR: Option --bogus is not recognized.'],
    [['-lms', 'x', '--query-gpu=name', '--format=csv'], 2, 'Invalid combination'],
    [
      ['--query-gpu=name', '--format=csv', '--sim-host-file', '/nonexistent/host.json'],
      9,
      'NVIDIA-SMI has failed',
    ],
    [['--query-gpu=name', '--format=csv'], 9, 'NVIDIA-SMI has failed'],
    [['-L', '-i', '9', '--sim-host-file', 'HOST'], 6, 'No devices were found'],
  ])('rejects %j cleanly', async (args, code, message) => {
    const r = await smi(args.map((a) => (a === 'HOST' ? host : a)));
    expect(r.exitCode).toBe(code);
    expect(r.stdout.startsWith(message)).toBe(true);
    expect(STACK.test(r.stdout + r.stderr)).toBe(false);
  });

  it.each([
    ['corrupt.json', 'is not valid JSON'],
    ['stranger.json', 'no orchestrator "host-z"'],
    ['scenario.yaml', 'is not valid JSON'],
  ])('reports an unusable host file %s as a driver failure', async (file, detail) => {
    const r = await smi(['-L', '--sim-host-file', join(dir, file)]);
    expect(r.exitCode).toBe(9);
    expect(r.stdout).toContain("couldn't communicate with the NVIDIA driver");
    expect(r.stderr).toContain(detail);
    expect(STACK.test(r.stderr)).toBe(false);
  });

  it('prints --version and -h like the real tool', async () => {
    const v = await smi(['--version']);
    expect(v.exitCode).toBe(0);
    expect(v.stdout.split('\n')[0]).toBe('NVIDIA-SMI version  : 590.48.01');
    const h = await smi(['-h']);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain('--query-gpu');
    expect(h.stdout).toContain('-lms, --loop-ms=');
  });

  it('writes a wrapper script that runs it for one host', async () => {
    const wrapper = await writeNvidiaSmiWrapper(join(dir, 'bin dir'), host);
    expect(wrapper).toBe(join(dir, 'bin dir', 'nvidia-smi'));
    expect((await stat(wrapper)).mode & 0o111).toBe(0o111);
    const viaWrapper = await execa(wrapper, ['-L'], {
      reject: false,
      env: { TZ: 'UTC' },
      stripFinalNewline: false,
    });
    const direct = await smi(['-L', '--sim-host-file', host]);
    expect(viaWrapper.exitCode).toBe(0);
    expect(viaWrapper.stdout).toBe(direct.stdout);
  });
});
