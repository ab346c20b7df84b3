import { access, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseComputeAppLine } from './compute-apps.js';
import { GpuLineParser, parseGpuOutput } from './parse.js';
import { MIB, readValue } from './values.js';

// Real nvidia-smi output from public repositories (see shared/fixtures/nvidia-smi/SOURCES.md),
// checked against the values another project's parser produced for the same files.
// `../shared/fixtures` from the repo root; skipped where that folder is absent.
const ROOT = new URL('../../../../../shared/fixtures/nvidia-smi/', import.meta.url);
const present = await access(ROOT).then(
  () => true,
  () => false,
);
const read = (path: string): Promise<string> => readFile(new URL(path, ROOT), 'utf8');

interface Expected {
  readonly capture: string;
  readonly state: string;
  readonly name: string;
  readonly migMode: string;
  readonly smClock: string;
  readonly appRows: number;
  /** The exporter's temperature, power, memory used/total bytes, utilization ratio. */
  readonly oracle: readonly string[];
}

/** Rows of the table in EXPECTED-nvidia_gpu_exporter.md. */
function expectedRows(markdown: string): Expected[] {
  return markdown
    .split('\n')
    .filter((l) => /^\| (linux|windows)-/.test(l))
    .map((l) => {
      const c = l.slice(2, -2).split(' | ');
      const [capture = '', state = ''] = (c[0] ?? '').split(' / ');
      return {
        capture,
        state,
        name: c[1] ?? '',
        migMode: c[10] ?? '',
        smClock: c[12] ?? '',
        appRows: Number(c[13]),
        oracle: (c[14] ?? '').split(', '),
      };
    });
}

const rows = present ? expectedRows(await read('EXPECTED-nvidia_gpu_exporter.md')) : [];
const MASKED_UUID = 'GPU-00000000-0000-0000-0000-000000000000';
const section = (e: Expected, what: string): string =>
  `nvidia_gpu_exporter/sections/${e.capture}/${e.state}__${what}`;

describe.skipIf(!present)('real --query-gpu --format=csv captures (with header and units)', () => {
  it('has the 20 captures the expectations list', () => {
    expect(rows).toHaveLength(20);
  });

  it.each(rows.map((e) => [`${e.capture} ${e.state}`, e] as const))('%s', async (_, e) => {
    const out = parseGpuOutput(await read(section(e, 'query-gpu.csv')));
    expect(out.rejected).toBe(0);
    expect(out.readings).toHaveLength(1);
    const r = out.readings[0]!;
    const [temp, power, used, total, util] = e.oracle;
    expect(r.uuid).toBe(MASKED_UUID);
    expect(r.index).toBe(0);
    expect(r.name).toBe(e.name);
    expect(r.temperatureC).toBe(Number(temp));
    expect(r.powerDrawW).toBe(Number(power));
    expect(r.memoryUsedBytes).toBe(Number(used));
    expect(r.memoryTotalBytes).toBe(Number(total));
    if (util === '(absent)') expect(r).not.toHaveProperty('utilization');
    else expect(r.utilization).toBeCloseTo(Number(util), 12);
    expect(r.smClockMhz).toBe(Number.parseInt(e.smClock, 10));
    const mig = { Enabled: 'enabled', Disabled: 'disabled' }[e.migMode];
    expect(r.migMode).toBe(mig);
    expect(r.memoryFreeBytes).toBeGreaterThanOrEqual(0);
    expect(r.smClockMaxMhz).toBeGreaterThanOrEqual(r.smClockMhz ?? 0);
    expect(r.powerLimitW).toBeGreaterThan(0);
    expect(r.throttleBitmask).toBeGreaterThanOrEqual(0);
    if (e.migMode === 'Enabled') expect(r).not.toHaveProperty('encoderUtilization');
  });

  it.each(rows.map((e) => [`${e.capture} ${e.state}`, e] as const))(
    '%s compute apps',
    async (_, e) => {
      const lines = (await read(section(e, 'query-compute-apps.csv'))).split('\n').slice(1);
      // Keep gpu_uuid, pid, process_name, used_gpu_memory: the columns the sampler queries.
      const apps = lines.filter((l) => l !== '').map((l) => l.split(', ').slice(4).join(', '));
      const parsed = apps.map((l) => parseComputeAppLine(l));
      expect(parsed).toHaveLength(e.appRows);
      for (const app of parsed) {
        expect(app?.gpuUuid).toBe(MASKED_UUID);
        expect(app?.pid).toBeGreaterThan(0);
        if (e.capture.startsWith('windows')) expect(app).not.toHaveProperty('usedMemoryBytes');
        else expect((app?.usedMemoryBytes ?? -1) % MIB).toBe(0);
      }
    },
  );

  it('reads a Windows process path with spaces and (x86)', async () => {
    const e = rows.find((x) => x.capture.includes('610.62') && x.state === 'load')!;
    const text = await read(section(e, 'query-compute-apps.csv'));
    const line = text.split('\n').find((l) => l.includes('(x86)'))!;
    const app = parseComputeAppLine(line.split(', ').slice(4).join(', '));
    expect(app?.processName).toMatch(/^C:\\Program Files \(x86\)\\.+\.exe$/);
  });
});

describe.skipIf(!present)('real noheader,nounits pastes', () => {
  it('reads the RTX 2080 / 440.64 line with its own field list (bare N/A omitted)', async () => {
    const fields = (
      'power.limit,power.min_limit,power.max_limit,memory.total,vbios_version,driver_version,name,' +
      'gpu_uuid,power.draw,temperature.gpu,temperature.memory,clocks.current.graphics,clocks.sm,' +
      'clocks.mem,utilization.gpu,utilization.memory,fan.speed,pcie.link.width.current,pstate'
    ).split(',');
    const text = await read('issue-pastes/gpu-utils-issue83__rtx2080-440.64__noheader-nounits.csv');
    const out = parseGpuOutput(text, fields);
    expect(out.rejected).toBe(0);
    expect(out.readings).toEqual([
      {
        uuid: 'GPU-22b2c6ac-2d49-4863-197c-9c469071178a',
        name: 'GeForce RTX 2080',
        powerLimitW: 200,
        memoryTotalBytes: 7979 * MIB,
        powerDrawW: 176.98,
        temperatureC: 45,
        smClockMhz: 1965,
        memClockMhz: 7199,
        utilization: 0.86,
        memoryBandwidthUtilization: 0.55,
      },
    ]);
  });

  it.each([
    ['i3pystatus-pr776__newer-driver__noheader-nounits.csv', '[N/A]'],
    ['i3pystatus-pr776__older-driver__noheader-nounits.csv', '[Not Supported]'],
  ])('omits %s sentinel values; a line without UUID is rejected', async (file, sentinel) => {
    const fields = [
      'memory.total',
      'memory.free',
      'memory.used',
      'temperature.gpu',
      'fan.speed',
      'utilization.gpu',
      'utilization.memory',
    ];
    const line = (await read(`issue-pastes/${file}`)).trim();
    const cells = line.split(', ');
    expect(cells[4]).toBe(sentinel);
    expect(readValue('ratio', cells[4] ?? '')).toEqual({ ok: true, value: undefined });
    expect(readValue('mib', cells[0] ?? '')).toEqual({ ok: true, value: 2004 * MIB });
    expect(readValue('ratio', cells[5] ?? '')).toEqual({ ok: true, value: 0 });
    expect(new GpuLineParser(fields).parse(line)).toEqual({ kind: 'rejected', reason: 'uuid' });
  });
});
