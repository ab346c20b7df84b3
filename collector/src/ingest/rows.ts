import type { Identity } from '../auth/tokens.js';
import type {
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  LogsRequest,
  Metric,
  MetricsRequest,
  NumberDataPoint,
  SummaryDataPoint,
  Temporality,
} from '../otlp/model.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../storage/schema/raw-tables.js';
import { stringifyValue, toStringMap } from './attributes.js';
import { pointAllowed, stampedResource } from './identity.js';

export type Row = Record<string, unknown>;

/** Rows per table, and what was refused (for OTLP partial success). */
export interface MappedBatch {
  readonly tables: Map<string, Row[]>;
  readonly accepted: number;
  readonly rejected: number;
  readonly reasons: readonly string[];
}

const TEMPORALITY: Readonly<Record<Temporality, number>> = {
  unspecified: 0,
  delta: 1,
  cumulative: 2,
};
/**
 * Nanosecond timestamps as 19-digit strings: ClickHouse parses those exactly
 * into DateTime64(9) (shorter digit strings are read as other formats).
 */
const nanos = (t: bigint): string => t.toString().padStart(19, '0');
/** DateTime64(9) ends in 2262. */
const MAX_NANOS = 9_223_372_036_854_775_807n;

class Collector {
  readonly tables = new Map<string, Row[]>();
  accepted = 0;
  rejected = 0;
  readonly reasons = new Set<string>();

  push(table: string, row: Row): void {
    let rows = this.tables.get(table);
    if (rows === undefined) this.tables.set(table, (rows = []));
    rows.push(row);
    this.accepted++;
  }

  reject(n: number, reason: string): void {
    this.rejected += n;
    if (this.reasons.size < 5) this.reasons.add(reason);
  }

  result(): MappedBatch {
    return {
      tables: this.tables,
      accepted: this.accepted,
      rejected: this.rejected,
      reasons: [...this.reasons],
    };
  }
}

type Base = Row;

function pointBase(
  base: Base,
  attributes: Record<string, string>,
  p: NumberDataPoint | HistogramDataPoint | ExponentialHistogramDataPoint | SummaryDataPoint,
): Row {
  return {
    ...base,
    Attributes: attributes,
    StartTimeUnix: nanos(p.startTimeUnixNano),
    TimeUnix: nanos(p.timeUnixNano),
    Flags: p.flags,
  };
}

const finite = (...xs: (number | null)[]): boolean =>
  xs.every((x) => x === null || Number.isFinite(x));

function mapMetric(c: Collector, base: Base, m: Metric, identity: Identity): void {
  const b = { ...base, MetricName: m.name, MetricDescription: m.description, MetricUnit: m.unit };
  if (m.kind === 'empty') {
    c.reject(1, `metric ${m.name.slice(0, 100)} has no data`);
    return;
  }
  for (const p of m.points) {
    const attrs = toStringMap(p.attributes);
    if (!pointAllowed(attrs, identity)) {
      c.reject(1, 'a point names another orchestrator than the token is bound to');
      continue;
    }
    if (p.timeUnixNano === 0n || p.timeUnixNano > MAX_NANOS || p.startTimeUnixNano > MAX_NANOS) {
      c.reject(1, 'a point has no valid time_unix_nano');
      continue;
    }
    const row = pointBase(b, attrs, p);
    switch (m.kind) {
      case 'gauge':
      case 'sum': {
        const v = (p as NumberDataPoint).value;
        if (!finite(v)) {
          c.reject(1, 'a point has a non-finite value');
          continue;
        }
        const sum =
          m.kind === 'sum'
            ? { AggregationTemporality: TEMPORALITY[m.temporality], IsMonotonic: m.monotonic }
            : {};
        c.push(m.kind === 'gauge' ? RAW_METRIC_TABLES.gauge : RAW_METRIC_TABLES.sum, {
          ...row,
          Value: v,
          ...sum,
        });
        break;
      }
      case 'histogram': {
        const h = p as HistogramDataPoint;
        if (!finite(h.sum, h.min, h.max, ...h.explicitBounds)) {
          c.reject(1, 'a histogram point has non-finite values');
          continue;
        }
        c.push(RAW_METRIC_TABLES.histogram, {
          ...row,
          Count: h.count,
          Sum: h.sum ?? 0,
          BucketCounts: h.bucketCounts,
          ExplicitBounds: h.explicitBounds,
          Min: h.min ?? 0,
          Max: h.max ?? 0,
          AggregationTemporality: TEMPORALITY[m.temporality],
        });
        break;
      }
      case 'exponential_histogram': {
        const e = p as ExponentialHistogramDataPoint;
        if (!finite(e.sum, e.min, e.max)) {
          c.reject(1, 'an exponential histogram point has non-finite values');
          continue;
        }
        c.push(RAW_METRIC_TABLES.exponential_histogram, {
          ...row,
          Count: e.count,
          Sum: e.sum ?? 0,
          Scale: e.scale,
          ZeroCount: e.zeroCount,
          PositiveOffset: e.positive.offset,
          PositiveBucketCounts: e.positive.bucketCounts,
          NegativeOffset: e.negative.offset,
          NegativeBucketCounts: e.negative.bucketCounts,
          Min: e.min ?? 0,
          Max: e.max ?? 0,
          AggregationTemporality: TEMPORALITY[m.temporality],
        });
        break;
      }
      case 'summary': {
        const s = p as SummaryDataPoint;
        if (!finite(s.sum, ...s.quantiles.map((q) => q.value))) {
          c.reject(1, 'a summary point has non-finite values');
          continue;
        }
        c.push(RAW_METRIC_TABLES.summary, {
          ...row,
          Count: s.count,
          Sum: s.sum,
          'ValueAtQuantiles.Quantile': s.quantiles.map((q) => q.quantile),
          'ValueAtQuantiles.Value': s.quantiles.map((q) => q.value),
        });
        break;
      }
    }
  }
}

