import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/manual-clock.js';
import { Budget, MINUTE_MS, unitLimit } from './budget.js';

const T0 = 1_000_000;
const slot = (target: string, unit = `${target}|t2i|m`, capacity = 8) => ({
  target,
  unit,
  capacity,
});

/** Starts an acquire and reports whether it has been granted. */
function pending(budget: Budget, s: ReturnType<typeof slot>, signal?: AbortSignal) {
  const state: { release: (() => void) | null; error: unknown } = { release: null, error: null };
  const promise = budget.acquire(s, signal).then(
    (r) => {
      state.release = r;
    },
    (err: unknown) => {
      state.error = err;
    },
  );
  return { state, promise };
}

describe('load budget', () => {
  it('holds jobs beyond max-concurrent until one is released', async () => {
    const clock = new ManualClock(T0);
    const budget = new Budget({ maxConcurrent: 2, maxJobsPerMinute: 100, capacityShare: 1 }, clock);
    const a = pending(budget, slot('A'));
    const b = pending(budget, slot('B'));
    const c = pending(budget, slot('C'));
    await clock.settle();
    expect([a.state.release, b.state.release, c.state.release].map((r) => r !== null)).toEqual([
      true,
      true,
      false,
    ]);
    a.state.release?.();
    await clock.settle();
    expect(c.state.release).not.toBeNull();
    expect(budget.active).toBe(2);
  });

  it('starts at most max-jobs-per-minute per orchestrator in any 60 s', async () => {
    const clock = new ManualClock(T0);
    const budget = new Budget({ maxConcurrent: 100, maxJobsPerMinute: 3, capacityShare: 1 }, clock);
    for (let i = 0; i < 3; i++) (await budget.acquire(slot('A', `u${i}`)))();
    await clock.advanceTo(T0 + 10_000);
    const fourth = pending(budget, slot('A', 'u9'));
    const other = pending(budget, slot('B'));
    await clock.advanceTo(T0 + MINUTE_MS - 1);
    expect(fourth.state.release).toBeNull();
    expect(other.state.release).not.toBeNull();
    await clock.advanceTo(T0 + MINUTE_MS);
    expect(fourth.state.release).not.toBeNull();
  });

  it('caps jobs in flight per orchestrator × (pipeline, model) at a share of its capacity', async () => {
    const clock = new ManualClock(T0);
    const budget = new Budget(
      { maxConcurrent: 100, maxJobsPerMinute: 100, capacityShare: 0.25 },
      clock,
    );
    const first = pending(budget, slot('A'));
    const second = pending(budget, slot('A'));
    const third = pending(budget, slot('A'));
    const otherUnit = pending(budget, slot('A', 'A|llm|m'));
    await clock.settle();
    expect([first, second, third, otherUnit].map((p) => p.state.release !== null)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    second.state.release?.();
    second.state.release?.(); // a second release changes nothing
    await clock.settle();
    expect(third.state.release).not.toBeNull();
    expect(budget.active).toBe(3);
  });

  it('gives a small capacity at least one job, and rounds the share down', () => {
    expect(unitLimit(1, 0.25)).toBe(1);
    expect(unitLimit(8, 0.25)).toBe(2);
    expect(unitLimit(7, 0.25)).toBe(1);
    expect(unitLimit(4, 1)).toBe(4);
  });

  it('stops waiting when aborted', async () => {
    const clock = new ManualClock(T0);
    const budget = new Budget({ maxConcurrent: 1, maxJobsPerMinute: 100, capacityShare: 1 }, clock);
    await budget.acquire(slot('A'));
    const abort = new AbortController();
    const waiting = pending(budget, slot('B'), abort.signal);
    await clock.settle();
    abort.abort();
    await waiting.promise;
    expect(waiting.state.error).toBeInstanceOf(Error);
    expect(waiting.state.release).toBeNull();
  });
});
