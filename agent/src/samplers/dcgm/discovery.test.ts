import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDiscovery } from './discovery.js';

describe('parseDiscovery (dcgmi discovery -l)', () => {
  it('maps DCGM GPU ids to UUIDs and names', async () => {
    const text = await readFile(
      new URL('./fixtures/discovery-h100x2.txt', import.meta.url),
      'utf8',
    );
    expect([...parseDiscovery(text)]).toEqual([
      [0, { uuid: 'GPU-5f1c2a4e-7d3b-4c8a-9e21-0b6d8f3a1c47', name: 'NVIDIA H100 80GB HBM3' }],
      [1, { uuid: 'GPU-a93e0d12-4b6f-4e1d-8c5a-73f2e9b04d18', name: 'NVIDIA H100 80GB HBM3' }],
    ]);
  });

  it('reads only the GPU table, not the tables of other entities', () => {
    const text = [
      '1 GPU found.',
      '| 0      | Name: NVIDIA A10                     |',
      '|        | Device UUID: GPU-11111111-2222-3333-4444-555555555555 |',
      '2 NvSwitches found.',
      '| 7      | Name: NVSwitch                       |',
      '|        | Device UUID: GPU-99999999-2222-3333-4444-555555555555 |',
    ].join('\n');
    expect([...parseDiscovery(text).keys()]).toEqual([0]);
  });

  it.each([
    [
      'an error instead of a table',
      'Error: Unable to connect to host engine. Host engine connection invalid/disconnected.',
    ],
    ['no GPU', '0 GPUs found.\n'],
    ['garbage', '\u0000|||\n| x | y |\n'],
    ['a UUID that is not one', '1 GPU found.\n| 0 | Device UUID: rm -rf / |\n'],
    [
      'a UUID before any GPU id',
      '1 GPU found.\n|   | Device UUID: GPU-11111111-2222-3333-4444-555555555555 |\n',
    ],
  ])('finds nothing in %s', (_name, text) => {
    expect(parseDiscovery(text).size).toBe(0);
  });

  it('keeps at most 64 GPUs and drops names that are not printable', () => {
    const rows = Array.from({ length: 100 }, (_, i) =>
      [
        `| ${i} | Name: \u0007bad\u0000 |`,
        `|   | Device UUID: GPU-${String(i).padStart(8, '0')}-2222-3333-4444-555555555555 |`,
      ].join('\n'),
    );
    const gpus = parseDiscovery(`100 GPUs found.\n${rows.join('\n')}`);
    expect(gpus.size).toBe(64);
    expect(gpus.get(0)?.name).toBeUndefined();
  });
});