function resourceBase(resource: Record<string, string>, schemaUrl: string) {
  return {
    ResourceAttributes: resource,
    ResourceSchemaUrl: schemaUrl,
    ServiceName: resource['service.name'] ?? '',
  };
}

/** Maps a decoded metrics request to raw-table rows, stamping the identity. */
export function mapMetrics(request: MetricsRequest, identity: Identity): MappedBatch {
  const c = new Collector();
  for (const rm of request.resourceMetrics) {
    const stamped = stampedResource(toStringMap(rm.resource.attributes), identity);
    const points = rm.scopeMetrics.reduce(
      (n, sm) => n + sm.metrics.reduce((k, m) => k + Math.max(1, m.points.length), 0),
      0,
    );
    if (!stamped.ok) {
      c.reject(points, stamped.reason);
      continue;
    }
    for (const sm of rm.scopeMetrics) {
      const base = {
        ...resourceBase(stamped.attributes, rm.schemaUrl),
        ScopeName: sm.scope.name,
        ScopeVersion: sm.scope.version,
        ScopeAttributes: toStringMap(sm.scope.attributes),
        ScopeDroppedAttrCount: sm.scope.droppedAttributesCount,
        ScopeSchemaUrl: sm.schemaUrl,
      };
      for (const m of sm.metrics) mapMetric(c, base, m, identity);
    }
  }
  return c.result();
}

/** Maps a decoded logs request to `otel_logs` rows, stamping the identity. */
export function mapLogs(request: LogsRequest, identity: Identity): MappedBatch {
  const c = new Collector();
  for (const rl of request.resourceLogs) {
    const stamped = stampedResource(toStringMap(rl.resource.attributes), identity);
    const records = rl.scopeLogs.reduce((n, sl) => n + sl.logRecords.length, 0);
    if (!stamped.ok) {
      c.reject(records, stamped.reason);
      continue;
    }
    for (const sl of rl.scopeLogs) {
      for (const r of sl.logRecords) {
        const attrs = toStringMap(r.attributes);
        if (!pointAllowed(attrs, identity)) {
          c.reject(1, 'a record names another orchestrator than the token is bound to');
          continue;
        }
        const time = r.timeUnixNano !== 0n ? r.timeUnixNano : r.observedTimeUnixNano;
        if (time === 0n || time > MAX_NANOS) {
          c.reject(1, 'a record has neither time_unix_nano nor observed_time_unix_nano');
          continue;
        }
        c.push(RAW_LOGS_TABLE, {
          Timestamp: nanos(time),
          TraceId: r.traceId,
          SpanId: r.spanId,
          TraceFlags: r.flags & 0xff,
          SeverityText: r.severityText,
          SeverityNumber: Math.max(0, Math.min(255, r.severityNumber)),
          ServiceName: stamped.attributes['service.name'] ?? '',
          Body: stringifyValue(r.body),
          ResourceSchemaUrl: rl.schemaUrl,
          ResourceAttributes: stamped.attributes,
          ScopeSchemaUrl: sl.schemaUrl,
          ScopeName: sl.scope.name,
          ScopeVersion: sl.scope.version,
          ScopeAttributes: toStringMap(sl.scope.attributes),
          LogAttributes: attrs,
          EventName: r.eventName !== '' ? r.eventName : (attrs['event.name'] ?? ''),
        });
      }
    }
  }
  return c.result();
}
