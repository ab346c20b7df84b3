import { describe, expect, it } from 'vitest';
import type { GpuSample } from '../../model/gpu-state.js';
import { gpuModel } from '../../scenario/gpu-models.js';
import { COMPUTE_APP_FIELDS } from './app-fields.js';
import type { ComputeApp } from './compute-apps.js';
import { resolveFields } from './field.js';
import { formatComputeApps, formatHeader, formatQueryGpu } from './format.js';
import { GPU_FIELDS, type GpuRow } from './gpu-fields.js';
import type { PhysicalGpu } from './physical.js';
import { formatTimestamp } from './timestamp.js';

const AT = new Date(2026, 10, 27, 10, 20, 30, 123).getTime();

const sample: GpuSample = {
  atMs: AT,
  utilizationGpu: 97,
  utilizationMemory: 44,
  utilizationEncoder: 0,
  utilizationDecoder: 0,
  memoryTotalMiB: 81559,
  memoryReservedMiB: 479,
  memoryUsedMiB: 19818,
  memoryFreeMiB: 61262,
  temperatureC: 59,
  powerDrawW: 631.9,
  powerLimitW: 700,
  smClockMhz: 1980,
  smClockMaxMhz: 1980,
  memClockMhz: 2619,
  memClockMaxMhz: 2619,
  throttleBitmask: 0x4,
  pstate: 'P0',
  fanSpeedPercent: null,
  eccUncorrected: 0,
};

const board = (key: string, migEnabled = false): PhysicalGpu => ({
  index: 0,
  uuid: 'GPU-00000000-0000-0000-0000-000000000000',
  model: gpuModel(key),
  busId: '00000000:18:00.0',
  serial: '1320007217209',
  migEnabled,
  instances: [],
});

const row = (key = 'h100-80gb', s: Partial<GpuSample> = {}, migEnabled = false): GpuRow => ({
  atMs: AT,
  count: 1,
  gpu: board(key, migEnabled),
  sample: { ...sample, ...s },
});

const gpuFields = (names: string) => {
  const lookup = resolveFields(GPU_FIELDS, names.split(','));
  if (!lookup.ok) throw new Error(`unknown field ${lookup.unknown}`);
  return lookup.fields;
};

const csv = { header: true, units: true };

describe('formatTimestamp', () => {
  it("prints nvidia-smi's local YYYY/MM/DD HH:MM:SS.mmm", () => {
    expect(formatTimestamp(AT)).toBe('2026/11/27 10:20:30.123');
    expect(formatTimestamp(new Date(2027, 0, 2, 3, 4, 5, 6).getTime())).toBe(
      '2027/01/02 03:04:05.006',
    );
  });
});

