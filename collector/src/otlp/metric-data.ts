import type { Metric } from './model.js';

type MetricHead = 'name' | 'description' | 'unit';

/** The data part of a Metric (the `data` oneof), one variant per kind. */
export type MetricData = Metric extends infer M
  ? M extends Metric
    ? Omit<M, MetricHead>
    : never
  : never;

/** A metric whose `data` oneof is unset. */
export const EMPTY_METRIC_DATA: MetricData = Object.freeze({
  kind: 'empty',
  points: Object.freeze([] as const),
});
