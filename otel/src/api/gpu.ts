import { Type, type Static } from 'typebox';
import { METRIC, type MetricName } from '../catalog/metrics.js';
import {
  AddressSchema,
  FormatSchema,
  GpuIdSchema,
  Nullable,
  PointSchema,
  TimeMs,
  TimeParamSchema,
  WindowNameSchema,
} from './common.js';

/**
 * GPU series served by `GET /gpu/metrics`: the API key, the contract metric
 * it reads, and its unit in the API (the agent already exports these in the
 * API unit: ratios 0–1, bytes, °C, W, MHz).
 */
export const GPU_SERIES = {
  utilization: { metric: METRIC.gpuUtilization, unit: '1' },
  memory_bandwidth_utilization: { metric: METRIC.gpuMemoryBandwidthUtilization, unit: '1' },
  vram_used: { metric: METRIC.gpuMemoryUsage, unit: 'By' },
  vram_total: { metric: METRIC.gpuMemoryLimit, unit: 'By' },
  vram_free: { metric: METRIC.gpuMemoryFree, unit: 'By' },
  temperature: { metric: METRIC.gpuTemperature, unit: 'Cel' },
  power_draw: { metric: METRIC.gpuPowerDraw, unit: 'W' },
  power_limit: { metric: METRIC.gpuPowerLimit, unit: 'W' },
  sm_clock: { metric: METRIC.gpuClockSm, unit: 'MHz' },
  sm_clock_max: { metric: METRIC.gpuClockSmMax, unit: 'MHz' },
  memory_clock: { metric: METRIC.gpuClockMemory, unit: 'MHz' },
  encoder_utilization: { metric: METRIC.gpuEncoderUtilization, unit: '1' },
  decoder_utilization: { metric: METRIC.gpuDecoderUtilization, unit: '1' },
  cue: { metric: METRIC.gpuCue, unit: '1' },
} as const satisfies Readonly<Record<string, { metric: MetricName; unit: string }>>;

export type GpuSeriesKey = keyof typeof GPU_SERIES;
export const GPU_SERIES_KEYS = Object.keys(GPU_SERIES) as GpuSeriesKey[];

export const GPU_STATS = ['avg', 'min', 'max', 'last'] as const;
export type GpuStat = (typeof GPU_STATS)[number];

/** Most points one series may have; coarser steps are chosen beyond it. */
export const MAX_SERIES_POINTS = 1500;

/**
 * `GET /gpu/metrics` — series of one GPU metric for one orchestrator's GPUs,
 * downsampled on the server: raw points only within the last hour, minute
 * rollups up to their retention, hourly rollups beyond.
 */
export const GpuMetricsQuerySchema = Type.Object(
  {
    orchestrator: AddressSchema,
    /** One GPU (UUID); default: every GPU of the orchestrator. */
    gpu: Type.Optional(GpuIdSchema),
    metric: Type.Enum(GPU_SERIES_KEYS),
    /** Default: `window` (1h) before `to`. */
    from: Type.Optional(TimeParamSchema),
    /** Default: now. */
    to: Type.Optional(TimeParamSchema),
    window: Type.Optional(WindowNameSchema),
    /**
     * Requested step: `10s`, `1m`, `5m`, `1h`, `1d` or seconds; rounded up to
     * what the resolution allows and to at most 1500 points.
     */
    step: Type.Optional(Type.String({ minLength: 1, maxLength: 16, pattern: '^[0-9]+[smhd]?$' })),
    /** How samples within a step combine (default avg). */
    stat: Type.Optional(Type.Enum(GPU_STATS)),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type GpuMetricsQuery = Static<typeof GpuMetricsQuerySchema>;

export const GpuSeriesSchema = Type.Object({
  gpuId: Type.String(),
  gpuModel: Nullable(Type.String()),
  /** [t_ms, value]; one point per step that has samples (gaps are missing steps). */
  points: Type.Array(PointSchema),
});
export type GpuSeries = Static<typeof GpuSeriesSchema>;

export const GpuMetricsSchema = Type.Object({
  orchestrator: AddressSchema,
  metric: Type.Enum(GPU_SERIES_KEYS),
  /** The contract metric name the series come from. */
  metricName: Type.String(),
  unit: Type.String({ description: 'UCUM unit of every value' }),
  source: Type.Literal('agent'),
  stat: Type.Enum(GPU_STATS),
  fromMs: TimeMs,
  toMs: TimeMs,
  stepMs: Type.Integer({ minimum: 1 }),
  resolution: Type.Enum(['raw', 'minute', 'hour'] as const),
  series: Type.Array(GpuSeriesSchema),
});
export type GpuMetrics = Static<typeof GpuMetricsSchema>;
