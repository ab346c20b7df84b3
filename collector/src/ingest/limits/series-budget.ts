/**
 * The series one token has active, bounded: a cardinality budget over a
 * sliding window kept as two generations of series hashes. A series seen in
 * the current or the previous generation is known and always admitted; a new
 * one is admitted while fewer than `max` are known. Generations turn every
 * half window, so a series is forgotten between half a window and a whole
 * window after its last point. Cost: a Set lookup per point; memory: one
 * number per active series.
 */
export class SeriesBudget {
  private current = new Set<number>();
  private previous = new Set<number>();
  private turnedAt: number;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.turnedAt = now;
  }

  /** Series known now. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Turns the generations when due; call once per request, before `admit`. */
  tick(now: number): void {
    const age = now - this.turnedAt;
    if (age < this.windowMs / 2) return;
    this.previous = age >= this.windowMs ? new Set() : this.current;
    this.current = new Set();
    this.turnedAt = now;
  }

  /** Whether a point of this series may pass (a new series is counted). */
  admit(series: number): boolean {
    if (this.current.has(series)) return true;
    if (this.previous.delete(series)) {
      this.current.add(series);
      return true;
    }
    if (this.current.size + this.previous.size >= this.max) return false;
    this.current.add(series);
    return true;
  }
}
