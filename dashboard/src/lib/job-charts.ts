import type { JobSeries, JobSeriesKey } from '@naap/otel/api';
import type { ChartSeries } from './charts/series.js';

/**
 * Job figures over time as charts: latency and PTFF as bands (p50 line,
 * p95 band), jobs by outcome, success rate, live FPS. One colour per
 * statistic, the same on every page.
 */
export interface JobChart {
  readonly key: JobSeriesKey;
  readonly title: string;
  readonly min?: number;
  readonly max?: number;
  /** Only for live pipelines. */
  readonly live?: boolean;
}

export const JOB_CHARTS: readonly JobChart[] = [
  { key: 'latency', title: 'Job latency', min: 0 },
  { key: 'jobs', title: 'Jobs by outcome', min: 0 },
  { key: 'success_rate', title: 'Success rate', min: 0, max: 1 },
  { key: 'ptff', title: 'Prompt to first frame', min: 0, live: true },
  { key: 'fps', title: 'Output FPS', min: 0, live: true },
];

const STYLE: Readonly<
  Record<string, { label: string; color: string; band?: boolean; dash?: boolean }>
> = {
  p50: { label: 'p50', color: '--m-p50' },
  p95: { label: 'p95', color: '--m-p95', band: true },
  p99: { label: 'p99', color: '--m-p95', dash: true },
  success: { label: 'Succeeded', color: '--good' },
  failure: { label: 'Failed', color: '--m-fail' },
  excused: { label: 'Excused', color: '--m-jobs' },
  value: { label: 'Success rate', color: '--m-fps' },
  mean: { label: 'Mean FPS', color: '--m-fps' },
};

export function jobChartSeries(s: JobSeries): ChartSeries[] {
  return s.series.map((x) => {
    const style = STYLE[x.stat] ?? { label: x.stat, color: '--m-jobs' };
    return {
      label: style.label,
      color: style.color,
      points: x.points,
      ...(style.band === true ? { bandFromPrevious: true } : {}),
      ...(style.dash === true ? { dash: true } : {}),
    };
  });
}
