import { afterEach, describe, expect, it, vi } from 'vitest';
import { runLoop } from './loop.js';

describe('runLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks at once, then on a fixed cadence, until aborted', async () => {
    vi.useFakeTimers({ now: 0 });
    const controller = new AbortController();
    const ticks: [boolean, number][] = [];
    const done = runLoop(500, (first) => ticks.push([first, Date.now()]), controller.signal);
    await vi.advanceTimersByTimeAsync(1600);
    controller.abort();
    await done;
    expect(ticks).toEqual([
      [true, 0],
      [false, 500],
      [false, 1000],
      [false, 1500],
    ]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(ticks).toHaveLength(4);
  });

  it('does not tick when already aborted, and stops with the error a tick throws', async () => {
    const controller = new AbortController();
    controller.abort();
    let ticks = 0;
    await runLoop(10, () => ticks++, controller.signal);
    expect(ticks).toBe(0);
    const failing = runLoop(
      10,
      () => {
        throw new Error('render failed');
      },
      new AbortController().signal,
    );
    await expect(failing).rejects.toThrow('render failed');
  });
});
