import type { GpuSeriesKey } from '@naap/otel/api';

/** The per-GPU charts of the orchestrator page: series, title, unit, fixed range, colour of the metric. */
export interface GpuChart {
  readonly key: GpuSeriesKey;
  readonly title: string;
  readonly unit: string;
  readonly color: string;
  readonly min?: number;
  readonly max?: number;
}

export const GPU_CHARTS: readonly GpuChart[] = [
  { key: 'utilization', title: 'GPU utilization', unit: '1', color: '--m-util', min: 0, max: 1 },
  { key: 'vram_used', title: 'VRAM used', unit: 'By', color: '--m-vram', min: 0 },
  { key: 'temperature', title: 'Temperature', unit: 'Cel', color: '--m-temp' },
  { key: 'power_draw', title: 'Power draw', unit: 'W', color: '--m-power', min: 0 },
  { key: 'sm_clock', title: 'SM clock', unit: 'MHz', color: '--m-clock', min: 0 },
];

/** Colours of several GPUs in one chart: the metric's colour, then distinct safe hues. */
export const GPU_LINE_COLORS = [
  '',
  '--m-p95',
  '--m-vram',
  '--m-swap',
  '--m-clock',
  '--m-temp',
  '--m-jobs',
  '--m-power',
] as const;