describe('formatQueryGpu', () => {
  it('prints header with units, values with units, power with two decimals', () => {
    const fields = gpuFields(
      'timestamp,name,memory.used,power.draw,utilization.gpu,clocks.sm,temperature.gpu',
    );
    expect(formatQueryGpu([row()], fields, csv)).toBe(
      'timestamp, name, memory.used [MiB], power.draw [W], utilization.gpu [%], ' +
        'clocks.current.sm [MHz], temperature.gpu\n' +
        '2026/11/27 10:20:30.123, NVIDIA H100 80GB HBM3, 19818 MiB, 631.90 W, 97 %, 1980 MHz, 59\n',
    );
  });

  it('drops the header with noheader and the units with nounits (header keeps them)', () => {
    const fields = gpuFields('memory.total,power.limit,fan.speed');
    expect(formatQueryGpu([row()], fields, { header: false, units: true })).toBe(
      '81559 MiB, 700.00 W, [N/A]\n',
    );
    expect(formatQueryGpu([row()], fields, { header: true, units: false })).toBe(
      'memory.total [MiB], power.limit [W], fan.speed [%]\n81559, 700.00, [N/A]\n',
    );
    expect(formatQueryGpu([row()], fields, { header: false, units: false })).toBe(
      '81559, 700.00, [N/A]\n',
    );
  });

  it('prints canonical names in the header whichever alias was asked for', () => {
    const fields = gpuFields(
      'gpu_name,gpu_uuid,gpu_bus_id,gpu_serial,clocks.gr,clocks.mem,clocks.max.gr,clocks.max.mem,' +
        'clocks_throttle_reasons.active,gpu.power.current_limit',
    );
    expect(formatHeader(fields)).toBe(
      'name, uuid, pci.bus_id, serial, clocks.current.graphics [MHz], ' +
        'clocks.current.memory [MHz], clocks.max.graphics [MHz], clocks.max.memory [MHz], ' +
        'clocks_event_reasons.active, enforced.power.limit [W]',
    );
  });

  it('prints one line per board, in order', () => {
    const rows = [row(), { ...row('rtx-4090', { powerDrawW: 26.84 }), count: 2 }];
    const second = { ...rows[1], gpu: { ...board('rtx-4090'), index: 1 } } as GpuRow;
    expect(
      formatQueryGpu([rows[0] as GpuRow, second], gpuFields('index,name,count,power.draw'), csv),
    ).toBe(
      'index, name, count, power.draw [W]\n' +
        '0, NVIDIA H100 80GB HBM3, 1, 631.90 W\n' +
        '1, NVIDIA GeForce RTX 4090, 2, 26.84 W\n',
    );
  });

  it('prints bitmasks, event reasons, ECC and MIG modes as the captures do', () => {
    const fields = gpuFields(
      'clocks_event_reasons.active,clocks_event_reasons.supported,clocks_event_reasons.sw_power_cap,' +
        'clocks_event_reasons.gpu_idle,ecc.mode.current,ecc.errors.uncorrected.volatile.total,' +
        'mig.mode.current,pci.device_id,pstate',
    );
    const line = (r: GpuRow) => formatQueryGpu([r], fields, { header: false, units: true });
    expect(line(row())).toBe(
      '0x0000000000000004, 0x00000000000001FF, Active, Not Active, Enabled, 0, Disabled, 0x233010DE, P0\n',
    );
    expect(line(row('h100-80gb', {}, true))).toContain(', Enabled, 0x233010DE,');
    expect(line(row('rtx-4090', { eccUncorrected: null }))).toBe(
      '0x0000000000000004, 0x00000000000001FF, Active, Not Active, Disabled, [N/A], [N/A], 0x268410DE, P0\n',
    );
    expect(line(row('rtx-4080-super', { eccUncorrected: null }))).toContain(
      'Not Active, [N/A], [N/A], [N/A], 0x270210DE',
    );
  });

  it("prints [N/A] for fields in the model's naFields and for MIG utilization", () => {
    const fields = gpuFields('serial,fan.speed,utilization.gpu,utilization.encoder');
    const line = (r: GpuRow) => formatQueryGpu([r], fields, { header: false, units: true });
    expect(line(row('rtx-4090', { fanSpeedPercent: 30 }))).toBe('[N/A], 30 %, 97 %, 0 %\n');
    const mig = row('h100-80gb', { utilizationGpu: null, utilizationEncoder: null }, true);
    expect(line(mig)).toBe('1320007217209, [N/A], [N/A], [N/A]\n');
  });
});

describe('formatComputeApps', () => {
  const app: ComputeApp = {
    atMs: AT,
    gpu: board('h100-80gb'),
    pid: 21180,
    processName: '/root/.pyenv/versions/3.11.10/bin/python3.11',
    usedMiB: 2296,
  };
  const lookup = resolveFields(COMPUTE_APP_FIELDS, [
    'timestamp',
    'gpu_name',
    'gpu_bus_id',
    'gpu_serial',
    'gpu_uuid',
    'pid',
    'name',
    'used_memory',
  ]);
  const fields = lookup.ok ? lookup.fields : [];

  it('prints the capture header and one line per process', () => {
    expect(formatComputeApps([app], fields, csv)).toBe(
      'timestamp, gpu_name, gpu_bus_id, gpu_serial, gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n' +
        '2026/11/27 10:20:30.123, NVIDIA H100 80GB HBM3, 00000000:18:00.0, 1320007217209, ' +
        'GPU-00000000-0000-0000-0000-000000000000, 21180, /root/.pyenv/versions/3.11.10/bin/python3.11, 2296 MiB\n',
    );
  });

  it('prints only the header without processes, nothing with noheader', () => {
    expect(formatComputeApps([], fields, csv)).toBe(
      'timestamp, gpu_name, gpu_bus_id, gpu_serial, gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n',
    );
    expect(formatComputeApps([], fields, { header: false, units: false })).toBe('');
  });

  it('prints [N/A] as gpu_serial on GeForce boards and drops units with nounits', () => {
    const consumer = { ...app, gpu: board('rtx-4090') };
    const out = formatComputeApps([consumer], fields, { header: false, units: false });
    expect(out).toContain('00000000:18:00.0, [N/A], GPU-');
    expect(out.endsWith(', 2296\n')).toBe(true);
  });
});
