import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../core/clock.js';
import { parseScenario } from '../../scenario/load.js';
import { resolveScenario } from '../../scenario/resolve.js';
import { resolveFields } from './field.js';
import { formatHeader, formatQueryGpu, type CsvFormat } from './format.js';
import { GPU_FIELDS } from './gpu-fields.js';
import { physicalGpus } from './physical.js';
import { gpuRowsAt } from './snapshot.js';

// Compares the fake nvidia-smi with real captures of the same GPU models
// (shared/fixtures/nvidia-smi, see its SOURCES.md): same header, same value
// shapes (unit suffix, decimals, `[N/A]`), same static values.

const ROOT = new URL('../../../../../shared/fixtures/nvidia-smi/', import.meta.url);
const SECTIONS = new URL('nvidia_gpu_exporter/sections/', ROOT);
const AT = Date.UTC(2026, 10, 27, 15, 0, 0);

/** Values that must equal the capture's; every other field must have its shape. */
const EXACT = new Set([
  'count',
  'index',
  'name',
  'pci.device_id',
  'vbios_version',
  'memory.total',
  'memory.reserved',
  'power.limit',
  'enforced.power.limit',
  'power.default_limit',
  'clocks.max.graphics',
  'clocks.max.sm',
  'clocks.max.memory',
  'ecc.mode.current',
  'mig.mode.current',
  'mig.mode.pending',
  'clocks_event_reasons.supported',
]);

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  pstate: ['P0', 'P2', 'P8'],
  driver_version: ['590.48.01', '595.71.05', '595.80'],
};

/** A value's shape: hex/digit runs become `x` (`631.95 W` → `x.x W`); `[N/A]` stays. */
const shape = (name: string, value: string, exact = true): string => {
  if (name.startsWith('clocks_event_reasons.') && name !== 'clocks_event_reasons.active') {
    return ['Active', 'Not Active'].includes(value) ? 'reason' : value;
  }
  if (ENUMS[name]?.includes(value) === true) return 'enum';
  return exact && EXACT.has(name) ? value : value.replace(/[0-9a-f]+/g, 'x');
};

const stripUnit = (v: string): string => v.replace(/ (MiB|W|%|MHz)$/, '');

interface Csv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

async function readCsv(url: URL): Promise<Csv> {
  const text = await readFile(url, 'utf8');
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const [header = '', ...rows] = lines;
  return { header: header.split(', '), rows: rows.map((r) => r.split(', ')) };
}

/** The sim's `--query-gpu` output, split into cells, for one board of `model`. */
function simCsv(model: string, mig: readonly string[], names: readonly string[], f: CsvFormat) {
  const migLine = mig.length > 0 ? `\n        mig: [${mig.map((p) => `'${p}'`).join(', ')}]` : '';
  const yaml = `
version: 1
name: capture-${model}
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: ${model}${migLine}
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 2000 }]
`;
  const network = resolveScenario(parseScenario(yaml), 1);
  const orchestrator = network.orchestrators[0];
  if (orchestrator === undefined) throw new Error('no orchestrator');
  const boards = physicalGpus(orchestrator);
  const host = { network, orchestrator, clock: new SimClock(), boards };
  const lookup = resolveFields(GPU_FIELDS, names);
  if (!lookup.ok) throw new Error(`unknown field ${lookup.unknown}`);
  const text = formatQueryGpu(gpuRowsAt(host, boards, AT), lookup.fields, f);
  return { header: formatHeader(lookup.fields), text, cells: text.trimEnd().split(', ') };
}

const canonical = (cell: string): string => cell.replace(/ \[[^\]]+\]$/, '');

