import type { GpuReading } from './fields.js';

interface Timed<T> {
  readonly value: T;
  readonly atMs: number;
}

/** Boards kept at most: bounds memory whatever a broken or hostile stream prints. */
export const MAX_GPUS = 64;

/**
 * The latest reading of each GPU, keyed by UUID (never the index, which
 * changes across reboots and CUDA_VISIBLE_DEVICES), with its arrival time so
 * that stale ones (the child hung or died) are not exported.
 */
export class ReadingStore {
  private readonly latest = new Map<string, Timed<GpuReading>>();
  private readonly inBlock = new Set<string>();

  constructor(
    /** Readings older than this are stale. */
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Keeps `reading` as its GPU's latest. Returns true when it starts a new
   * block of `-lms` output (its UUID was already seen since the last block
   * began), i.e. the previous sampling round is complete.
   */
  put(reading: GpuReading): boolean {
    const newBlock = this.inBlock.has(reading.uuid);
    if (newBlock) this.inBlock.clear();
    this.inBlock.add(reading.uuid);
    this.latest.delete(reading.uuid);
    this.latest.set(reading.uuid, { value: reading, atMs: this.now() });
    if (this.latest.size > MAX_GPUS) this.evictOldest();
    return newBlock;
  }

  /** Readings no older than the stale limit, in arrival order. */
  fresh(): GpuReading[] {
    const cutoff = this.now() - this.maxAgeMs;
    return [...this.latest.values()].filter((t) => t.atMs >= cutoff).map((t) => t.value);
  }

  /** Latest reading of a GPU, fresh or not. */
  get(uuid: string): GpuReading | undefined {
    return this.latest.get(uuid)?.value;
  }

  private evictOldest(): void {
    const oldest = this.latest.keys().next();
    if (oldest.done !== true) this.latest.delete(oldest.value);
  }
}

/** The latest value of a periodic query, stale after `maxAgeMs`. */
export class LatestValue<T> {
  private current: Timed<T> | undefined;

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  set(value: T): void {
    this.current = { value, atMs: this.now() };
  }

  fresh(): T | undefined {
    const c = this.current;
    return c !== undefined && c.atMs >= this.now() - this.maxAgeMs ? c.value : undefined;
  }
}
