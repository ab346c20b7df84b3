/**
 * ExportMetricsServiceRequest in OTLP/JSON (lowerCamelCase field names; the
 * proto snake_case names are accepted too).
 */
import { TEMPORALITY_NAMES, temporalityOf } from './enums.js';
import { guardDecode } from './guard.js';
import { jsonResource, jsonScope } from './json-common.js';
import { parseJsonBounded } from './json-guard.js';
import {
  jsonExponentialPoint,
  jsonHistogramPoint,
  jsonNumberPoint,
  jsonSummaryPoint,
} from './json-points.js';
import { JsonMessage } from './json-reader.js';
import { EMPTY_METRIC_DATA } from './metric-data.js';
import type { MetricData } from './metric-data.js';
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

const DATA_FIELDS = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] as const;

/**
 * Decodes an OTLP/JSON `ExportMetricsServiceRequest` (already un-gzipped).
 * Unknown fields are ignored; malformed input, a non-object top level, wrong
 * types or anything over `limits` throws DecodeError.
 */
export function decodeMetricsJson(
  text: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): MetricsRequest {
  return guardDecode(() => {
    const root = JsonMessage.of(parseJsonBounded(text, limits), Path.root, limits);
    return { resourceMetrics: root.messages('resourceMetrics', jsonResourceMetrics) };
  });
}

function jsonResourceMetrics(m: JsonMessage): ResourceMetrics {
  return {
    resource: jsonResource(m.message('resource')),
    schemaUrl: m.string('schemaUrl'),
    scopeMetrics: m.messages('scopeMetrics', jsonScopeMetrics),
  };
}

function jsonScopeMetrics(m: JsonMessage): ScopeMetrics {
  return {
    scope: jsonScope(m.message('scope')),
    schemaUrl: m.string('schemaUrl'),
    metrics: m.messages('metrics', jsonMetric),
  };
}

/** Metric: name, description, unit and one of the `data` members (none: kind 'empty'). */
function jsonMetric(m: JsonMessage): Metric {
  const head = {
    name: m.string('name'),
    description: m.string('description'),
    unit: m.string('unit'),
  };
  const field = m.oneof(DATA_FIELDS);
  const body = field === undefined ? null : m.message(field);
  return {
    ...head,
    ...(field === undefined || body === null ? EMPTY_METRIC_DATA : jsonData(field, body)),
  };
}

function jsonData(field: (typeof DATA_FIELDS)[number], m: JsonMessage): MetricData {
  switch (field) {
    case 'gauge':
      return { kind: 'gauge', points: m.messages('dataPoints', jsonNumberPoint) };
    case 'sum':
      return {
        kind: 'sum',
        temporality: temporality(m),
        monotonic: m.bool('isMonotonic'),
        points: m.messages('dataPoints', jsonNumberPoint),
      };
    case 'histogram':
      return {
        kind: 'histogram',
        temporality: temporality(m),
        points: m.messages('dataPoints', jsonHistogramPoint),
      };
    case 'exponentialHistogram':
      return {
        kind: 'exponential_histogram',
        temporality: temporality(m),
        points: m.messages('dataPoints', jsonExponentialPoint),
      };
    case 'summary':
      return { kind: 'summary', points: m.messages('dataPoints', jsonSummaryPoint) };
  }
}

/** `aggregationTemporality` as a number or an AGGREGATION_TEMPORALITY_* name. */
function temporality(m: JsonMessage): Temporality {
  return temporalityOf(m.enumValue('aggregationTemporality', TEMPORALITY_NAMES));
}
