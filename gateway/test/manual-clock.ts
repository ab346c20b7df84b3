import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../src/clock.js';

interface Timer {
  readonly at: number;
  readonly resolve: () => void;
}

/**
 * A clock that moves only when the test says: `advanceTo` runs every timer
 * due in order, letting the code under test react (promises, I/O) between
 * them. Deterministic timing without a wall clock.
 */
export class ManualClock implements Clock {
  private t: number;
  private timers: Timer[] = [];

  constructor(startMs: number) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason as Error);
        return;
      }
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Lets pending promises and I/O run (a few real milliseconds). */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await sleep(1);
  }

  /** Moves to `limit`, firing every timer due on the way, in time order. */
  async advanceTo(limit: number): Promise<void> {
    for (;;) {
      await this.settle();
      const next = this.timers.reduce<Timer | null>(
        (m, x) => (m === null || x.at < m.at ? x : m),
        null,
      );
      if (next === null || next.at > limit) break;
      this.t = Math.max(this.t, next.at);
      const due = this.timers.filter((x) => x.at <= this.t);
      this.timers = this.timers.filter((x) => x.at > this.t);
      for (const x of due) x.resolve();
    }
    this.t = Math.max(this.t, limit);
    await this.settle();
  }
}
