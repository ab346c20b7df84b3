import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestPipeline } from './pipeline.js';
import { killAfterLines, tempDir, waitUntil } from './test-int-helpers.js';
import { batch, range, recordingInsert, rows, seqs } from './test-helpers.js';

const CHILD = fileURLToPath(new URL('./test-crash-child.ts', import.meta.url));
const COLLECTOR = fileURLToPath(new URL('../../', import.meta.url));

let dir = '';
let remove: () => Promise<void> = () => Promise.resolve();

beforeEach(async () => {
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  await remove();
});

/** Runs the child in `mode` until it printed `lines` ack/ins lines, SIGKILLs it; their row numbers. */
async function crashAfter(mode: 'accept' | 'replay', lines: number): Promise<number[]> {
  const word = mode === 'accept' ? 'ack' : 'ins';
  const { seqs, ...end } = await killAfterLines([CHILD, dir, mode], COLLECTOR, word, lines);
  expect(end).toMatchObject({ code: null, signal: 'SIGKILL' });
  return seqs;
}

/** Replays the spool with a working insert; the row numbers in insertion order. */
async function replayHere(): Promise<{ seqs: number[]; droppedRows: number }> {
  const recorder = recordingInsert();
  const pipeline = new IngestPipeline({
    insert: recorder.insert,
    spool: { dir, maxBytes: 1 << 30 },
  });
  await pipeline.start();
  await waitUntil(() => !pipeline.stats().spooling);
  await pipeline.close();
  expect((await readdir(dir)).filter((n) => n.endsWith('.rec'))).toEqual([]);
  return { seqs: seqs(recorder.calls, 't'), droppedRows: pipeline.stats().droppedRows };
}

describe('crash safety', () => {
  it.each([1, 25, 200])(
    'replays every row acknowledged before a SIGKILL (after %i acks)',
    async (acks) => {
      const acked = await crashAfter('accept', acks);
      expect(acked.length).toBeGreaterThan(0);
      const replayed = await replayHere();
      // In order of acceptance, without duplicates.
      expect(replayed.seqs.every((seq, i, all) => i === 0 || seq > all[i - 1]!)).toBe(true);
      // Every acknowledged row is there (unacknowledged ones may be too).
      const present = new Set(replayed.seqs);
      expect(acked.filter((seq) => !present.has(seq))).toEqual([]);
      // Only records being written when the child died can be torn: none acknowledged.
      expect(replayed.droppedRows).toBe(0);
    },
  );

  it('a SIGKILL during the replay inserts at most the last record again', async () => {
    const down = recordingInsert();
    down.state.down = true;
    const spooler = new IngestPipeline({
      insert: down.insert,
      spool: { dir, maxBytes: 1 << 30 },
      maxBatchRows: 10,
    });
    await spooler.start();
    await Promise.all(range(60).map((i) => spooler.accept(batch('t', rows(5, i * 5)))));
    await spooler.close();

    const before = await crashAfter('replay', 7);
    expect(before.length).toBeGreaterThanOrEqual(70);
    const after = (await replayHere()).seqs;
    const overlap = before.filter((seq) => after.includes(seq));
    expect(overlap.length).toBeLessThanOrEqual(10);
    expect(after.every((seq, i) => i === 0 || seq > after[i - 1]!)).toBe(true);
    expect([...new Set([...before, ...after])].sort((a, b) => a - b)).toEqual(range(300));
  });
});
