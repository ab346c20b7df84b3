/**
 * Calls `tick` now and then every `intervalMs` of wall time (on a fixed
 * cadence, so ticks do not drift) until `signal` aborts; resolves then.
 * Rejects, and stops, if `tick` throws.
 */
export function runLoop(
  intervalMs: number,
  tick: (first: boolean) => void,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const start = now();
    let count = 0;
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const step = (): void => {
      try {
        tick(count === 0);
      } catch (err) {
        signal.removeEventListener('abort', stop);
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      count++;
      if (signal.aborted) return;
      timer = setTimeout(step, Math.max(0, start + count * intervalMs - now()));
    };
    signal.addEventListener('abort', stop, { once: true });
    step();
  });
}
