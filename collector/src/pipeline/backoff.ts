/** Exponential backoff: start, 2×start, 4×start … capped; reset after a success. */
export class Backoff {
  private delay: number;

  constructor(
    private readonly startMs: number,
    private readonly capMs: number,
  ) {
    this.delay = startMs;
  }

  /** The delay to wait now; the next call returns twice as much (up to the cap). */
  next(): number {
    const current = this.delay;
    this.delay = Math.min(this.capMs, this.delay * 2);
    return current;
  }

  /** The delay the next call would return. */
  peek(): number {
    return this.delay;
  }

  reset(): void {
    this.delay = this.startMs;
  }
}
