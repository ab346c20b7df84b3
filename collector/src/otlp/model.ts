/**
 * The collector's decoded form of OTLP requests: what the protobuf and JSON
 * decoders produce and the storage mapper consumes. Field names follow the
 * OTLP protobuf messages; enums are decoded to names; 64-bit integers that can
 * exceed 2^53 (timestamps) are bigint, counts are numbers (exact up to 2^53).
 */

/** An OTLP AnyValue: bytes become base64 strings, kvlists plain objects. */
export type AnyValue =
  string | number | boolean | null | readonly AnyValue[] | { readonly [key: string]: AnyValue };

export type Attributes = Readonly<Record<string, AnyValue>>;

export interface Resource {
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
}

export interface InstrumentationScope {
  readonly name: string;
  readonly version: string;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
}

export type Temporality = 'unspecified' | 'delta' | 'cumulative';

interface PointBase {
  readonly attributes: Attributes;
  readonly startTimeUnixNano: bigint;
  readonly timeUnixNano: bigint;
  readonly flags: number;
  /** Exemplars are not stored; how many this point carried. */
  readonly exemplarCount: number;
}

export interface NumberDataPoint extends PointBase {
  readonly value: number;
  readonly valueType: 'double' | 'int';
}

export interface HistogramDataPoint extends PointBase {
  readonly count: number;
  readonly sum: number | null;
  readonly bucketCounts: readonly number[];
  readonly explicitBounds: readonly number[];
  readonly min: number | null;
  readonly max: number | null;
}

export interface Buckets {
  readonly offset: number;
  readonly bucketCounts: readonly number[];
}

export interface ExponentialHistogramDataPoint extends PointBase {
  readonly count: number;
  readonly sum: number | null;
  readonly scale: number;
  readonly zeroCount: number;
  readonly positive: Buckets;
  readonly negative: Buckets;
  readonly min: number | null;
  readonly max: number | null;
  readonly zeroThreshold: number;
}

export interface SummaryDataPoint extends PointBase {
  readonly count: number;
  readonly sum: number;
  readonly quantiles: readonly { readonly quantile: number; readonly value: number }[];
}

interface MetricBase {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
}

export type Metric =
  | (MetricBase & { readonly kind: 'gauge'; readonly points: readonly NumberDataPoint[] })
  | (MetricBase & {
      readonly kind: 'sum';
      readonly temporality: Temporality;
      readonly monotonic: boolean;
      readonly points: readonly NumberDataPoint[];
    })
  | (MetricBase & {
      readonly kind: 'histogram';
      readonly temporality: Temporality;
      readonly points: readonly HistogramDataPoint[];
    })
  | (MetricBase & {
      readonly kind: 'exponential_histogram';
      readonly temporality: Temporality;
      readonly points: readonly ExponentialHistogramDataPoint[];
    })
  | (MetricBase & { readonly kind: 'summary'; readonly points: readonly SummaryDataPoint[] })
  /** A metric with no data field set: kept so it can be counted as rejected. */
  | (MetricBase & { readonly kind: 'empty'; readonly points: readonly [] });

export interface ScopeMetrics {
  readonly scope: InstrumentationScope;
  readonly schemaUrl: string;
  readonly metrics: readonly Metric[];
}

export interface ResourceMetrics {
  readonly resource: Resource;
  readonly schemaUrl: string;
  readonly scopeMetrics: readonly ScopeMetrics[];
}

export interface MetricsRequest {
  readonly resourceMetrics: readonly ResourceMetrics[];
}

export interface LogRecord {
  readonly timeUnixNano: bigint;
  readonly observedTimeUnixNano: bigint;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AnyValue;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  readonly flags: number;
  /** Lower-case hex; empty when absent. */
  readonly traceId: string;
  readonly spanId: string;
  /** OTLP ≥ 1.5 `event_name`; empty when absent. */
  readonly eventName: string;
}

export interface ScopeLogs {
  readonly scope: InstrumentationScope;
  readonly schemaUrl: string;
  readonly logRecords: readonly LogRecord[];
}

export interface ResourceLogs {
  readonly resource: Resource;
  readonly schemaUrl: string;
  readonly scopeLogs: readonly ScopeLogs[];
}

export interface LogsRequest {
  readonly resourceLogs: readonly ResourceLogs[];
}

/** Limits the decoders enforce against hostile input. */
export interface DecodeLimits {
  /** Deepest nesting of AnyValue arrays/kvlists (and JSON objects). */
  readonly maxDepth: number;
  /** Most attributes on one resource, scope, point or record. */
  readonly maxAttributes: number;
  /** Longest string value (attribute values, bodies), in UTF-16 units. */
  readonly maxStringLength: number;
  /** Most histogram buckets in one point. */
  readonly maxBuckets: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxDepth: 16,
  maxAttributes: 128,
  maxStringLength: 64 * 1024,
  maxBuckets: 4096,
});

/** A malformed body: `path` says where (e.g. `resourceMetrics[0].scopeMetrics[1].metrics[3]`). */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(path === '' ? message : `${path}: ${message}`);
    this.name = 'DecodeError';
  }
}

/** Number of data points in a request (for partial success accounting). */
export function countDataPoints(request: MetricsRequest): number {
  let n = 0;
  for (const rm of request.resourceMetrics) {
    for (const sm of rm.scopeMetrics) for (const m of sm.metrics) n += m.points.length;
  }
  return n;
}

export function countLogRecords(request: LogsRequest): number {
  let n = 0;
  for (const rl of request.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}
