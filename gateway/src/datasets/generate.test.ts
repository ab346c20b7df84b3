import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from './files.js';
import { renderDataset, writeDataset } from './generate/write.js';
import { defaultDatasetDir } from './paths.js';
import { verifyDataset } from './verify.js';
import { V1 } from './versions/v1/index.js';

describe('dataset generator', () => {
  it('renders identical bytes on every run', () => {
    const a = renderDataset(V1);
    const b = renderDataset(V1);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, data] of a)
      expect(data.equals(b.get(path) ?? Buffer.alloc(1)), path).toBe(true);
  });

  it('reproduces the committed datasets/v1 byte for byte, with no file more or less', async () => {
    const rendered = renderDataset(V1);
    const committed = (await listFiles(defaultDatasetDir())).files;
    expect(committed).toEqual([...rendered.keys()].sort());
    for (const [path, data] of rendered) {
      const onDisk = await readFile(join(defaultDatasetDir(), path));
      expect(onDisk.equals(data), `${path} differs: v1 is immutable, make a new version`).toBe(
        true,
      );
    }
  });

  it('writes a dataset that verifies, twice into fresh directories with the same result', async () => {
    const dirs = [
      await mkdtemp(join(tmpdir(), 'naap-gen-')),
      await mkdtemp(join(tmpdir(), 'naap-gen-')),
    ];
    try {
      for (const dir of dirs) await writeDataset(V1, dir);
      const [a, b] = await Promise.all(dirs.map((d) => readFile(join(d, 'manifest.json'))));
      expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
      const report = await verifyDataset(dirs[0] ?? '');
      expect([report.ok, report.files, report.cases]).toEqual([true, 42, 144]);
    } finally {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  });

  it('stays small: the whole dataset under 2 MB, no media file over 256 KiB', () => {
    const files = renderDataset(V1);
    const total = [...files.values()].reduce((n, b) => n + b.length, 0);
    expect(total).toBeLessThan(2_000_000);
    for (const [path, data] of files) expect(data.length, path).toBeLessThan(256 * 1024);
  });
});
