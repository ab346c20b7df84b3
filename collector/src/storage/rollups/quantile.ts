/**
 * Quantiles from explicit-bucket histograms, with Prometheus
 * `histogram_quantile` semantics: find the bucket where the cumulative count
 * reaches `q · total` and interpolate linearly inside it. The first bucket's
 * lower edge is the observed minimum when known (else 0, or its upper bound
 * when that is ≤ 0, as Prometheus does); the overflow bucket's upper edge is
 * the observed maximum when it lies above the last bound (else the last
 * bound, which is what Prometheus returns for the +Inf bucket).
 *
 * Several bucket layouts (series with different bounds) are merged exactly
 * under the same assumption: each layout's cumulative distribution is
 * piecewise linear between its edges, the sum of those is piecewise linear
 * between the union of the edges, and the quantile is read off that sum.
 * With a single layout this is exactly the per-bucket interpolation above.
 */

export interface BucketLayout {
  /** Explicit bounds, ascending. */
  readonly bounds: readonly number[];
  /** One count per bound plus the overflow bucket (`bounds.length + 1`). */
  readonly counts: readonly number[];
}

export interface ObservedRange {
  /** Smallest observed value, or null when unknown. */
  readonly min: number | null;
  readonly max: number | null;
}

const known = (x: number | null): x is number => x !== null && Number.isFinite(x);

/** Bucket edges of one layout: lower edge, the bounds, upper edge of the overflow bucket. */
export function layoutEdges(bounds: readonly number[], range: ObservedRange): number[] {
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  if (first === undefined || last === undefined) {
    const lo = known(range.min) ? range.min : 0;
    return [lo, known(range.max) ? Math.max(range.max, lo) : lo];
  }
  const lower = known(range.min) ? Math.min(range.min, first) : first > 0 ? 0 : first;
  const upper = known(range.max) && range.max > last ? range.max : last;
  return [lower, ...bounds, upper];
}

/**
 * Cumulative count of one layout just below x (`left`) and at x (`right`):
 * linear inside a bucket; a zero-width bucket (lower edge = upper edge) is a
 * jump at that point.
 */
function cdf(
  edges: readonly number[],
  counts: readonly number[],
  x: number,
  left: boolean,
): number {
  let acc = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    const lo = edges[i] ?? 0;
    const hi = edges[i + 1] ?? lo;
    if (hi > lo) acc += c * Math.min(Math.max((x - lo) / (hi - lo), 0), 1);
    else if (left ? x > hi : x >= hi) acc += c;
  }
  return acc;
}

function checkLayout(l: BucketLayout): void {
  if (l.counts.length !== l.bounds.length + 1)
    throw new RangeError(`expected ${l.bounds.length + 1} bucket counts, got ${l.counts.length}`);
}

/**
 * The q-quantiles (0 ≤ q ≤ 1) of merged histogram buckets; null where there
 * are no observations.
 */
export function quantilesFromBuckets(
  qs: readonly number[],
  layouts: readonly BucketLayout[],
  range: ObservedRange,
): (number | null)[] {
  for (const q of qs) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  }
  const used = layouts.filter((l) => l.counts.some((c) => c > 0));
  used.forEach(checkLayout);
  const shapes = used.map((l) => ({ edges: layoutEdges(l.bounds, range), counts: l.counts }));
  const xs = [...new Set(shapes.flatMap((s) => s.edges))].sort((a, b) => a - b);
  const at = (x: number, left: boolean): number =>
    shapes.reduce((sum, s) => sum + cdf(s.edges, s.counts, x, left), 0);
  const right = xs.map((x) => at(x, false));
  const total = right[right.length - 1] ?? 0;
  if (total <= 0) return qs.map(() => null);
  return qs.map((q) => {
    const rank = q * total;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k] ?? 0;
      const xPrev = xs[k - 1];
      const rPrev = right[k - 1];
      if (xPrev !== undefined && rPrev !== undefined) {
        // inside the segment (xPrev, x): linear from rPrev to the left limit at x
        const l = at(x, true);
        if (l >= rank && l > rPrev) return xPrev + ((x - xPrev) * (rank - rPrev)) / (l - rPrev);
      }
      if ((right[k] ?? 0) >= rank) return x;
    }
    return xs[xs.length - 1] ?? null;
  });
}
