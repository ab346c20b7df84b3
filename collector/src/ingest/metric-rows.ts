import { ATTR } from '@naap/otel';
import type { Identity } from '../auth/tokens.js';
import type {
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  Metric,
  MetricsRequest,
  NumberDataPoint,
  ResourceMetrics,
  ScopeMetrics,
  SummaryDataPoint,
  Temporality,
} from '../otlp/model.js';
import { RAW_METRIC_TABLES } from '../storage/schema/raw-tables.js';
import { attributeText, attributesField, toStringMap } from './attributes.js';
import { pointAllowed, stampedResource } from './identity.js';
import { BatchBuilder, MAX_NANOS, type MappedBatch } from './batch.js';
import { nanos, tsvMap, tsvNumbers, tsvText } from './tsv.js';

const TEMPORALITY: Readonly<Record<Temporality, number>> = {
  unspecified: 0,
  delta: 1,
  cumulative: 2,
};

type Point = Metric['points'][number];

/** Nanosecond texts of the last start and end times seen: points of one sample share them. */
class TimeTexts {
  private startKey = -1n;
  private startText = '';
  private timeKey = -1n;
  private timeText = '';

  of(p: Point): string {
    if (p.startTimeUnixNano !== this.startKey) {
      this.startKey = p.startTimeUnixNano;
      this.startText = nanos(p.startTimeUnixNano);
    }
    if (p.timeUnixNano !== this.timeKey) {
      this.timeKey = p.timeUnixNano;
      this.timeText = nanos(p.timeUnixNano);
    }
    return `${this.startText}\t${this.timeText}`;
  }
}

const finite = (...xs: (number | null)[]): boolean =>
  xs.every((x) => x === null || Number.isFinite(x));

/**
 * The fields after `Flags` (columns.ts) for a point of this metric, or the
 * reason it is refused.
 */
function pointFields(m: Metric, p: Point): { fields: string } | { refused: string } {
  switch (m.kind) {
    case 'gauge':
    case 'sum': {
      const v = (p as NumberDataPoint).value;
      if (!Number.isFinite(v)) return { refused: 'a point has a non-finite value' };
      if (m.kind === 'gauge') return { fields: `${v}` };
      return { fields: `${v}\t${TEMPORALITY[m.temporality]}\t${m.monotonic}` };
    }
    case 'histogram': {
      const h = p as HistogramDataPoint;
      if (!finite(h.sum, h.min, h.max, ...h.explicitBounds)) {
        return { refused: 'a histogram point has non-finite values' };
      }
      const buckets = `${tsvNumbers(h.bucketCounts)}\t${tsvNumbers(h.explicitBounds)}`;
      return {
        fields: `${h.count}\t${h.sum ?? 0}\t${buckets}\t${h.min ?? 0}\t${h.max ?? 0}\t${TEMPORALITY[m.temporality]}`,
      };
    }
    case 'exponential_histogram': {
      const e = p as ExponentialHistogramDataPoint;
      if (!finite(e.sum, e.min, e.max)) {
        return { refused: 'an exponential histogram point has non-finite values' };
      }
      const pos = `${e.positive.offset}\t${tsvNumbers(e.positive.bucketCounts)}`;
      const neg = `${e.negative.offset}\t${tsvNumbers(e.negative.bucketCounts)}`;
      return {
        fields: `${e.count}\t${e.sum ?? 0}\t${e.scale}\t${e.zeroCount}\t${pos}\t${neg}\t${e.min ?? 0}\t${e.max ?? 0}\t${TEMPORALITY[m.temporality]}`,
      };
    }
    case 'summary': {
      const s = p as SummaryDataPoint;
      if (!finite(s.sum, ...s.quantiles.map((q) => q.value))) {
        return { refused: 'a summary point has non-finite values' };
      }
      const levels = tsvNumbers(s.quantiles.map((q) => q.quantile));
      return {
        fields: `${s.count}\t${s.sum}\t${levels}\t${tsvNumbers(s.quantiles.map((q) => q.value))}`,
      };
    }
    case 'empty':
      return { refused: `metric ${m.name.slice(0, 100)} has no data` };
  }
}

/** `head`: the fields up to `MetricUnit`, each followed by a tab. */
function mapMetric(
  out: BatchBuilder,
  times: TimeTexts,
  head: string,
  m: Metric,
  identity: Identity,
): void {
  if (m.kind === 'empty') {
    out.reject(1, `metric ${m.name.slice(0, 100)} has no data`);
    return;
  }
  const table = RAW_METRIC_TABLES[m.kind];
  for (const p of m.points) {
    if (!pointAllowed(attributeText(p.attributes, ATTR.orchestratorAddress), identity)) {
      out.reject(1, 'a point names another orchestrator than the token is bound to');
      continue;
    }
    if (p.timeUnixNano === 0n || p.timeUnixNano > MAX_NANOS || p.startTimeUnixNano > MAX_NANOS) {
      out.reject(1, 'a point has no valid time_unix_nano');
      continue;
    }
    const tail = pointFields(m, p);
    if ('refused' in tail) {
      out.reject(1, tail.refused);
      continue;
    }
    const attrs = attributesField(p.attributes);
    out.push(table, `${head}${attrs}\t${times.of(p)}\t${p.flags}\t${tail.fields}\n`);
  }
}

/** Points of a resource, an empty metric counting as one (for partial success). */
function pointsOf(rm: ResourceMetrics): number {
  return rm.scopeMetrics.reduce(
    (n, sm) => n + sm.metrics.reduce((k, m) => k + Math.max(1, m.points.length), 0),
    0,
  );
}

/** The fields from `ScopeName` to `ScopeSchemaUrl`. */
function scopeFields(sm: ScopeMetrics): string {
  const { scope } = sm;
  const attributes = tsvMap(toStringMap(scope.attributes));
  return `${tsvText(scope.name)}\t${tsvText(scope.version)}\t${attributes}\t${scope.droppedAttributesCount}\t${tsvText(sm.schemaUrl)}`;
}

/** Maps a decoded metrics request to raw-table rows, stamping the identity. */
export function mapMetrics(request: MetricsRequest, identity: Identity): MappedBatch {
  const out = new BatchBuilder();
  const times = new TimeTexts();
  for (const rm of request.resourceMetrics) {
    const stamped = stampedResource(toStringMap(rm.resource.attributes), identity);
    if (!stamped.ok) {
      out.reject(pointsOf(rm), stamped.reason);
      continue;
    }
    const service = stamped.attributes[ATTR.serviceName] ?? '';
    const resource = `${tsvMap(stamped.attributes)}\t${tsvText(rm.schemaUrl)}\t${tsvText(service)}`;
    for (const sm of rm.scopeMetrics) {
      const scope = `${resource}\t${scopeFields(sm)}\t`;
      for (const m of sm.metrics) {
        const head = `${scope}${tsvText(m.name)}\t${tsvText(m.description)}\t${tsvText(m.unit)}\t`;
        mapMetric(out, times, head, m, identity);
      }
    }
  }
  return out.result();
}
