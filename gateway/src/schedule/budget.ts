import type { Clock } from '../clock.js';

export interface BudgetLimits {
  /** Jobs in flight at once, all orchestrators together. */
  readonly maxConcurrent: number;
  /** Jobs started per orchestrator in any 60 s. */
  readonly maxJobsPerMinute: number;
  /** Jobs in flight per orchestrator × (pipeline, model), as a share of its advertised capacity. */
  readonly capacityShare: number;
}

export const MINUTE_MS = 60_000;

/** Jobs in flight allowed on one orchestrator × (pipeline, model): a share of its capacity, at least 1. */
export function unitLimit(capacity: number, share: number): number {
  return Math.max(1, Math.floor(capacity * share + 1e-9));
}

export interface Slot {
  readonly target: string;
  readonly unit: string;
  readonly capacity: number;
}

/**
 * The load budget. `acquire` waits until a job may start without exceeding
 * any limit and returns its release; starts are counted at grant time, in
 * the runner's clock, over a sliding 60 s window per orchestrator.
 */
export class Budget {
  private inFlight = 0;
  private readonly perUnit = new Map<string, number>();
  private readonly starts = new Map<string, number[]>();
  private wake: (() => void) | null = null;
  private changed: Promise<void> = this.newChanged();

  constructor(
    readonly limits: BudgetLimits,
    private readonly clock: Clock,
  ) {}

  /** Waits for room; rejects when `signal` aborts. */
  async acquire(slot: Slot, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.blockedFor(slot);
      if (wait === 0) return this.grant(slot);
      const timer = new AbortController();
      const onAbort = () => {
        timer.abort();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const sleeping =
        wait === Number.POSITIVE_INFINITY
          ? new Promise<void>(() => undefined)
          : this.clock.sleep(wait, timer.signal).catch(() => undefined);
      await Promise.race([this.changed, sleeping, abortPromise(timer.signal)]);
      timer.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** 0 when the slot may start now; otherwise how long to wait at most (∞: until a release). */
  private blockedFor(slot: Slot): number {
    const { maxConcurrent, maxJobsPerMinute, capacityShare } = this.limits;
    if (this.inFlight >= maxConcurrent) return Number.POSITIVE_INFINITY;
    if ((this.perUnit.get(slot.unit) ?? 0) >= unitLimit(slot.capacity, capacityShare))
      return Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    const recent = this.recentStarts(slot.target, now);
    if (recent.length < maxJobsPerMinute) return 0;
    const oldest = recent[recent.length - maxJobsPerMinute] ?? now;
    return Math.max(1, oldest + MINUTE_MS - now);
  }

  private recentStarts(target: string, now: number): number[] {
    const kept = (this.starts.get(target) ?? []).filter((t) => t > now - MINUTE_MS);
    this.starts.set(target, kept);
    return kept;
  }

  private grant(slot: Slot): () => void {
    this.inFlight++;
    this.perUnit.set(slot.unit, (this.perUnit.get(slot.unit) ?? 0) + 1);
    this.recentStarts(slot.target, this.clock.now()).push(this.clock.now());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.perUnit.set(slot.unit, (this.perUnit.get(slot.unit) ?? 1) - 1);
      this.notify();
    };
  }

  private notify(): void {
    const wake = this.wake;
    this.changed = this.newChanged();
    wake?.();
  }

  private newChanged(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** Jobs in flight now (for tests and logs). */
  get active(): number {
    return this.inFlight;
  }
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else
      signal.addEventListener(
        'abort',
        () => {
          resolve();
        },
        { once: true },
      );
  });
}
