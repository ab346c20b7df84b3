import { setTimeout as sleep } from 'node:timers/promises';
import type { SimClock } from '../core/clock.js';

/** Waits (really) until simulated time reaches `atMs`. */
export async function waitUntilSim(clock: SimClock, atMs: number): Promise<void> {
  const simMs = atMs - clock.now();
  if (simMs <= 0) return;
  await sleep(clock.wallDuration(simMs));
}

/** Runs `fn` when simulated time reaches `atMs`; returns a canceller. The timer never holds the process open. */
export function atSimTime(clock: SimClock, atMs: number, fn: () => void): () => void {
  const wall = Math.max(0, clock.wallDuration(atMs - clock.now()));
  const timer = setTimeout(fn, wall);
  timer.unref();
  return () => {
    clearTimeout(timer);
  };
}
