import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackpressureError, BatchTooLargeError, PipelineStateError } from '../errors.js';
import { encodeRecord } from '../record.js';
import { tempDir } from '../test-int-helpers.js';
import { recordingInsert } from '../test-helpers.js';
import { LogPipeline } from './log-pipeline.js';
import type { LogPipelineOptions } from './options.js';

let dir = '';
let remove: () => Promise<void> = () => Promise.resolve();
const open: LogPipeline[] = [];

beforeEach(async () => {
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
  await remove();
});

/** Text rows `n\tx\n` numbered from `first`. */
const lines = (count: number, first = 0): string[] =>
  Array.from({ length: count }, (_, i) => `${first + i}\tx\n`);

/** A file INSERT that records the numbers it read, per table, and fails while `down` (or `refuse`). */
function storage() {
  const got = new Map<string, number[]>();
  const state = { down: false, refuse: false, inserts: 0, ids: [] as string[] };
  const insertFile: LogPipelineOptions['insertFile'] = async (table, file) => {
    if (state.down) throw new Error('storage unreachable');
    if (state.refuse) throw Object.assign(new Error('bad rows'), { permanent: true });
    const text = (await readFile(file.path)).subarray(0, file.bytes).toString('utf8');
    const nums = text
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(l.split('\t')[0]));
    got.set(table, [...(got.get(table) ?? []), ...nums]);
    state.inserts += 1;
    state.ids.push(file.id);
  };
  return { got, state, insertFile };
}

async function started(
  s: ReturnType<typeof storage>,
  options: Partial<LogPipelineOptions> = {},
): Promise<LogPipeline> {
  const p = new LogPipeline({
    dir,
    maxLogBytes: 1 << 20,
    insertFile: s.insertFile,
    insert: recordingInsert().insert,
    maxBatchRows: 1000,
    maxBatchDelayMs: 60_000,
    retryDelayMs: 5,
    maxRetryDelayMs: 20,
    isPermanentError: (e) => e instanceof Error && 'permanent' in e,
    ...options,
  });
  open.push(p);
  await p.start();
  return p;
}

const one = (table: string, rows: readonly string[]) => new Map([[table, rows]]);
const segments = async (): Promise<string[]> =>
  (await readdir(dir)).filter((n) => n.endsWith('.tsv')).sort();
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};
const range = (n: number, first = 0): number[] => Array.from({ length: n }, (_, i) => first + i);

