import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackpressureError } from './errors.js';
import { IngestPipeline } from './pipeline.js';
import type { PipelineOptions } from './types.js';
import { tempDir, waitUntil } from './test-int-helpers.js';
import { batch, range, recordingInsert, rows, seqOf, seqs } from './test-helpers.js';

let dir = '';
let remove: () => Promise<void> = () => Promise.resolve();

beforeEach(async () => {
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  await remove();
});

type Recorder = ReturnType<typeof recordingInsert>;

async function pipelineWith(recorder: Recorder, options: Partial<PipelineOptions> = {}) {
  const pipeline = new IngestPipeline({
    insert: recorder.insert,
    spool: { dir, maxBytes: 1 << 24 },
    maxBatchDelayMs: 5,
    retryDelayMs: 5,
    maxRetryDelayMs: 20,
    ...options,
  });
  await pipeline.start();
  return pipeline;
}

/** Accepts `count` single-table calls of `size` rows each, numbered on. */
function acceptMany(
  pipeline: IngestPipeline,
  table: string,
  count: number,
  size: number,
  first = 0,
) {
  return range(count).map((i) => pipeline.accept(batch(table, rows(size, first + i * size))));
}

async function recordFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.rec')).sort();
}

describe('outage', () => {
  it('spools while storage is down and replays every row exactly once, in order', async () => {
    const recorder = recordingInsert();
    const pipeline = await pipelineWith(recorder);
    recorder.state.down = true;
    await Promise.all([...acceptMany(pipeline, 'a', 40, 7), ...acceptMany(pipeline, 'b', 10, 3)]);
    for (let i = 0; i < 5; i += 1) await Promise.all(acceptMany(pipeline, 'a', 4, 7, 280 + i * 28));
    expect(pipeline.stats()).toMatchObject({ storageHealthy: false, spooling: true });
    expect(pipeline.stats().spoolFiles).toBeGreaterThan(1);
    expect(pipeline.stats().spooledRows).toBe(420 + 30);
    expect(recorder.calls).toEqual([]);

    recorder.state.down = false;
    await waitUntil(() => !pipeline.stats().spooling);
    await Promise.all(acceptMany(pipeline, 'a', 5, 2, 420));
    expect(seqs(recorder.calls, 'a')).toEqual(range(430));
    expect(seqs(recorder.calls, 'b')).toEqual(range(30));
    expect(pipeline.stats()).toMatchObject({
      storageHealthy: true,
      spoolFiles: 0,
      spoolBytes: 0,
      replayedRows: 450,
      insertedRows: 460,
      pendingRows: 0,
    });
    await pipeline.close();
    expect(await recordFiles()).toEqual([]);
  });

  it('gives a batch one id for its failed INSERT, its spool record and its replay', async () => {
    const attempts: { id: string; replay: boolean; ok: boolean }[] = [];
    let down = true;
    const pipeline = new IngestPipeline({
      insert: (_table, _rows, meta) => {
        attempts.push({ id: meta?.id ?? '', replay: meta?.replay ?? false, ok: !down });
        return down ? Promise.reject(new Error('down')) : Promise.resolve();
      },
      spool: { dir, maxBytes: 1 << 20 },
      maxBatchDelayMs: 5,
      retryDelayMs: 5,
    });
    await pipeline.start();
    await pipeline.accept(batch('t', rows(3)));
    down = false;
    await waitUntil(() => !pipeline.stats().spooling);
    await pipeline.close();
    const [first] = attempts;
    expect(first).toMatchObject({ replay: false, ok: false });
    expect(first?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(attempts.at(-1)).toEqual({ id: first?.id, replay: true, ok: true });
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
  });

  it('queues new data behind a spool left by a previous process', async () => {
    const first = recordingInsert();
    first.state.down = true;
    const before = await pipelineWith(first);
    await Promise.all(acceptMany(before, 't', 3, 5));
    await before.close();
    expect((await recordFiles()).length).toBeGreaterThan(0);

    const second = recordingInsert();
    const after = await pipelineWith(second);
    await Promise.all(acceptMany(after, 't', 3, 5, 15));
    await waitUntil(() => !after.stats().spooling);
    expect(seqs(second.calls, 't')).toEqual(range(30));
    await after.close();
  });

  it('refuses new data when the spool is full and never drops acknowledged rows', async () => {
    const recorder = recordingInsert();
    recorder.state.down = true;
    const pipeline = await pipelineWith(recorder, { spool: { dir, maxBytes: 4_000 } });
    let acked = 0;
    let refusal: unknown = null;
    for (let i = 0; refusal === null && i < 100; i += 1) {
      await pipeline.accept(batch('t', rows(10, acked))).then(
        () => (acked += 10),
        (error: unknown) => (refusal = error),
      );
    }
    expect(refusal).toBeInstanceOf(BackpressureError);
    expect(refusal).toMatchObject({ bound: 'spool' });
    expect(acked).toBeGreaterThan(0);
    expect(pipeline.stats().spoolBytes).toBeLessThanOrEqual(4_000);

    recorder.state.down = false;
    await waitUntil(() => !pipeline.stats().spooling);
    expect(seqs(recorder.calls, 't')).toEqual(range(acked));
    await pipeline.accept(batch('t', rows(10, acked)));
    await pipeline.close();
  });

  it('close() spools what is pending when storage is down', async () => {
    const down = recordingInsert();
    down.state.down = true;
    const pipeline = await pipelineWith(down, { maxBatchDelayMs: 60_000 });
    const ack = pipeline.accept(batch('t', rows(4)));
    await pipeline.close();
    await ack;
    expect(await recordFiles()).toHaveLength(1);

    const up = recordingInsert();
    const next = await pipelineWith(up);
    await waitUntil(() => !next.stats().spooling);
    expect(seqs(up.calls, 't')).toEqual(range(4));
    await next.close();
  });
});

describe('damaged spool', () => {
  /** Leaves one record file per call of 5 rows in the spool. */
  async function spoolRecords(count: number): Promise<string[]> {
    const recorder = recordingInsert();
    recorder.state.down = true;
    const pipeline = await pipelineWith(recorder);
    for (let i = 0; i < count; i += 1) await pipeline.accept(batch('t', rows(5, i * 5)));
    await pipeline.close();
    const files = await recordFiles();
    expect(files).toHaveLength(count);
    return files.map((name) => join(dir, name));
  }

  async function replay(): Promise<{ seqs: number[]; stats: ReturnType<IngestPipeline['stats']> }> {
    const recorder = recordingInsert();
    const pipeline = await pipelineWith(recorder);
    await waitUntil(() => !pipeline.stats().spooling);
    await pipeline.close();
    return { seqs: seqs(recorder.calls, 't'), stats: pipeline.stats() };
  }

  it('skips a truncated tail record and keeps the earlier ones', async () => {
    const files = await spoolRecords(3);
    const last = files[2]!;
    await truncate(last, (await readFile(last)).length - 3);
    const result = await replay();
    expect(result.seqs).toEqual(range(10));
    expect(result.stats).toMatchObject({ quarantinedRecords: 1, spoolFiles: 0 });
    expect((await readdir(dir)).filter((n) => n.endsWith('.corrupt'))).toHaveLength(1);
  });

  it('skips an empty file and a corrupt record in the middle', async () => {
    const files = await spoolRecords(3);
    const middle = await readFile(files[1]!);
    middle[middle.length - 2] = 0x20;
    await writeFile(files[1]!, middle);
    await writeFile(join(dir, '0000000000000099.rec'), '');
    const result = await replay();
    expect(result.seqs).toEqual([...range(5), ...range(5, 10)]);
    expect(result.stats.quarantinedRecords).toBe(2);
  });

  it('sets aside a record storage refuses for good and goes on', async () => {
    await spoolRecords(2);
    const recorder = recordingInsert();
    let refused = 0;
    const pipeline = await pipelineWith(
      {
        ...recorder,
        insert: (table, list) => {
          if (seqOf(list[0]) === 0) {
            refused += 1;
            return Promise.reject(new Error('Cannot parse input'));
          }
          return recorder.insert(table, list);
        },
      },
      { isPermanentError: (e) => e instanceof Error && e.message.startsWith('Cannot parse') },
    );
    await waitUntil(() => !pipeline.stats().spooling);
    await pipeline.close();
    expect(refused).toBe(1);
    expect(seqs(recorder.calls, 't')).toEqual(range(5, 5));
    expect(pipeline.stats()).toMatchObject({ droppedRows: 5, quarantinedRecords: 1 });
    expect((await readdir(dir)).filter((n) => n.endsWith('.rejected'))).toHaveLength(1);
  });
});
