import { Type, type Static } from 'typebox';
import { SOURCE_NAMES } from '../catalog/sources.js';
import { PIPELINE_IDS } from '../enums/pipelines.js';
import { REGION_CODES } from '../enums/regions.js';
import { Count, EthAddress, Nullable } from '../wire/common.js';

/**
 * Building blocks of the public API v1 contract (`/api/v1`). One unit per
 * field: ratios 0–1 (never percent), durations in ms (fields end in `Ms`),
 * sizes in bytes (`Bytes`), power in W (`W`), temperatures in °C (`C`),
 * clocks in MHz (`Mhz`), times as Unix milliseconds UTC (`…Ms` / `t_ms`).
 * Every figure names its source. Browser-safe: TypeBox only.
 */

export const API_VERSION = 'v1';
export const API_BASE_PATH = '/api/v1';

export const SourceSchema = Type.Enum(SOURCE_NAMES, {
  description:
    'where the figure comes from: agent (self-reported by the orchestrator), testload (independent test-load gateway), gateway (a go-livepeer gateway), chain (on-chain)',
});
export const PipelineSchema = Type.Enum(PIPELINE_IDS, { description: 'AI pipeline' });
export const RegionSchema = Type.Enum(REGION_CODES, { description: 'region code' });
export const AddressSchema = Type.String({
  ...EthAddress,
  description: 'orchestrator ETH address, lower-case 0x + 40 hex',
});
export const ModelIdSchema = Type.String({ minLength: 1, maxLength: 256, description: 'model id' });
export const GpuIdSchema = Type.String({
  minLength: 1,
  maxLength: 96,
  description: 'GPU UUID (GPU-… or MIG-…)',
});
export const GpuModelSchema = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'GPU product name, e.g. NVIDIA GeForce RTX 4090',
});

export const TimeMs = Type.Integer({ minimum: 0, description: 'Unix time, milliseconds, UTC' });
export const DurationMs = Type.Number({ minimum: 0, description: 'milliseconds' });
export const RatioValue = Type.Number({ minimum: 0, maximum: 1, description: 'ratio 0–1' });
export { Count, Nullable };

/**
 * A figure and where it comes from. `value` is null when the window had no
 * data for it (then `source` is null too, unless the source is known to be
 * silent). The unit is the field's (see its name and description).
 */
export const FigureSchema = Type.Object({
  value: Nullable(Type.Number()),
  source: Nullable(SourceSchema),
});
export type Figure = Static<typeof FigureSchema>;

/** One point of a time series: [t_ms (bucket start), value or null for a gap]. */
export const PointSchema = Type.Tuple([TimeMs, Nullable(Type.Number())]);
export type Point = Static<typeof PointSchema>;

/** Named windows ending now; the previous window of the same length gives trends. */
export const WINDOWS = {
  '1h': 3_600_000,
  '6h': 21_600_000,
  '24h': 86_400_000,
  '7d': 604_800_000,
  '30d': 2_592_000_000,
} as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];
export const WindowNameSchema = Type.Enum(WINDOW_NAMES, {
  description: 'window ending now (1h, 6h, 24h, 7d, 30d)',
});

/** Longest range any history query may span, ms (90 days). */
export const MAX_RANGE_MS = 90 * 86_400_000;

/** The time range an answer covers: [fromMs, toMs). */
export const WindowSchema = Type.Object({ fromMs: TimeMs, toMs: TimeMs });
export type Window = Static<typeof WindowSchema>;

export const FORMATS = ['json', 'csv'] as const;
export const FormatSchema = Type.Enum(FORMATS, {
  description: 'json (default) or csv (text/csv, one row per item, nested fields dotted)',
});

export const PAGE_LIMITS = { default: 50, max: 500 } as const;
export const LimitSchema = Type.Integer({
  minimum: 1,
  maximum: PAGE_LIMITS.max,
  default: PAGE_LIMITS.default,
  description: `page size, 1–${PAGE_LIMITS.max} (default ${PAGE_LIMITS.default})`,
});
export const CursorSchema = Type.String({
  minLength: 1,
  maxLength: 512,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'opaque cursor from a previous page’s nextCursor',
});

/**
 * A time bound: ISO 8601 (`2026-01-31T12:00:00Z`) or Unix milliseconds.
 * Ranges are [from, to), at most 90 days; `to` defaults to now.
 */
export const TimeParamSchema = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'ISO 8601 date-time or Unix milliseconds',
});

/** Cursor of the next page of a list; null on the last page. */
export const NextCursorSchema = Nullable(
  Type.String({ description: 'pass as cursor for the next page; null on the last page' }),
);

/**
 * A headline figure with its trend: the value over the window, the same
 * figure over the window before it, and a sparkline over the window.
 */
export const KpiSchema = Type.Object({
  value: Nullable(Type.Number()),
  /** Unit of value, previous and the sparkline (UCUM, as in the catalog). */
  unit: Type.String(),
  source: Nullable(SourceSchema),
  /** The same figure over the previous window of the same length. */
  previous: Nullable(Type.Number()),
  /** value − previous; null when either is missing. */
  delta: Nullable(Type.Number()),
  /** Points over the window: per minute up to 6 h, per hour beyond (last one partial). */
  trend: Type.Array(PointSchema),
});
export type Kpi = Static<typeof KpiSchema>;

/** Job counts of a window by outcome (excused: failures that are not the O's fault). */
export const JobCountsSchema = Type.Object({ success: Count, failure: Count, excused: Count });
export type JobCountsOut = Static<typeof JobCountsSchema>;