describe('LogPipeline', () => {
  it('acknowledges once the rows are in the log on disk, before any INSERT', async () => {
    const s = storage();
    const p = await started(s);
    await p.accept(one('t', lines(3)));
    const [name] = await segments();
    expect(name).toMatch(/^0{15}1\.t\.[0-9a-f]{16}\.tsv$/);
    expect(await readFile(join(dir, name ?? ''), 'utf8')).toBe('0\tx\n1\tx\n2\tx\n');
    expect(s.state.inserts).toBe(0);
    expect(p.stats()).toMatchObject({ pendingRows: 3, spoolFiles: 1, spooledRows: 3 });
  });

  it('inserts a segment when it is full, deletes it, and keeps the order of concurrent calls', async () => {
    const s = storage();
    const p = await started(s, { maxBatchRows: 100 });
    await Promise.all(range(10).map((i) => p.accept(one('t', lines(10, i * 10)))));
    await until(() => s.state.inserts === 1);
    expect(s.got.get('t')).toEqual(range(100));
    await until(() => p.stats().spoolFiles === 0);
    expect(await segments()).toEqual([]);
    expect(p.stats()).toMatchObject({ insertedRows: 100, insertedBatches: 1, pendingRows: 0 });
  });

  it('inserts a segment when its oldest row waited maxBatchDelayMs', async () => {
    const s = storage();
    const p = await started(s, { maxBatchDelayMs: 30 });
    await p.accept(one('a', lines(2)));
    await p.accept(one('b', lines(1, 7)));
    await until(() => s.state.inserts === 2);
    expect(s.got.get('a')).toEqual([0, 1]);
    expect(s.got.get('b')).toEqual([7]);
  });

  it('keeps acknowledging while storage is down and inserts everything once, in order, when it returns', async () => {
    const s = storage();
    s.state.down = true;
    const p = await started(s, { maxBatchRows: 10 });
    for (let i = 0; i < 5; i++) await p.accept(one('t', lines(10, i * 10)));
    await p.flush(); // gives up for now: storage is down
    expect(p.stats()).toMatchObject({ storageHealthy: false, spooling: true, pendingRows: 50 });
    expect((await segments()).length).toBe(5);
    s.state.down = false;
    await until(() => p.stats().pendingRows === 0);
    expect(s.got.get('t')).toEqual(range(50));
    expect(p.stats()).toMatchObject({ storageHealthy: true, insertedRows: 50 });
  });

  it('sets aside a segment storage refuses for good and goes on with the next', async () => {
    const s = storage();
    s.state.refuse = true;
    const p = await started(s, { maxBatchRows: 2 });
    await p.accept(one('t', lines(2)));
    await until(() => p.stats().quarantinedRecords === 1);
    s.state.refuse = false;
    await p.accept(one('t', lines(2, 2)));
    await p.flush();
    expect(s.got.get('t')).toEqual([2, 3]);
    expect(p.stats()).toMatchObject({ droppedRows: 2, quarantinedRecords: 1, spoolFiles: 0 });
    expect((await readdir(dir)).filter((n) => n.endsWith('.rejected'))).toHaveLength(1);
  });

  it('inserts, at the next start, what a stopped process left (a torn last row cut off)', async () => {
    const s = storage();
    s.state.down = true;
    const first = await started(s, { maxBatchRows: 3 });
    await first.accept(one('t', lines(2)));
    await first.accept(one('t', lines(2, 2))); // 4 rows would pass 3: a second segment
    await first.close();
    const files = await segments();
    expect(files).toHaveLength(2);
    await appendFile(join(dir, files[1] ?? ''), '99\tha'); // half a row, never acknowledged
    s.state.down = false;
    const second = await started(s);
    await second.flush();
    expect(s.got.get('t')).toEqual([0, 1, 2, 3]);
    expect(second.stats()).toMatchObject({ replayedRows: 4, spoolFiles: 0 });
    expect(s.state.ids).toEqual(files); // the segment name is the INSERT's id
  });

  it('inserts everything on close while storage is up, and refuses calls afterwards', async () => {
    const s = storage();
    const p = await started(s);
    await p.accept(
      new Map([
        ['a', lines(3)],
        ['b', lines(2)],
      ]),
    );
    await p.close();
    expect(s.got.get('a')).toEqual([0, 1, 2]);
    expect(s.got.get('b')).toEqual([0, 1]);
    expect(await segments()).toEqual([]);
    await expect(p.accept(one('a', lines(1)))).rejects.toBeInstanceOf(PipelineStateError);
  });

  it('refuses a call beyond the log bound or the pending bounds, keeping none of it', async () => {
    const s = storage();
    s.state.down = true;
    const p = await started(s, { maxLogBytes: 50, maxPendingRows: 5 });
    await p.accept(one('t', lines(5))); // 20 bytes
    await expect(p.accept(one('t', lines(6)))).rejects.toBeInstanceOf(BatchTooLargeError);
    await p.accept(one('t', lines(5, 10))); // 25 bytes
    const full = p.accept(one('t', lines(2, 20))); // 10 bytes: 55 in all would exceed 50
    await expect(full).rejects.toBeInstanceOf(BackpressureError);
    await expect(full).rejects.toMatchObject({ bound: 'spool' });
    expect(p.stats()).toMatchObject({ rejectedRows: 8, spooledRows: 10 });
    expect(s.state.inserts).toBe(0);
  });

  it('counts the log bound in UTF-8 bytes, as the rows take on disk', async () => {
    const s = storage();
    s.state.down = true;
    const p = await started(s, { maxLogBytes: 40 });
    // Rows of 6 UTF-16 units but 12 UTF-8 bytes each ('é' and '€' take 2 and 3).
    const wide = (first: number, n: number): string[] => range(n, first).map((i) => `${i}\té€é\n`);
    const a = p.accept(one('t', wide(10, 4))); // 48 bytes (24 units)
    await expect(a).rejects.toMatchObject({ bound: 'spool' });
    await p.accept(one('t', wide(0, 3))); // 36 bytes (18 units)
    expect(p.stats()).toMatchObject({ spooledRows: 3, rejectedRows: 4 });
    s.state.down = false;
    await p.flush();
    expect(s.got.get('t')).toEqual([0, 1, 2]);
  });

  it('writes only table names that are plain identifiers', async () => {
    const p = await started(storage());
    await expect(p.accept(one('../evil', lines(1)))).rejects.toThrow(/not a table name/);
    expect(await readdir(join(dir, '..'))).not.toContain('evil.tsv');
    await p.accept(one('t', lines(1))); // the writer goes on
    expect(p.stats().spooledRows).toBe(1);
  });

  it('replays spool records the batching mode left in the directory', async () => {
    await appendFile(
      join(dir, '0000000000000001.rec'),
      encodeRecord({ id: 'r1', table: 't', rows: ['5\tx\n'] }),
    );
    const rec = recordingInsert();
    const s = storage();
    const p = await started(s, { insert: rec.insert });
    await until(() => rec.calls.length === 1);
    expect(rec.calls[0]).toEqual({ table: 't', rows: ['5\tx\n'] });
    await until(() => p.stats().spoolFiles === 0);
  });
});
