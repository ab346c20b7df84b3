import type { Point } from '@naap/otel/api';

/** One line of a chart: its points in the API unit, and the CSS colour variable of its metric. */
export interface ChartSeries {
  readonly label: string;
  /** A CSS custom property (`--m-util`) or colour. */
  readonly color: string;
  readonly points: readonly Point[];
  /** Draw as a light band from the previous series up to this one (p50 → p95). */
  readonly bandFromPrevious?: boolean;
  readonly dash?: boolean;
}

/** The text alternative of a chart: each series' latest value, for screen readers and before JS. */
export function chartSummary(
  series: readonly ChartSeries[],
  format: (v: number | null) => string,
): string {
  if (series.every((s) => s.points.every((p) => p[1] === null))) return 'No data in this range.';
  return series
    .map((s) => {
      const last = [...s.points].reverse().find((p) => p[1] !== null);
      const values = s.points.flatMap((p) => (p[1] === null ? [] : [p[1]]));
      const max = values.length === 0 ? null : Math.max(...values);
      return `${s.label}: latest ${format(last?.[1] ?? null)}, peak ${format(max)}`;
    })
    .join('; ');
}
