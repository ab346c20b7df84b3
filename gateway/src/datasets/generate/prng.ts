/**
 * A small seeded generator (mulberry32) for dataset generation: integer
 * arithmetic only, so the same seed gives the same sequence on every
 * platform and Node version.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Seeds from a string (FNV-1a), e.g. `naap-testload/1.0.0/llm`. */
  static fromString(text: string): Rng {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return new Rng(h >>> 0);
  }

  /** The next 32-bit unsigned value. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + (this.nextU32() % (max - min + 1));
  }

  /** An integer in [min, max] that is a multiple of `step`. */
  step(min: number, max: number, step: number): number {
    return min + step * this.int(0, Math.floor((max - min) / step));
  }

  /** A number in [min, max] with `decimals` decimals (exact in JSON). */
  decimal(min: number, max: number, decimals: number): number {
    const scale = 10 ** decimals;
    return this.int(Math.round(min * scale), Math.round(max * scale)) / scale;
  }

  bool(): boolean {
    return (this.nextU32() & 1) === 1;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}
