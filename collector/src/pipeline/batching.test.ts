import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchTooLargeError, PipelineStateError } from './errors.js';
import { IngestPipeline } from './pipeline.js';
import { batch, range, recordingInsert, rows, seqs } from './test-helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function started(options: Partial<ConstructorParameters<typeof IngestPipeline>[0]> = {}) {
  const recorder = recordingInsert();
  const pipeline = new IngestPipeline({ insert: recorder.insert, ...options });
  await pipeline.start();
  return { pipeline, ...recorder };
}

describe('batching', () => {
  it('turns 25k rows in small accepts into exactly 3 inserts of at most 10k per table', async () => {
    const { pipeline, calls } = await started();
    const acks: Promise<void>[] = [];
    for (let i = 0; i < 250; i += 1) {
      acks.push(
        pipeline.accept(
          new Map([
            ['a', rows(100, i * 100)],
            ['b', rows(100, i * 100)],
          ]),
        ),
      );
    }
    await vi.advanceTimersByTimeAsync(0);
    for (const table of ['a', 'b']) {
      expect(calls.filter((c) => c.table === table).map((c) => c.rows.length)).toEqual([
        10_000, 10_000,
      ]);
    }
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(4); // the 5k remainder waits for the age rule
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(acks);
    for (const table of ['a', 'b']) {
      expect(calls.filter((c) => c.table === table).map((c) => c.rows.length)).toEqual([
        10_000, 10_000, 5_000,
      ]);
      expect(seqs(calls, table)).toEqual(range(25_000));
    }
    expect(pipeline.stats()).toMatchObject({
      insertedRows: 50_000,
      insertedBatches: 6,
      pendingRows: 0,
    });
  });

  it('inserts a single small accept after 1 s, not before', async () => {
    const { pipeline, calls } = await started();
    let acked = false;
    const ack = pipeline.accept(batch('t', rows(3))).then(() => (acked = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(0);
    expect(acked).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await ack;
    expect(calls).toEqual([{ table: 't', rows: rows(3) }]);
    expect(pipeline.stats().lastInsertMs).toBe(Date.now());
  });

  it('never inserts once per accept: 50 accepts within a second make one insert', async () => {
    const { pipeline, calls } = await started();
    const acks: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) {
      acks.push(pipeline.accept(batch('t', rows(2, i * 2))));
      await vi.advanceTimersByTimeAsync(19);
    }
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    await Promise.all(acks);
    expect(calls).toHaveLength(1);
    expect(seqs(calls, 't')).toEqual(range(100));
  });

  it('times each table from its own oldest row', async () => {
    const { pipeline, calls } = await started();
    const first = pipeline.accept(batch('a', rows(1)));
    await vi.advanceTimersByTimeAsync(600);
    const second = pipeline.accept(batch('b', rows(1)));
    await vi.advanceTimersByTimeAsync(400);
    await first;
    expect(calls.map((c) => c.table)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(600);
    await second;
    expect(calls.map((c) => c.table)).toEqual(['a', 'b']);
  });

  it('acknowledges a call split across two batches only when both are inserted', async () => {
    const { pipeline, calls } = await started({ maxBatchRows: 100 });
    let acked = false;
    const ack = pipeline.accept(batch('t', rows(150))).then(() => (acked = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.rows.length)).toEqual([100]);
    expect(acked).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await ack;
    expect(seqs(calls, 't')).toEqual(range(150));
  });

  it('flush() inserts everything pending at once', async () => {
    const { pipeline, calls } = await started();
    const ack = pipeline.accept(
      new Map([
        ['a', rows(5)],
        ['b', rows(7)],
      ]),
    );
    await pipeline.flush();
    await ack;
    expect(calls.map((c) => [c.table, c.rows.length])).toEqual([
      ['a', 5],
      ['b', 7],
    ]);
  });

  it('resolves an empty accept at once and skips empty tables', async () => {
    const { pipeline, calls } = await started();
    await pipeline.accept(new Map([['a', []]]));
    await pipeline.accept(new Map());
    await pipeline.flush();
    expect(calls).toHaveLength(0);
  });

  it('refuses a call larger than the in-memory bound', async () => {
    const { pipeline } = await started({ maxPendingRows: 10 });
    await expect(pipeline.accept(batch('t', rows(11)))).rejects.toBeInstanceOf(BatchTooLargeError);
  });

  it('refuses rows that cannot be serialised before keeping any', async () => {
    const { pipeline } = await started();
    await expect(pipeline.accept(batch('t', [{ n: 1n }]))).rejects.toThrow(TypeError);
    expect(pipeline.stats().pendingRows).toBe(0);
  });
});

describe('lifecycle', () => {
  it('refuses accept before start', async () => {
    const { insert } = recordingInsert();
    const pipeline = new IngestPipeline({ insert });
    await expect(pipeline.accept(batch('t', rows(1)))).rejects.toThrow(/not started/);
    await expect(pipeline.accept(batch('t', rows(1)))).rejects.toBeInstanceOf(PipelineStateError);
  });

  it('close() flushes pending rows, is idempotent, and refuses later accepts clearly', async () => {
    const { pipeline, calls } = await started();
    const ack = pipeline.accept(batch('t', rows(4)));
    await pipeline.close();
    await ack;
    expect(calls).toEqual([{ table: 't', rows: rows(4) }]);
    await pipeline.close();
    await expect(pipeline.accept(batch('t', rows(1)))).rejects.toThrow(
      'cannot accept rows: the pipeline is closed',
    );
    await expect(pipeline.start()).rejects.toBeInstanceOf(PipelineStateError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses accepts while closing', async () => {
    const { pipeline } = await started();
    const closing = pipeline.close();
    await expect(pipeline.accept(batch('t', rows(1)))).rejects.toBeInstanceOf(PipelineStateError);
    await closing;
  });

  it('checks its options', () => {
    const { insert } = recordingInsert();
    expect(() => new IngestPipeline({ insert, maxBatchRows: 0 })).toThrow(RangeError);
    expect(() => new IngestPipeline({ insert, spool: { dir: '/x', maxBytes: -1 } })).toThrow(
      RangeError,
    );
  });
});
