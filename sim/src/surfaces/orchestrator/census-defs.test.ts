import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CENSUS } from './census-defs.js';

const INVENTORY = fileURLToPath(
  new URL(
    '../../../../../shared/fixtures/go-livepeer-metrics/census-inventory.tsv',
    import.meta.url,
  ),
);

interface InventoryRow {
  readonly type: string;
  readonly labels: string[];
  readonly help: string;
}

async function inventory(): Promise<Map<string, InventoryRow>> {
  const rows = (await readFile(INVENTORY, 'utf8')).trim().split('\n').slice(1);
  const out = new Map<string, InventoryRow>();
  for (const row of rows) {
    const [name = '', type = '', , labels = '', , , , help = ''] = row.split('\t');
    // Orchestrator label set: keep `O:` labels, drop `G:`/`G only:` and bracketed optional ones.
    const names = labels
      .replace(/;\s*G:[^,]*(,\s*orchestrator_\w+)*/, '')
      .replace(/G only:[^,]*(,\s*orchestrator_\w+)*,?/, '')
      .split(',')
      .map((l) => l.trim().replace(/^O:\s*/, ''))
      .filter((l) => l !== '' && !l.startsWith('['));
    out.set(name, { type, labels: names, help });
  }
  return out;
}

describe('CENSUS definitions', () => {
  it.skipIf(!existsSync(INVENTORY))('match census-inventory.tsv: type, labels, HELP', async () => {
    const inv = await inventory();
    for (const d of Object.values(CENSUS)) {
      const row = inv.get(d.name);
      expect(row, d.name).toBeDefined();
      expect(d.type, d.name).toBe(row?.type);
      expect([...d.labels].sort(), d.name).toEqual([...(row?.labels ?? [])].sort());
      expect(d.help, d.name).toBe(row?.help);
    }
  });

  it('use livepeer_ names and never add a _total suffix to counters', () => {
    for (const d of Object.values(CENSUS)) {
      expect(d.name.startsWith('livepeer_')).toBe(true);
      if (d.type === 'counter') expect(d.name.endsWith('_total')).toBe(false);
    }
    expect(CENSUS.maxSessions.name).toBe('livepeer_max_sessions_total');
    expect(CENSUS.maxSessions.type).toBe('gauge');
  });
});
