/**
 * Deterministic randomness. Every random draw of the simulator comes from a
 * stream keyed by what it is about (seed, orchestrator, GPU, pipeline, hour,
 * …), so the same scenario and seed give the same events whatever order or
 * time window they are generated in.
 *
 * Hand-written rather than a library: it needs keyed, splittable streams with
 * stable output across versions, which is a few lines of well-known code
 * (FNV-1a for keys, SplitMix32 to mix, xoshiro128** as the generator).
 */

type Key = string | number;

/** FNV-1a 32-bit hash of a key path. */
export function hashKey(parts: readonly Key[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${typeof part}:${String(part)}|`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The z-score of the 95th percentile of a standard normal. */
export const Z95 = 1.6448536269514722;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A stream keyed by `parts` (include the scenario seed). */
  static of(...parts: Key[]): Rng {
    return new Rng(hashKey(parts));
  }

  /** xoshiro128**: 32 random bits. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(mean = 0, sigma = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sigma * z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        return mean + sigma * u * f;
      }
    }
  }

  /** Log-normal with the given median and 95th percentile. */
  logNormal(p50: number, p95: number): number {
    const mu = Math.log(p50);
    const sigma = p95 > p50 ? (Math.log(p95) - mu) / Z95 : 0;
    return Math.exp(this.normal(mu, sigma));
  }

  /** Poisson-distributed count (Knuth for small λ, normal approximation above 500). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 500) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.uniform();
    } while (p > limit);
    return k - 1;
  }

  /** Picks a key with probability proportional to its weight; null when all weights are 0. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K | null {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (total <= 0) return null;
    let x = this.uniform() * total;
    for (const [k, w] of entries) {
      x -= Math.max(0, w);
      if (x < 0) return k;
    }
    return entries[entries.length - 1]?.[0] ?? null;
  }

  /** A hex string of `bytes` random bytes. */
  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i++) out += this.int(0, 255).toString(16).padStart(2, '0');
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A stateless uniform value in [0, 1) for a key path: cheap per-second noise. */
export function noise(...parts: Key[]): number {
  const mix = splitmix32(hashKey(parts));
  return mix() / 4294967296;
}
