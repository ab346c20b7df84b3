import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';
import { Batcher } from './batcher.js';
import { BackpressureError, retryAfterSeconds } from './errors.js';
import { rows, seqOf } from './test-helpers.js';
import { Ticket } from './ticket.js';

describe('Backoff', () => {
  it('doubles up to the cap and resets', () => {
    const backoff = new Backoff(500, 3_000);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      500, 1_000, 2_000, 3_000,
    ]);
    expect(backoff.peek()).toBe(3_000);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});

describe('Retry-After', () => {
  it('is at least one whole second', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1_200)).toBe(2);
    expect(new BackpressureError('memory', 0.2, 'full').retryAfterSeconds).toBe(1);
  });
});

describe('Ticket', () => {
  it('resolves when every piece is durable and rejects at the first failure', async () => {
    const ok = new Ticket();
    ok.addPiece();
    ok.addPiece();
    ok.settle(null);
    ok.settle(null);
    await expect(ok.promise).resolves.toBeUndefined();
    const failed = new Ticket();
    failed.addPiece();
    failed.addPiece();
    failed.settle(new Error('boom'));
    await expect(failed.promise).rejects.toThrow('boom');
    failed.settle(null);
  });
});

describe('Batcher', () => {
  const rules = { maxBatchRows: 10, maxBatchDelayMs: 1_000 };

  it('takes full batches when a table is due by size and keeps the remainder', () => {
    const batcher = new Batcher(rules);
    batcher.add([{ table: 't', rows: rows(25), bytes: 250 }], new Ticket(), 0);
    expect(batcher.sizeDue()).toBe(true);
    const parts = batcher.drain(0, false);
    expect(parts.map((p) => [p.rows.length, p.bytes])).toEqual([
      [10, 100],
      [10, 100],
    ]);
    expect(batcher.bufferedRows()).toBe(5);
    expect(batcher.heldRows).toBe(25);
    expect(batcher.nextDeadline()).toBe(1_000);
    expect(batcher.drain(1_000, false).map((p) => p.rows.length)).toEqual([5]);
    expect(batcher.nextDeadline()).toBeNull();
  });

  it('splits a call across batches as separate pieces of its ticket', async () => {
    const batcher = new Batcher(rules);
    const ticket = new Ticket();
    batcher.add([{ table: 't', rows: rows(15), bytes: 150 }], ticket, 0);
    const [head, tail] = batcher.drain(0, true);
    expect(head?.tickets).toEqual([ticket]);
    expect(tail?.rows.map(seqOf)).toEqual([10, 11, 12, 13, 14]);
    let done = false;
    void ticket.promise.then(() => (done = true));
    batcher.release(head!);
    ticket.settle(null);
    await Promise.resolve();
    expect(done).toBe(false);
    batcher.release(tail!);
    ticket.settle(null);
    await ticket.promise;
    expect(batcher.heldRows).toBe(0);
    expect(batcher.heldBytes).toBe(0);
  });
});
