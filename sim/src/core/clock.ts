/**
 * The simulator's clock. Real time (speed 1), or accelerated: simulated time
 * runs `speed` times faster than the wall clock from `startMs`. With
 * `catchUp`, an accelerated clock that reaches the wall clock slows to real
 * time, so history can be backfilled and the network then keeps living.
 */
export interface ClockOptions {
  /** Simulated time at the wall-clock instant the clock was created, ms. Default: now. */
  readonly startMs?: number;
  /** Simulated milliseconds per wall millisecond. Default 1. */
  readonly speed?: number;
  /** Slow to real time once simulated time reaches the wall clock. */
  readonly catchUp?: boolean;
  /** Wall clock source (tests). */
  readonly wallNow?: () => number;
}

export interface ClockState {
  readonly wallOriginMs: number;
  readonly simOriginMs: number;
  readonly speed: number;
  readonly catchUp: boolean;
}

export class SimClock {
  readonly state: ClockState;
  private readonly wallNow: () => number;

  constructor(options: ClockOptions = {}, state?: ClockState) {
    this.wallNow = options.wallNow ?? Date.now;
    const speed = options.speed ?? 1;
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new RangeError(`speed must be > 0, got ${speed}`);
    const wall = this.wallNow();
    this.state = state ?? {
      wallOriginMs: wall,
      simOriginMs: options.startMs ?? wall,
      speed,
      catchUp: options.catchUp ?? false,
    };
  }

  /** A clock that continues another process's clock (same state). */
  static fromState(state: ClockState, wallNow: () => number = Date.now): SimClock {
    return new SimClock({ wallNow }, state);
  }

  /** Current simulated time, ms since the Unix epoch. */
  now(): number {
    return this.simAt(this.wallNow());
  }

  /** Simulated time at a wall-clock instant. */
  simAt(wallMs: number): number {
    const { wallOriginMs, simOriginMs, speed, catchUp } = this.state;
    const elapsed = wallMs - wallOriginMs;
    const sim = simOriginMs + elapsed * speed;
    if (!catchUp || speed === 1 || sim <= wallMs) return sim;
    // Simulated time caught up with the wall clock: from then on, real time.
    const caughtUpAfter = (wallOriginMs - simOriginMs) / (speed - 1);
    return elapsed >= caughtUpAfter ? wallMs : sim;
  }

  /** Wall milliseconds that `simMs` simulated milliseconds take at the current speed. */
  wallDuration(simMs: number): number {
    return this.isAccelerated() ? simMs / this.state.speed : simMs;
  }

  isAccelerated(): boolean {
    const { speed, catchUp } = this.state;
    if (speed === 1) return false;
    return !catchUp || this.now() < this.wallNow();
  }
}
