import { setTimeout as delay } from 'node:timers/promises';

/** Restart delays of the nvidia-smi child. */
export interface BackoffPolicy {
  /** First delay after a failure. */
  readonly baseMs: number;
  /** Cap of the exponential growth. */
  readonly maxMs: number;
  /** A run that lasted this long resets the growth. */
  readonly resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, resetAfterMs: 60_000 };

/**
 * Delay before restart number `attempt` (0-based): base·2^attempt capped at
 * max, with ±20 % jitter so that many agents do not restart in step.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const jitter = 0.8 + 0.4 * Math.min(1, Math.max(0, random()));
  return Math.round(Math.min(policy.maxMs, exp * jitter));
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks the signal.
  }
}

/** Whether `signal` is aborted now (a call, so that checks after an await are not narrowed away). */
export const aborted = (signal: AbortSignal): boolean => signal.aborted;
