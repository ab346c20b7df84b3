/**
 * Minimal builders for OTLP/JSON export requests (the proto3 JSON mapping the
 * collector accepts): what a producer with its own clock would have sent.
 * Hand-written because the OpenTelemetry SDK stamps points with the wall
 * clock, and history needs the simulated past.
 */

export type AttrValue = string | number | boolean;
export type Attrs = Readonly<Record<string, AttrValue>>;

interface KeyValue {
  readonly key: string;
  readonly value:
    | { readonly stringValue: string }
    | { readonly intValue: string }
    | { readonly doubleValue: number }
    | { readonly boolValue: boolean };
}

export function keyValues(attrs: Attrs): KeyValue[] {
  return Object.entries(attrs).map(([key, v]) => ({
    key,
    value:
      typeof v === 'string'
        ? { stringValue: v }
        : typeof v === 'boolean'
          ? { boolValue: v }
          : Number.isInteger(v)
            ? { intValue: String(v) }
            : { doubleValue: v },
  }));
}

/** Milliseconds since the epoch as the decimal nanosecond string OTLP/JSON uses. */
export const nanos = (ms: number): string => `${Math.round(ms)}000000`;

export interface NumberPoint {
  readonly attrs: Attrs;
  readonly atMs: number;
  readonly value: number;
  /** Sums only: start of the delta window. */
  readonly startMs?: number;
}

export interface HistogramPoint {
  readonly attrs: Attrs;
  readonly startMs: number;
  readonly atMs: number;
  readonly values: readonly number[];
}

export type MetricSpec =
  | {
      readonly kind: 'gauge';
      readonly name: string;
      readonly unit: string;
      readonly points: NumberPoint[];
    }
  | {
      readonly kind: 'sum';
      readonly name: string;
      readonly unit: string;
      readonly points: NumberPoint[];
    }
  | {
      readonly kind: 'histogram';
      readonly name: string;
      readonly unit: string;
      readonly boundaries: readonly number[];
      readonly points: HistogramPoint[];
    };

const numberPoint = (p: NumberPoint): Record<string, unknown> => ({
  attributes: keyValues(p.attrs),
  ...(p.startMs !== undefined ? { startTimeUnixNano: nanos(p.startMs) } : {}),
  timeUnixNano: nanos(p.atMs),
  ...(Number.isInteger(p.value) ? { asInt: String(p.value) } : { asDouble: p.value }),
});

function histogramPoint(p: HistogramPoint, boundaries: readonly number[]): Record<string, unknown> {
  const counts = new Array<number>(boundaries.length + 1).fill(0);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of p.values) {
    let i = 0;
    while (i < boundaries.length && v > (boundaries[i] ?? Infinity)) i++;
    counts[i] = (counts[i] ?? 0) + 1;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return {
    attributes: keyValues(p.attrs),
    startTimeUnixNano: nanos(p.startMs),
    timeUnixNano: nanos(p.atMs),
    count: String(p.values.length),
    sum,
    ...(p.values.length > 0 ? { min, max } : {}),
    bucketCounts: counts.map(String),
    explicitBounds: boundaries,
  };
}

const DELTA = 1;

function metricJson(m: MetricSpec): Record<string, unknown> {
  const head = { name: m.name, unit: m.unit };
  switch (m.kind) {
    case 'gauge':
      return { ...head, gauge: { dataPoints: m.points.map(numberPoint) } };
    case 'sum':
      return {
        ...head,
        sum: {
          aggregationTemporality: DELTA,
          isMonotonic: true,
          dataPoints: m.points.map(numberPoint),
        },
      };
    case 'histogram':
      return {
        ...head,
        histogram: {
          aggregationTemporality: DELTA,
          dataPoints: m.points.map((p) => histogramPoint(p, m.boundaries)),
        },
      };
  }
}

/** An ExportMetricsServiceRequest for one resource; empty metrics are left out. */
export function metricsRequest(
  resource: Attrs,
  scope: string,
  metrics: readonly MetricSpec[],
): string {
  const present = metrics.filter((m) => m.points.length > 0);
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: keyValues(resource) },
        scopeMetrics: [{ scope: { name: scope }, metrics: present.map(metricJson) }],
      },
    ],
  });
}

export interface LogSpec {
  readonly atMs: number;
  readonly eventName: string;
  readonly body: string;
  readonly attrs: Attrs;
}

/** An ExportLogsServiceRequest for one resource. */
export function logsRequest(resource: Attrs, scope: string, logs: readonly LogSpec[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: keyValues(resource) },
        scopeLogs: [
          {
            scope: { name: scope },
            logRecords: logs.map((l) => ({
              timeUnixNano: nanos(l.atMs),
              observedTimeUnixNano: nanos(l.atMs),
              severityNumber: 9,
              severityText: 'INFO',
              eventName: l.eventName,
              body: { stringValue: l.body },
              attributes: keyValues(l.attrs),
            })),
          },
        ],
      },
    ],
  });
}
