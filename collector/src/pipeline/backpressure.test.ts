import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackpressureError, StorageError } from './errors.js';
import { IngestPipeline } from './pipeline.js';
import { batch, range, recordingInsert, rows, seqs } from './test-helpers.js';
import type { InsertFn } from './types.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** An insert that hangs until released, then records. */
function gatedInsert() {
  const recorder = recordingInsert();
  let open = false;
  const waiting: (() => void)[] = [];
  const insert: InsertFn = async (table, list) => {
    if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
    await recorder.insert(table, list);
  };
  const release = (): void => {
    open = true;
    for (const resolve of waiting.splice(0)) resolve();
  };
  return { insert, calls: recorder.calls, release, waiting };
}

describe('backpressure', () => {
  it('refuses beyond maxPendingRows while storage is slow, keeps memory bounded, then recovers', async () => {
    const gate = gatedInsert();
    const pipeline = new IngestPipeline({
      insert: gate.insert,
      maxPendingRows: 1_000,
      maxBatchRows: 100,
    });
    await pipeline.start();
    const acks: Promise<void>[] = [];
    const outcomes: unknown[] = []; // refusals, set by callbacks
    const accepting = (): boolean => outcomes.length === 0;
    for (let i = 0; accepting() && i < 100; i += 1) {
      const ack = pipeline.accept(batch('t', rows(100, i * 100)));
      ack.catch((error: unknown) => outcomes.push(error));
      await vi.advanceTimersByTimeAsync(0);
      if (accepting()) acks.push(ack);
      expect(pipeline.stats().pendingRows).toBeLessThanOrEqual(1_000);
    }
    const refused = outcomes[0];
    expect(refused).toBeInstanceOf(BackpressureError);
    const error = refused as BackpressureError;
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.bound).toBe('memory');
    expect(acks).toHaveLength(10);
    expect(pipeline.stats()).toMatchObject({ pendingRows: 1_000, rejectedRows: 100 });

    gate.release();
    await Promise.all(acks);
    expect(pipeline.stats().pendingRows).toBe(0);
    await pipeline.accept(batch('t', rows(100, 1_000)));
    expect(seqs(gate.calls, 't')).toEqual(range(1_100));
    await pipeline.close();
  });

  it('keeps nothing of a refused call', async () => {
    const gate = gatedInsert();
    const pipeline = new IngestPipeline({
      insert: gate.insert,
      maxPendingRows: 10,
      maxBatchRows: 5,
    });
    await pipeline.start();
    const first = pipeline.accept(batch('t', rows(8)));
    const second = pipeline.accept(
      new Map([
        ['t', rows(2, 8)],
        ['u', rows(1)],
      ]),
    );
    await expect(second).rejects.toBeInstanceOf(BackpressureError);
    gate.release();
    await pipeline.flush();
    await first;
    expect(seqs(gate.calls, 't')).toEqual(range(8));
    expect(gate.calls.some((c) => c.table === 'u')).toBe(false);
    await pipeline.close();
  });

  it('bounds the estimated bytes held in memory too', async () => {
    const gate = gatedInsert();
    const pipeline = new IngestPipeline({ insert: gate.insert, maxPendingBytes: 1_000 });
    await pipeline.start();
    const first = pipeline.accept(batch('t', rows(30)));
    expect(pipeline.stats().pendingBytesEstimate).toBeGreaterThan(500);
    await expect(pipeline.accept(batch('t', rows(30)))).rejects.toBeInstanceOf(BackpressureError);
    gate.release();
    await pipeline.close();
    await first;
  });
});

describe('storage failure without a spool', () => {
  it('rejects the callers of a failed insert with StorageError and recovers', async () => {
    const { insert, calls, state } = recordingInsert();
    const pipeline = new IngestPipeline({ insert, retryDelayMs: 2_000 });
    await pipeline.start();
    state.down = true;
    const failed = pipeline.accept(batch('t', rows(3)));
    const check = expect(failed).rejects.toBeInstanceOf(StorageError);
    await vi.advanceTimersByTimeAsync(1_000);
    await check;
    await failed.catch((error: unknown) => {
      expect(error).toMatchObject({ permanent: false, retryAfterSeconds: 2 });
    });
    expect(pipeline.stats()).toMatchObject({
      storageHealthy: false,
      failedInserts: 1,
      rejectedRows: 3,
      pendingRows: 0,
    });
    state.down = false;
    const ok = pipeline.accept(batch('t', rows(2, 3)));
    await vi.advanceTimersByTimeAsync(1_000);
    await ok;
    expect(seqs(calls, 't')).toEqual([3, 4]);
    expect(pipeline.stats().storageHealthy).toBe(true);
    await pipeline.close();
  });

  it('marks errors that retrying cannot fix as permanent', async () => {
    const insert: InsertFn = (table) =>
      table === 'bad' ? Promise.reject(new Error('Unknown table')) : Promise.resolve();
    const pipeline = new IngestPipeline({
      insert,
      isPermanentError: (error) => error instanceof Error && error.message.startsWith('Unknown'),
    });
    await pipeline.start();
    const bad = pipeline.accept(batch('bad', rows(1)));
    const good = pipeline.accept(batch('good', rows(1)));
    const check = expect(bad).rejects.toMatchObject({ name: 'StorageError', permanent: true });
    await pipeline.flush();
    await check;
    await good;
    await pipeline.close();
  });
});
