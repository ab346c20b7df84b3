import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killAfterLines, tempDir } from '../test-int-helpers.js';
import { recordingInsert } from '../test-helpers.js';
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

/** Runs the child until it printed `acks` acknowledgements, SIGKILLs it; the acknowledged rows. */
async function crashAfter(acks: number): Promise<number[]> {
  const { seqs, ...end } = await killAfterLines([CHILD, dir], COLLECTOR, 'ack', acks);
  expect(end).toMatchObject({ code: null, signal: 'SIGKILL' });
  return seqs;
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
