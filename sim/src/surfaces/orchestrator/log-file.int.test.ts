import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fsp from 'node:fs/promises';
import { BufferedLogFile } from './log-file.js';

vi.mock('node:fs/promises', { spy: true });

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-logfile-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('BufferedLogFile', () => {
  it('writes buffered lines with one append per flush', async () => {
    const f = new BufferedLogFile(join(dir, 'a.log'));
    const appends = vi.mocked(fsp.appendFile);
    appends.mockClear();
    f.append(Array.from({ length: 5000 }, (_, i) => `line ${i}`));
    expect(f.pending).toBe(5000);
    await f.flush();
    expect(appends).toHaveBeenCalledTimes(1);
    const text = await readFile(f.path, 'utf8');
    expect(text.split('\n')).toHaveLength(5001);
    expect(text.endsWith('line 4999\n')).toBe(true);
  });

  it('rotates like logrotate create mode and keeps writing to the new file', async () => {
    const f = new BufferedLogFile(join(dir, 'b.log'));
    f.append(['old']);
    await f.rotate();
    f.append(['new']);
    await f.close();
    expect(await readFile(`${f.path}.1`, 'utf8')).toBe('old\n');
    expect(await readFile(f.path, 'utf8')).toBe('new\n');
    expect(f.lastError).toBeNull();
  });

  it('records write errors instead of throwing', async () => {
    const f = new BufferedLogFile(join(dir, 'missing', 'c.log'));
    f.append(['x']);
    await f.flush();
    expect(f.lastError?.message).toMatch(/ENOENT/);
  });
});
