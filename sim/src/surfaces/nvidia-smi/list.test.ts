import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gpuModel } from '../../scenario/gpu-models.js';
import type { SimGpu } from '../../scenario/resolve.js';
import { formatGpuList } from './list.js';
import type { PhysicalGpu } from './physical.js';

const SECTIONS = new URL(
  '../../../../../shared/fixtures/nvidia-smi/nvidia_gpu_exporter/sections/',
  import.meta.url,
);

const masked = (prefix: string, i: number): string => {
  const d = String(i).padStart(8, '0');
  return `${prefix}-${d}-0000-0000-0000-${String(i).padStart(12, '0')}`;
};

const board = (model: string, profiles: readonly string[] = []): PhysicalGpu => {
  const instances = profiles.map(
    (profile, i) => ({ uuid: masked('MIG', i), mig: { profile } }) as unknown as SimGpu,
  );
  return {
    index: 0,
    uuid: masked('GPU', 0),
    model: gpuModel(model),
    busId: '00000000:00:09.0',
    serial: '0000000000000',
    migEnabled: profiles.length > 0,
    instances,
  };
};

describe('formatGpuList', () => {
  it('prints one line per board and its MIG instances beneath', () => {
    expect(formatGpuList([board('rtx-4090'), { ...board('l40s'), index: 1 }])).toBe(
      'GPU 0: NVIDIA GeForce RTX 4090 (UUID: GPU-00000000-0000-0000-0000-000000000000)\n' +
        'GPU 1: NVIDIA L40S (UUID: GPU-00000000-0000-0000-0000-000000000000)\n',
    );
    expect(formatGpuList([board('h200', ['3g.71gb', '1g.18gb'])])).toBe(
      'GPU 0: NVIDIA H200 (UUID: GPU-00000000-0000-0000-0000-000000000000)\n' +
        '  MIG 3g.71gb     Device  0: (UUID: MIG-00000000-0000-0000-0000-000000000000)\n' +
        '  MIG 1g.18gb     Device  1: (UUID: MIG-00000001-0000-0000-0000-000000000001)\n',
    );
  });
});

describe.skipIf(!existsSync(SECTIONS))('formatGpuList against the real -L captures', () => {
  const capture = (name: string) =>
    readFile(new URL(`${name}/capabilities__list-L.txt`, SECTIONS), 'utf8');

  it('matches the H100 capture byte for byte', async () => {
    expect(formatGpuList([board('h100-80gb')])).toBe(
      await capture('linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01'),
    );
  });

  it('matches the H100 MIG capture byte for byte', async () => {
    const mig = board('h100-80gb', ['3g.40gb', '2g.20gb', '1g.10gb', '1g.10gb']);
    expect(formatGpuList([mig])).toBe(await capture('linux-x86_64__nvidia-h100-mig__590.48.01'));
  });

  it('lays out the H200 MIG capture, whose longest profile fills the column', async () => {
    const text = await capture('linux-x86_64__nvidia-h200-mig__590.48.01');
    const mig = board('h200', ['1c.3g.71gb', '2c.3g.71gb', '2g.35gb', '1g.18gb', '1g.18gb']);
    expect(formatGpuList([mig])).toBe(text);
  });
});
