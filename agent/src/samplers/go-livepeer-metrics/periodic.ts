import { setTimeout as sleep } from 'node:timers/promises';

/** A task run again and again; `stop()` resolves once the run in progress has ended. */
export interface Periodic {
  stop(): Promise<void>;
}

/**
 * Runs `task` at once and then every `intervalMs` (measured from the start
 * of each run), never two runs at a time: a run longer than the interval is
 * followed at once by the next. Stops when `signal` aborts or on `stop()`;
 * the task gets a signal that aborts then. A task that throws is reported to
 * `onError` and the loop goes on.
 */
export function runPeriodically(
  task: (signal: AbortSignal) => Promise<unknown>,
  intervalMs: number,
  signal: AbortSignal,
  onError: (err: unknown) => void = () => undefined,
): Periodic {
  const own = new AbortController();
  const combined = AbortSignal.any([signal, own.signal]);
  const done = (async () => {
    while (!combined.aborted) {
      const started = performance.now();
      try {
        await task(combined);
      } catch (err) {
        onError(err);
      }
      const wait = Math.max(0, intervalMs - (performance.now() - started));
      try {
        await sleep(wait, undefined, { signal: combined });
      } catch {
        break;
      }
    }
  })();
  return {
    stop: async () => {
      own.abort();
      await done;
    },
  };
}
