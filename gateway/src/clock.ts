import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The runner's time: every latency, cadence, budget window and timeout is
 * measured with it. Production uses the wall clock (sub-millisecond); tests
 * pass a simulator's accelerated clock so that simulated latencies are
 * measured in simulated milliseconds.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (fractional). */
  now(): number;
  /** Waits `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const wallClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) => sleep(Math.max(0, ms), undefined, signal ? { signal } : {}),
};

/** A clock running `speed` times faster than the wall clock from `startMs` (tests, demos). */
export function acceleratedClock(
  speed: number,
  startMs: number,
  wallNow: () => number = () => wallClock.now(),
): Clock {
  const origin = wallNow();
  return {
    now: () => startMs + (wallNow() - origin) * speed,
    sleep: (ms, signal) => sleep(Math.max(0, ms) / speed, undefined, signal ? { signal } : {}),
  };
}

/** Resolves after `ms` without throwing when aborted (returns false then). */
export async function pause(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted === true) return false;
  try {
    await clock.sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}
