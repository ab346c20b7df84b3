/**
 * metrics.proto data points in OTLP/JSON: NumberDataPoint, HistogramDataPoint,
 * ExponentialHistogramDataPoint (+ Buckets), SummaryDataPoint (+ ValueAtQuantile).
 * Exemplars are counted, not kept.
 */
import { jsonAttributes } from './json-common.js';
import type { JsonMessage } from './json-reader.js';
import { DecodeError } from './model.js';
import type {
  Buckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
  SummaryDataPoint,
} from './model.js';
import { jsonDouble, jsonInteger, UINT64 } from './json-scalars.js';

/** attributes, startTimeUnixNano, timeUnixNano, flags, exemplars (counted). */
function common(m: JsonMessage) {
  return {
    attributes: jsonAttributes(m, 'attributes'),
    startTimeUnixNano: m.fixed64('startTimeUnixNano'),
    timeUnixNano: m.fixed64('timeUnixNano'),
    flags: m.uint32('flags'),
    exemplarCount: m.list('exemplars').length,
  };
}

/** NumberDataPoint: `asDouble` or `asInt` (oneof); neither reads as the double 0. */
export function jsonNumberPoint(m: JsonMessage): NumberDataPoint {
  const field = m.oneof(['asDouble', 'asInt']);
  if (field === 'asInt') return { ...common(m), value: m.int64(field), valueType: 'int' };
  return { ...common(m), value: m.double('asDouble'), valueType: 'double' };
}

/** HistogramDataPoint: count, sum?, bucketCounts[], explicitBounds[], min?, max?. */
export function jsonHistogramPoint(m: JsonMessage): HistogramDataPoint {
  return {
    ...common(m),
    count: m.uint64('count'),
    sum: m.optionalDouble('sum'),
    bucketCounts: counts(m, 'bucketCounts'),
    explicitBounds: bounded(m, 'explicitBounds').map((v, i) =>
      jsonDouble(v, m.at('explicitBounds').index(i)),
    ),
    min: m.optionalDouble('min'),
    max: m.optionalDouble('max'),
  };
}

/** ExponentialHistogramDataPoint: count, sum?, scale, zeroCount, positive, negative, min?, max?, zeroThreshold. */
export function jsonExponentialPoint(m: JsonMessage): ExponentialHistogramDataPoint {
  return {
    ...common(m),
    count: m.uint64('count'),
    sum: m.optionalDouble('sum'),
    scale: m.int32('scale'),
    zeroCount: m.uint64('zeroCount'),
    positive: jsonBuckets(m.message('positive')),
    negative: jsonBuckets(m.message('negative')),
    min: m.optionalDouble('min'),
    max: m.optionalDouble('max'),
    zeroThreshold: m.double('zeroThreshold'),
  };
}

/** SummaryDataPoint: count, sum, quantileValues[{ quantile, value }] (no exemplars). */
export function jsonSummaryPoint(m: JsonMessage): SummaryDataPoint {
  bounded(m, 'quantileValues');
  return {
    ...common(m),
    count: m.uint64('count'),
    sum: m.double('sum'),
    quantiles: m.messages('quantileValues', (q) => ({
      quantile: q.double('quantile'),
      value: q.double('value'),
    })),
  };
}

/** Buckets: `offset` (sint32), `bucketCounts` (uint64[]). */
function jsonBuckets(m: JsonMessage | null): Buckets {
  if (m === null) return { offset: 0, bucketCounts: [] };
  return { offset: m.int32('offset'), bucketCounts: counts(m, 'bucketCounts') };
}

function counts(m: JsonMessage, name: string): number[] {
  const path = m.at(name);
  return bounded(m, name).map((v, i) => jsonInteger(v, path.index(i), UINT64));
}

/** A repeated field no longer than maxBuckets. */
function bounded(m: JsonMessage, name: string): readonly unknown[] {
  const list = m.list(name);
  if (list.length > m.limits.maxBuckets) {
    throw new DecodeError(
      `more than ${m.limits.maxBuckets} values (limit maxBuckets)`,
      m.at(name).toString(),
    );
  }
  return list;
}
