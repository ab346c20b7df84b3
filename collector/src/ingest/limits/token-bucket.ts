/**
 * A token bucket of `capacity` units refilled at `ratePerSecond`: a request
 * of `n` units passes while the bucket holds them, a request larger than the
 * bucket passes when it is full (the bucket then goes into debt), anything
 * else waits. Time comes from the caller, so tests drive it by hand.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes `n` units: 0 when they were taken, else whole seconds to wait (≥ 1), nothing taken. */
  take(n: number, now: number): number {
    if (now > this.last) {
      this.tokens = Math.min(
        this.capacity,
        this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
      );
      this.last = now;
    }
    const need = Math.min(n, this.capacity);
    if (this.tokens >= need) {
      this.tokens -= n;
      return 0;
    }
    return Math.max(1, Math.ceil((need - this.tokens) / this.ratePerSecond));
  }

  /** Whether the bucket is full again (an idle token's state can be dropped). */
  full(now: number): boolean {
    return this.tokens + ((now - this.last) / 1000) * this.ratePerSecond >= this.capacity;
  }
}
