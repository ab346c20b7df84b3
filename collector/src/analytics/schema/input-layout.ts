import { ANALYTICS_TABLES } from './names.js';

/**
 * A generation of the SLA input tables: their names and the aggregate
 * function of their quantile state columns (`E2eDigest`, `PtffDigest`,
 * `FpsDigest`). Shipped migrations keep building the generation they
 * created; reads and new migrations use `INPUTS`.
 *
 * - v1 (migrations 3, 5 and 10): t-digest states. Merging a t-digest costs
 *   ~6–8 µs per state and group whatever its size (each merge re-sorts the
 *   accumulated centroids), most of a leaderboard read.
 * - v2 (migrations 12 and 13, filled from v1 once): bfloat16 states, a map
 *   from a value rounded to bfloat16 (8 significant bits) to its weight.
 *   Merging adds maps, exactly and in any order: the leaderboard's input
 *   reads got 1.5× (24 h) to 2.1× (30 d) faster. A quantile is exact over
 *   the rounded values, so it is low by less than 0.8 % (bfloat16
 *   truncates), where the points of a histogram bucket are already spread
 *   over ~1.25 % steps (POINTS_PER_BUCKET). Details: analytics/README.md.
 */
export interface InputLayout {
  readonly hour: string;
  readonly sixHours: string;
  readonly day: string;
  /** Aggregate function (with the Array combinator) of the quantile states. */
  readonly quantile: 'quantileTDigestWeightedArray' | 'quantileBFloat16WeightedArray';
}

export const INPUTS_V1: InputLayout = {
  hour: 'naap_sla_inputs_1h',
  sixHours: 'naap_sla_inputs_6h',
  day: 'naap_sla_inputs_1d',
  quantile: 'quantileTDigestWeightedArray',
};

/** The input tables reads use. */
export const INPUTS: InputLayout = {
  hour: ANALYTICS_TABLES.inputsHour,
  sixHours: ANALYTICS_TABLES.inputsSixHours,
  day: ANALYTICS_TABLES.inputsDay,
  quantile: 'quantileBFloat16WeightedArray',
};

/** Column type of a quantile state of `layout`. */
export const digestType = (layout: InputLayout): string =>
  `AggregateFunction(${layout.quantile}, Array(Float64), Array(UInt64))`;

/** Merged quantiles at `levels` of a state column of `layout` (a read's aggregate). */
export function mergeQuantiles(
  layout: InputLayout,
  levels: readonly number[],
  col: string,
): string {
  const plural = layout.quantile.replace(/^quantile/, 'quantiles');
  return `${plural}Merge(${levels.join(', ')})(${col})`;
}