const CSV_CAPTURES = [
  { dir: 'linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01', model: 'h100-80gb', mig: [] },
  {
    dir: 'linux-x86_64__nvidia-h100-mig__590.48.01',
    model: 'h100-80gb',
    mig: ['3g.40gb', '2g.20gb', '1g.10gb', '1g.10gb'],
  },
  { dir: 'linux-x86_64__nvidia-h200__590.48.01', model: 'h200', mig: [] },
  {
    dir: 'linux-x86_64__nvidia-h200-mig__590.48.01',
    model: 'h200',
    mig: ['3g.71gb', '1g.18gb', '1g.18gb'],
  },
  { dir: 'linux-x86_64__nvidia-l40s__595.80', model: 'l40s', mig: [] },
  {
    dir: 'linux-x86_64__nvidia-geforce-rtx-4080-super__595.71.05',
    model: 'rtx-4080-super',
    mig: [],
  },
] as const;

describe.skipIf(!existsSync(SECTIONS))('--query-gpu against real --format=csv captures', () => {
  describe.each(CSV_CAPTURES)('$dir', ({ dir, model, mig }) => {
    const load = async (state: 'idle' | 'load') => {
      const real = await readCsv(new URL(`${dir}/${state}__query-gpu.csv`, SECTIONS));
      const shared = real.header
        .map((cell, i) => ({ cell, i, name: canonical(cell) }))
        .filter((c) => GPU_FIELDS.some((f) => f.name === c.name));
      const values = shared.map((c) => real.rows[0]?.[c.i] ?? 'missing');
      return { real, shared, values, names: shared.map((c) => c.name) };
    };

    it('prints the same header for the fields both know', async () => {
      const { shared, names } = await load('load');
      expect(names.length).toBeGreaterThanOrEqual(40);
      const sim = simCsv(model, mig, names, { header: true, units: true });
      expect(sim.header).toBe(shared.map((c) => c.cell).join(', '));
      expect(sim.text.split('\n')[0]).toBe(sim.header);
    });

    it.each(['idle', 'load'] as const)('prints %s values in the same shapes', async (state) => {
      const { values, names } = await load(state);
      const sim = simCsv(model, mig, names, { header: false, units: true });
      expect(sim.cells.map((v, i) => shape(names[i] ?? '', v))).toEqual(
        values.map((v, i) => shape(names[i] ?? '', v)),
      );
    });

    it('prints the same shapes without units and header (noheader,nounits)', async () => {
      const { values, names } = await load('load');
      const sim = simCsv(model, mig, names, { header: false, units: false });
      expect(sim.text.split('\n')).toHaveLength(2);
      expect(sim.cells.map((v, i) => shape(names[i] ?? '', v))).toEqual(
        values.map((v, i) => shape(names[i] ?? '', stripUnit(v))),
      );
    });
  });
});

/** `<a><b>value</b>` inside the first GPU, MIG device blocks removed; XML `N/A` is CSV `[N/A]`. */
const xmlValue = (xml: string, path: readonly string[]): string | null => {
  let scope = xml.replace(/<mig_devices>[\s\S]*?<\/mig_devices>/g, '');
  for (const tag of path) {
    const start = scope.indexOf(`<${tag}>`);
    if (start < 0) return null;
    scope = scope.slice(start + tag.length + 2);
  }
  const value = scope.slice(0, scope.indexOf('<')).trim();
  return value === 'N/A' ? '[N/A]' : value;
};

