/**
 * OTLP/JSON request bodies for the API's integration tests: what an agent
 * or a test-load gateway sends, built point by point with known values.
 */
type Value = string | number | boolean;
export type Attrs = Readonly<Record<string, Value>>;

const nanos = (ms: number): string => (BigInt(Math.round(ms)) * 1_000_000n).toString();

function attributes(a: Attrs): unknown[] {
  return Object.entries(a).map(([key, v]) => ({
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

export interface Point {
  readonly t: number;
  readonly v: number;
  readonly attrs?: Attrs;
  /** Start of a delta interval; default t − 1 s. */
  readonly start?: number;
}

export interface HistogramPoint {
  readonly t: number;
  readonly bounds: readonly number[];
  readonly counts: readonly number[];
  readonly sum: number;
  readonly min?: number;
  readonly max?: number;
  readonly attrs?: Attrs;
}

export type Metric =
  | { readonly kind: 'gauge'; readonly name: string; readonly points: readonly Point[] }
  | { readonly kind: 'sum'; readonly name: string; readonly points: readonly Point[] }
  | {
      readonly kind: 'histogram';
      readonly name: string;
      readonly points: readonly HistogramPoint[];
    };

function metricJson(m: Metric): unknown {
  if (m.kind === 'gauge')
    return {
      name: m.name,
      gauge: {
        dataPoints: m.points.map((p) => ({
          timeUnixNano: nanos(p.t),
          asDouble: p.v,
          attributes: attributes(p.attrs ?? {}),
        })),
      },
    };
  if (m.kind === 'sum')
    return {
      name: m.name,
      sum: {
        aggregationTemporality: 1,
        isMonotonic: true,
        dataPoints: m.points.map((p) => ({
          startTimeUnixNano: nanos(p.start ?? p.t - 1000),
          timeUnixNano: nanos(p.t),
          asDouble: p.v,
          attributes: attributes(p.attrs ?? {}),
        })),
      },
    };
  return {
    name: m.name,
    histogram: {
      aggregationTemporality: 1,
      dataPoints: m.points.map((p) => ({
        startTimeUnixNano: nanos(p.t - 1000),
        timeUnixNano: nanos(p.t),
        count: String(p.counts.reduce((a, b) => a + b, 0)),
        sum: p.sum,
        bucketCounts: p.counts.map(String),
        explicitBounds: p.bounds,
        ...(p.min === undefined ? {} : { min: p.min }),
        ...(p.max === undefined ? {} : { max: p.max }),
        attributes: attributes(p.attrs ?? {}),
      })),
    },
  };
}

export function metricsBody(resource: Attrs, metrics: readonly Metric[]): string {
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: attributes(resource) },
        scopeMetrics: [{ scope: { name: 'test' }, metrics: metrics.map(metricJson) }],
      },
    ],
  });
}

export function logsBody(
  resource: Attrs,
  records: readonly { t: number; event: string; attrs: Attrs }[],
): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: attributes(resource) },
        scopeLogs: [
          {
            scope: { name: 'test' },
            logRecords: records.map((r) => ({
              timeUnixNano: nanos(r.t),
              eventName: r.event,
              attributes: attributes(r.attrs),
            })),
          },
        ],
      },
    ],
  });
}

export async function post(
  url: string,
  token: string,
  path: '/v1/metrics' | '/v1/logs',
  body: string,
) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as {
    partialSuccess?: { rejectedDataPoints?: string; rejectedLogRecords?: string };
  };
  const rejected = Number(
    answer.partialSuccess?.rejectedDataPoints ?? answer.partialSuccess?.rejectedLogRecords ?? 0,
  );
  if (rejected > 0) throw new Error(`${path}: ${rejected} refused: ${JSON.stringify(answer)}`);
}
