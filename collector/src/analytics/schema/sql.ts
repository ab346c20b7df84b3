/**
 * Small SQL builders for the analytics DDL. Literals written into view
 * definitions come from the telemetry contract (metric, attribute and
 * pipeline names), never from input; `lit` still refuses anything that could
 * break out of a string literal.
 */

const SAFE_LITERAL = /^[A-Za-z0-9_.:/ -]*$/;

export function lit(value: string): string {
  if (!SAFE_LITERAL.test(value)) {
    throw new RangeError(`refusing to inline ${JSON.stringify(value)} into SQL`);
  }
  return `'${value}'`;
}

export function litList(values: readonly string[]): string {
  return `(${values.map(lit).join(', ')})`;
}

/** `map['key']` of an attribute map column. */
export function attr(map: string, key: string): string {
  return `${map}[${lit(key)}]`;
}

/** Points flagged "no recorded value" (OTLP flag 1) are left out. */
export const NOT_MISSING = 'bitAnd(raw.Flags, 1) = 0';

/** Delta temporality (OTLP AggregationTemporality = 1). */
export const DELTA = 'raw.AggregationTemporality = 1';

/** Sub-points a histogram bucket is spread over in a quantile state. */
export const POINTS_PER_BUCKET = 8;

/**
 * Bucket edges of a raw histogram point (`raw.ExplicitBounds`, `raw.Min`,
 * `raw.Max`): the lower edge of the first bucket is the observed minimum when
 * below the first bound (else 0, or the bound itself when ≤ 0), the upper
 * edge of the overflow bucket the observed maximum when above the last bound
 * (the same edges as the rollups' quantile helper). A count-only point is
 * one bucket from Min to Max.
 */
function edges(): string {
  const b = 'raw.ExplicitBounds';
  const lower = `if(raw.Count > 0 AND raw.Min < ${b}[1], raw.Min, if(${b}[1] > 0, 0, ${b}[1]))`;
  const upper = `if(raw.Count > 0 AND raw.Max > ${b}[-1], raw.Max, ${b}[-1])`;
  return `if(empty(${b}), [raw.Min, greatest(raw.Min, raw.Max)], arrayConcat([${lower}], ${b}, [${upper}]))`;
}

function counts(): string {
  return 'if(empty(raw.BucketCounts), [raw.Count], raw.BucketCounts)';
}

/**
 * Values and weights for a weighted quantile state from one explicit-bucket
 * histogram point: each bucket's count is spread evenly over up to
 * POINTS_PER_BUCKET points inside the bucket (linear interpolation within a
 * bucket, as the rollups' quantiles assume), values multiplied by `scale`.
 */
export function histogramPoints(scale: number): { values: string; weights: string } {
  const c = `${counts()}[i]`;
  const e = (at: string): string => `${edges()}[${at}]`;
  const m = `toUInt64(least(${c}, ${POINTS_PER_BUCKET}))`;
  const each = (body: string): string =>
    `arrayFlatten(arrayMap(i -> arrayMap(j -> ${body}, range(${m})), arrayEnumerate(${counts()})))`;
  return {
    values: each(`${scale} * (${e('i')} + (${e('i + 1')} - ${e('i')}) * (j + 0.5) / ${m})`),
    weights: each(`toUInt64(intDiv(${c} * (j + 1), ${m}) - intDiv(${c} * j, ${m}))`),
  };
}
