/**
 * A small memo for answers that many clients ask at once (live KPIs): the
 * same key within `ttlMs` gets the same promise, so a burst of identical
 * requests runs the queries once. Bounded; failures are not kept.
 */
export class TtlCache {
  readonly #entries = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 500,
  ) {}

  get<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.expires > t) return hit.value as Promise<T>;
    if (this.#entries.size >= this.maxEntries) this.#evict(t);
    const value = compute();
    this.#entries.set(key, { expires: t + ttlMs, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  #evict(t: number): void {
    for (const [k, e] of this.#entries) if (e.expires <= t) this.#entries.delete(k);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
