import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpoolFullError, SpoolLockedError } from './errors.js';
import { Spool } from './spool.js';
import { deadPid, tempDir } from './test-int-helpers.js';
import { rows } from './test-helpers.js';

let dir = '';
let remove: () => Promise<void> = () => Promise.resolve();

beforeEach(async () => {
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  await remove();
});

async function opened(maxBytes = 1 << 20): Promise<Spool> {
  const spool = new Spool(dir, maxBytes);
  await spool.open();
  return spool;
}

/** Reads and removes every record, oldest first. */
async function drain(spool: Spool): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let entry = spool.head(); entry !== undefined; entry = spool.head()) {
    const decoded = await spool.read(entry);
    out.push(decoded.ok ? decoded.record : decoded.error);
    await spool.remove(entry);
  }
  return out;
}

describe('Spool', () => {
  it('keeps records in order across a reopen and deletes them once replayed', async () => {
    const spool = await opened();
    await spool.append([
      { id: 'b1', table: 'a', rows: rows(2) },
      { id: 'b1', table: 'b', rows: rows(1) },
    ]);
    await spool.append([{ id: 'b1', table: 'a', rows: rows(1, 2) }]);
    expect(spool.files).toBe(3);
    await spool.close();
    const again = await opened();
    expect(again.files).toBe(3);
    expect(again.bytes).toBe(spool.bytes);
    await again.append([{ id: 'b1', table: 'c', rows: rows(1) }]);
    expect(await drain(again)).toEqual([
      { id: 'b1', table: 'a', rows: rows(2) },
      { id: 'b1', table: 'b', rows: rows(1) },
      { id: 'b1', table: 'a', rows: rows(1, 2) },
      { id: 'b1', table: 'c', rows: rows(1) },
    ]);
    expect(again.bytes).toBe(0);
    await again.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an append beyond its bound, all or nothing, and keeps what it holds', async () => {
    const spool = await opened(600);
    await spool.append([{ id: 'b1', table: 'a', rows: rows(5) }]);
    const before = await readdir(dir);
    const big = [
      { id: 'b1', table: 'a', rows: rows(5) },
      { id: 'b1', table: 'b', rows: rows(20) },
    ];
    await expect(spool.append(big)).rejects.toBeInstanceOf(SpoolFullError);
    expect(await readdir(dir)).toEqual(before);
    expect(spool.files).toBe(1);
    expect(spool.inFlight).toBe(0);
    expect(await drain(spool)).toEqual([{ id: 'b1', table: 'a', rows: rows(5) }]);
    await spool.close();
  });

  it('sets a record aside and numbers new ones after it', async () => {
    const spool = await opened();
    await spool.append([{ id: 'b1', table: 'a', rows: rows(1) }]);
    const head = spool.head()!;
    await spool.quarantine(head, 'corrupt');
    expect(spool.files).toBe(0);
    await spool.close();
    const again = await opened();
    await again.append([{ id: 'b1', table: 'a', rows: rows(1) }]);
    expect((await readdir(dir)).sort()).toEqual([
      '0000000000000001.rec.corrupt',
      '0000000000000002.rec',
      'spool.lock',
    ]);
    await again.close();
  });

  it('refuses a directory locked by a live process and takes over a dead one', async () => {
    await writeFile(join(dir, 'spool.lock'), String(process.ppid));
    await expect(opened()).rejects.toBeInstanceOf(SpoolLockedError);
    await writeFile(join(dir, 'spool.lock'), String(await deadPid()));
    const spool = await opened();
    expect(await readFile(join(dir, 'spool.lock'), 'utf8')).toBe(String(process.pid));
    await spool.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
