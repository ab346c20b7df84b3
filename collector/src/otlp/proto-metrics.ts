/**
 * ExportMetricsServiceRequest (collector/metrics/v1/metrics_service.proto) and
 * metrics.proto down to the data points, from binary protobuf.
 */
import { EMPTY_METRIC_DATA } from './metric-data.js';
import type { MetricData } from './metric-data.js';
import { temporalityOf } from './enums.js';
import { guardDecode } from './guard.js';
import { DEFAULT_DECODE_LIMITS } from './model.js';
import type {
  DecodeLimits,
  Metric,
  MetricsRequest,
  ResourceMetrics,
  ScopeMetrics,
  Temporality,
} from './model.js';
import { Path } from './path.js';
import {
  readExponentialPoint,
  readHistogramPoint,
  readNumberPoint,
  readSummaryPoint,
} from './proto-points.js';
import { EMPTY_RESOURCE, EMPTY_SCOPE, readResource, readScope } from './wire-common.js';
import { WireReader } from './wire-reader.js';

/**
 * Decodes a binary `ExportMetricsServiceRequest` (already un-gzipped). Unknown
 * fields are skipped; anything malformed or over `limits` throws DecodeError.
 */
export function decodeMetricsProtobuf(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): MetricsRequest {
  return guardDecode(() => {
    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    const r = WireReader.of(bytes, Path.root, limits);
    const resourceMetrics: ResourceMetrics[] = [];
    while (r.next()) {
      if (r.field !== 1) r.skip();
      else {
        resourceMetrics.push(
          readResourceMetrics(r.message('resourceMetrics', resourceMetrics.length)),
        );
      }
    }
    return { resourceMetrics };
  });
}

/**
 * ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2;
 * string schema_url = 3; } (the deprecated instrumentation_library_metrics = 1000 is skipped)
 */
function readResourceMetrics(r: WireReader): ResourceMetrics {
  let resource = EMPTY_RESOURCE;
  let schemaUrl = '';
  const scopeMetrics: ScopeMetrics[] = [];
  while (r.next()) {
    if (r.field === 1) resource = readResource(r.message('resource'));
    else if (r.field === 3) schemaUrl = r.string();
    else if (r.field !== 2) r.skip();
    else {
      scopeMetrics.push(readScopeMetrics(r.message('scopeMetrics', scopeMetrics.length)));
    }
  }
  return { resource, schemaUrl, scopeMetrics };
}

/** ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; } */
function readScopeMetrics(r: WireReader): ScopeMetrics {
  let scope = EMPTY_SCOPE;
  let schemaUrl = '';
  const metrics: Metric[] = [];
  while (r.next()) {
    if (r.field === 1) scope = readScope(r.message('scope'));
    else if (r.field === 3) schemaUrl = r.string();
    else if (r.field !== 2) r.skip();
    else metrics.push(readMetric(r.message('metrics', metrics.length)));
  }
  return { scope, schemaUrl, metrics };
}

/**
 * Metric { string name = 1; string description = 2; string unit = 3;
 * oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9;
 * ExponentialHistogram exponential_histogram = 10; Summary summary = 11; }
 * repeated KeyValue metadata = 12; } (metadata skipped; 4, 6, 8 are reserved).
 * The last member of the oneof wins; none at all gives kind 'empty'.
 */
function readMetric(r: WireReader): Metric {
  let name = '';
  let description = '';
  let unit = '';
  let data: MetricData = EMPTY_METRIC_DATA;
  while (r.next()) {
    const f = r.field;
    if (f === 1) name = r.string();
    else if (f === 2) description = r.string();
    else if (f === 3) unit = r.string();
    else data = readData(r) ?? data;
  }
  return { name, description, unit, ...data };
}

/** The `data` oneof member in the current field, or null (after skipping) for other fields. */
function readData(r: WireReader): MetricData | null {
  switch (r.field) {
    case 5:
      return { kind: 'gauge', points: readPoints(r, 'gauge', 1, readNumberPoint).points };
    case 7:
      return readSum(r);
    case 9: {
      const { points, temporality } = readPoints(r, 'histogram', 2, readHistogramPoint);
      return { kind: 'histogram', temporality, points };
    }
    case 10: {
      const d = readPoints(r, 'exponentialHistogram', 2, readExponentialPoint);
      return { kind: 'exponential_histogram', temporality: d.temporality, points: d.points };
    }
    case 11:
      return { kind: 'summary', points: readPoints(r, 'summary', 1, readSummaryPoint).points };
    default:
      r.skip();
      return null;
  }
}

/** Sum { repeated NumberDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; bool is_monotonic = 3; } */
function readSum(r: WireReader): MetricData {
  const d = readPoints(r, 'sum', 3, readNumberPoint);
  return { kind: 'sum', temporality: d.temporality, monotonic: d.monotonic, points: d.points };
}

interface PointsOf<P> {
  points: P[];
  temporality: Temporality;
  monotonic: boolean;
}

/**
 * Gauge, Sum, Histogram, ExponentialHistogram and Summary share a layout:
 * repeated <Point> data_points = 1; AggregationTemporality aggregation_temporality = 2
 * (not in Gauge/Summary); bool is_monotonic = 3 (Sum only). `known` is the last
 * field number the message defines; later ones are skipped as unknown.
 */
function readPoints<P>(
  r: WireReader,
  name: string,
  known: 1 | 2 | 3,
  readPoint: (p: WireReader) => P,
): PointsOf<P> {
  const m = r.message(name);
  const out: PointsOf<P> = { points: [], temporality: 'unspecified', monotonic: false };
  while (m.next()) {
    if (m.field === 1) {
      out.points.push(readPoint(m.message('dataPoints', out.points.length)));
    } else if (m.field === 2 && known >= 2) out.temporality = temporalityOf(m.int32());
    else if (m.field === 3 && known === 3) out.monotonic = m.bool();
    else m.skip();
  }
  return out;
}
