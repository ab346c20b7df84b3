import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load.js';
import { defaultDatasetDir } from './paths.js';

describe('datasets/README.md', () => {
  it('names every good and bad case in its pipeline row, and the case count', async () => {
    const ds = await loadDataset(defaultDatasetDir());
    const readme = await readFile(join(defaultDatasetDir(), '..', 'README.md'), 'utf8');
    const rows = new Map(
      readme
        .split('\n')
        .filter((l) => l.startsWith('| '))
        .map((l) => [l.split('|')[1]?.trim() ?? '', l]),
    );
    const missing = ds.cases
      .filter((c) => c.kind !== 'random')
      .filter((c) => {
        const name = c.id.slice(c.id.indexOf('/') + 1 + c.kind.length + 1);
        return !(rows.get(c.pipeline) ?? '').includes(`\`${name}\``);
      })
      .map((c) => c.id);
    expect(missing).toEqual([]);
    expect(rows.get('1.0.0')).toContain(`| ${ds.cases.length} `);
  });
});