const XML_FIELDS: readonly (readonly [string, readonly string[], (v: string) => string])[] = [
  ['name', ['product_name'], (v) => v],
  ['serial', ['serial'], (v) => v],
  ['uuid', ['uuid'], (v) => v],
  ['pci.bus_id', ['pci', 'pci_bus_id'], (v) => v],
  ['pci.device_id', ['pci', 'pci_device_id'], (v) => `0x${v}`],
  ['vbios_version', ['vbios_version'], (v) => v],
  ['fan.speed', ['fan_speed'], (v) => v],
  ['pstate', ['performance_state'], (v) => v],
  ['memory.total', ['fb_memory_usage', 'total'], (v) => v],
  ['memory.reserved', ['fb_memory_usage', 'reserved'], (v) => v],
  ['memory.used', ['fb_memory_usage', 'used'], (v) => v],
  ['memory.free', ['fb_memory_usage', 'free'], (v) => v],
  ['utilization.gpu', ['utilization', 'gpu_util'], (v) => v],
  ['utilization.memory', ['utilization', 'memory_util'], (v) => v],
  ['utilization.encoder', ['utilization', 'encoder_util'], (v) => v],
  ['utilization.decoder', ['utilization', 'decoder_util'], (v) => v],
  ['ecc.mode.current', ['ecc_mode', 'current_ecc'], (v) => v],
  ['mig.mode.current', ['mig_mode', 'current_mig'], (v) => v],
  ['temperature.gpu', ['temperature', 'gpu_temp'], (v) => v.replace(/ C$/, '')],
  ['power.draw', ['gpu_power_readings', 'power_draw'], (v) => v],
  ['clocks.current.sm', ['clocks', 'sm_clock'], (v) => v],
  ['clocks.current.memory', ['clocks', 'mem_clock'], (v) => v],
  ['clocks.max.sm', ['max_clocks', 'sm_clock'], (v) => v],
  ['clocks.max.memory', ['max_clocks', 'mem_clock'], (v) => v],
];

const XML_CAPTURES = [
  { file: 'netdata/rtx-4090-driver-535.xml', model: 'rtx-4090', mig: [] },
  {
    file: 'telegraf/a100-sxm4-v12.xml',
    model: 'a100-80gb',
    mig: ['2g.20gb', '2g.20gb', '2g.20gb'],
  },
] as const;

describe.skipIf(!existsSync(ROOT))('--query-gpu against real -q -x captures', () => {
  it.each(XML_CAPTURES)('prints $file values in the same shapes', async ({ file, model, mig }) => {
    const xml = await readFile(new URL(file, ROOT), 'utf8');
    const found = XML_FIELDS.flatMap(([name, path, convert]) => {
      const value = xmlValue(xml, path);
      return value === null ? [] : [{ name, value: value === '[N/A]' ? value : convert(value) }];
    });
    expect(found.length).toBeGreaterThanOrEqual(20);
    const names = found.map((f) => f.name);
    const sim = simCsv(model, mig, names, { header: false, units: true });
    expect(sim.cells.map((v, i) => shape(names[i] ?? '', v))).toEqual(
      found.map((f) => shape(f.name, f.value)),
    );
  });
});

describe.skipIf(!existsSync(ROOT))('--format variants against pasted real output', () => {
  it('matches a newer driver noheader,nounits line with [N/A] fan speed', async () => {
    const pasted = await readFile(
      new URL('issue-pastes/i3pystatus-pr776__newer-driver__noheader-nounits.csv', ROOT),
      'utf8',
    );
    const names =
      'memory.total,memory.free,memory.used,temperature.gpu,fan.speed,utilization.gpu,utilization.memory';
    const sim = simCsv('h100-80gb', [], names.split(','), { header: false, units: false });
    expect(shape('', sim.text)).toBe(shape('', pasted));
  });

  it('keeps units in the header of a nounits query (tesla-p100.csv)', async () => {
    const real = await readCsv(new URL('netdata/tesla-p100.csv', ROOT));
    const names = real.header.map(canonical).filter((n) => n !== 'clocks.current.video');
    const sim = simCsv('h100-80gb', [], names, { header: true, units: false });
    const [header = '', line = ''] = sim.text.split('\n');
    expect(header).toBe(real.header.slice(0, names.length).join(', '));
    const cells = line.split(', ');
    // Another model (Tesla P100): shapes only, no model values.
    expect(cells.map((v, i) => shape(names[i] ?? '', v, false)).slice(2)).toEqual(
      (real.rows[0] ?? [])
        .slice(2, names.length)
        .map((v, i) => shape(names[i + 2] ?? '', v, false)),
    );
  });
});
