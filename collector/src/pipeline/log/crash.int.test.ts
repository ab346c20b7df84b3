import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-int-helpers.js';
import { range, recordingInsert } from '../test-helpers.js';
import { LogPipeline } from './log-pipeline.js';

const CHILD = fileURLToPath(new URL('./test-crash-child.ts', import.meta.url));
const COLLECTOR = fileURLToPath(new URL('../../../', import.meta.url));

let dir = '';
let remove: () => Promise<void> = () => Promise.resolve();

beforeEach(async () => {
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  await remove();
});

/** Runs the child until it printed `acks` acknowledgements, SIGKILLs it, returns the acknowledged rows. */
async function crashAfter(acks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
    cwd: COLLECTOR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: number[] = [];
  let count = 0;
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const [word, first, n] of lines.map((l) => l.split(' '))) {
      if (word !== 'ack') continue;
      acked.push(...range(Number(n), Number(first)));
      count += 1;
    }
    if (count >= acks) child.kill('SIGKILL');
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once('close', (c, s) => {
      resolve([c, s]);
    }),
  );
  expect({ code, signal, stderr }).toMatchObject({ code: null, signal: 'SIGKILL' });
  return acked;
}

/** Starts a pipeline on the directory with storage up; the row numbers it inserted, in order. */
async function recover(): Promise<number[]> {
  const inserted: number[] = [];
  const pipeline = new LogPipeline({
    dir,
    maxLogBytes: 1 << 30,
    insert: recordingInsert().insert,
    insertFile: async (_table, file) => {
      const text = (await readFile(file.path)).subarray(0, file.bytes).toString('utf8');
      for (const line of text.split('\n'))
        if (line !== '') inserted.push(Number(line.split('\t')[0]));
    },
  });
  await pipeline.start();
  await pipeline.close();
  expect((await readdir(dir)).filter((n) => n.endsWith('.tsv'))).toEqual([]);
  expect(pipeline.stats().droppedRows).toBe(0);
  return inserted;
}

describe('write-ahead log crash safety', () => {
  it.each([1, 25, 200])(
    'inserts every row acknowledged before a SIGKILL (after %i acks)',
    async (acks) => {
      const acked = await crashAfter(acks);
      expect(acked.length).toBeGreaterThan(0);
      const inserted = await recover();
      // In order of acceptance, without duplicates, torn rows cut off.
      expect(inserted.every((seq, i, all) => i === 0 || seq > all[i - 1]!)).toBe(true);
      const present = new Set(inserted);
      expect(acked.filter((seq) => !present.has(seq))).toEqual([]);
    },
  );
});
