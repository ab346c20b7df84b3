/**
 * metrics.proto data points over the wire: NumberDataPoint, HistogramDataPoint,
 * ExponentialHistogramDataPoint (+ Buckets), SummaryDataPoint (+ ValueAtQuantile).
 * Exemplars are counted and skipped.
 */
import { WireType } from '@bufbuild/protobuf/wire';
import { AttributeSink, NO_ATTRIBUTES } from './attributes.js';
import type {
  Buckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
  SummaryDataPoint,
} from './model.js';
import { readAttribute } from './wire-common.js';
import type { WireReader } from './wire-reader.js';
import { readRepeatedDouble, readRepeatedFixed64, readRepeatedUint64 } from './wire-repeated.js';

/** Where each point type keeps its common fields (start = 2 and time = 3 in all). */
interface CommonFields {
  readonly attributes: number;
  readonly flags: number;
  readonly exemplars: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Common = Mutable<
  Pick<
    NumberDataPoint,
    'attributes' | 'startTimeUnixNano' | 'timeUnixNano' | 'flags' | 'exemplarCount'
  >
>;

/** The fields every data point starts with; `attributes` is set when the point is done. */
function common(): Common {
  return {
    attributes: NO_ATTRIBUTES,
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    flags: 0,
    exemplarCount: 0,
  };
}

/** Reads the current field into `p` if it is a common one, else skips it. */
function readCommon(r: WireReader, p: Common, sink: AttributeSink, fields: CommonFields): void {
  const f = r.field;
  if (f === 2) p.startTimeUnixNano = r.fixed64();
  else if (f === 3) p.timeUnixNano = r.fixed64();
  else if (f === fields.attributes) readAttribute(r, sink);
  else if (f === fields.flags) p.flags = r.uint32();
  else if (f === fields.exemplars) {
    r.expect(WireType.LengthDelimited);
    r.skip();
    p.exemplarCount++;
  } else r.skip();
}

function sinkFor(r: WireReader): AttributeSink {
  return new AttributeSink(r.limits, r, 'attributes');
}

/**
 * NumberDataPoint { fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
 * oneof value { double as_double = 4; sfixed64 as_int = 6; }
 * repeated Exemplar exemplars = 5; repeated KeyValue attributes = 7; uint32 flags = 8; }
 * A point with neither value reads as the double 0.
 */
export function readNumberPoint(r: WireReader): NumberDataPoint {
  const sink = sinkFor(r);
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let flags = 0;
  let exemplarCount = 0;
  let value = 0;
  let valueType: NumberDataPoint['valueType'] = 'double';
  // The hot loop of metrics ingest: the common fields read inline (as readCommon does).
  while (r.next()) {
    switch (r.field) {
      case 2:
        startTimeUnixNano = r.fixed64();
        break;
      case 3:
        timeUnixNano = r.fixed64();
        break;
      case 4:
        value = r.double();
        valueType = 'double';
        break;
      case 5:
        r.expect(WireType.LengthDelimited);
        r.skip();
        exemplarCount++;
        break;
      case 6:
        value = r.sfixed64();
        valueType = 'int';
        break;
      case 7:
        readAttribute(r, sink);
        break;
      case 8:
        flags = r.uint32();
        break;
      default:
        r.skip();
    }
  }
  const attributes = sink.build();
  return { attributes, startTimeUnixNano, timeUnixNano, flags, exemplarCount, value, valueType };
}

/**
 * HistogramDataPoint { start = 2; time = 3; fixed64 count = 4; optional double sum = 5;
 * repeated fixed64 bucket_counts = 6; repeated double explicit_bounds = 7;
 * repeated Exemplar exemplars = 8; repeated KeyValue attributes = 9; uint32 flags = 10;
 * optional double min = 11; optional double max = 12; }
 */
export function readHistogramPoint(r: WireReader): HistogramDataPoint {
  const sink = sinkFor(r);
  const limit = r.limits.maxBuckets;
  const p: Mutable<HistogramDataPoint> = {
    ...common(),
    count: 0,
    sum: null,
    bucketCounts: [],
    explicitBounds: [],
    min: null,
    max: null,
  };
  const bucketCounts: number[] = [];
  const explicitBounds: number[] = [];
  while (r.next()) {
    const f = r.field;
    if (f === 4) p.count = r.fixed64Number();
    else if (f === 5) p.sum = r.double();
    else if (f === 6) readRepeatedFixed64(r, bucketCounts, limit);
    else if (f === 7) readRepeatedDouble(r, explicitBounds, limit);
    else if (f === 11) p.min = r.double();
    else if (f === 12) p.max = r.double();
    else readCommon(r, p, sink, HISTOGRAM_FIELDS);
  }
  p.attributes = sink.build();
  p.bucketCounts = bucketCounts;
  p.explicitBounds = explicitBounds;
  return p;
}

const HISTOGRAM_FIELDS: CommonFields = { attributes: 9, flags: 10, exemplars: 8 };

/**
 * ExponentialHistogramDataPoint { repeated KeyValue attributes = 1; start = 2; time = 3;
 * fixed64 count = 4; optional double sum = 5; sint32 scale = 6; fixed64 zero_count = 7;
 * Buckets positive = 8; Buckets negative = 9; uint32 flags = 10;
 * repeated Exemplar exemplars = 11; optional double min = 12; optional double max = 13;
 * double zero_threshold = 14; }
 */
export function readExponentialPoint(r: WireReader): ExponentialHistogramDataPoint {
  const sink = sinkFor(r);
  const p: Mutable<ExponentialHistogramDataPoint> = {
    ...common(),
    count: 0,
    sum: null,
    scale: 0,
    zeroCount: 0,
    positive: NO_BUCKETS,
    negative: NO_BUCKETS,
    min: null,
    max: null,
    zeroThreshold: 0,
  };
  while (r.next()) {
    const f = r.field;
    if (f === 4) p.count = r.fixed64Number();
    else if (f === 5) p.sum = r.double();
    else if (f === 6) p.scale = r.sint32();
    else if (f === 7) p.zeroCount = r.fixed64Number();
    else if (f === 8) p.positive = readBuckets(r.message('positive'));
    else if (f === 9) p.negative = readBuckets(r.message('negative'));
    else if (f === 12) p.min = r.double();
    else if (f === 13) p.max = r.double();
    else if (f === 14) p.zeroThreshold = r.double();
    else readCommon(r, p, sink, EXPONENTIAL_FIELDS);
  }
  p.attributes = sink.build();
  return p;
}

const EXPONENTIAL_FIELDS: CommonFields = { attributes: 1, flags: 10, exemplars: 11 };

const NO_BUCKETS: Buckets = Object.freeze({ offset: 0, bucketCounts: Object.freeze([]) });

/** Buckets { sint32 offset = 1; repeated uint64 bucket_counts = 2; } */
function readBuckets(r: WireReader): Buckets {
  let offset = 0;
  const bucketCounts: number[] = [];
  while (r.next()) {
    if (r.field === 1) offset = r.sint32();
    else if (r.field === 2) readRepeatedUint64(r, bucketCounts, r.limits.maxBuckets);
    else r.skip();
  }
  return { offset, bucketCounts };
}

/**
 * SummaryDataPoint { start = 2; time = 3; fixed64 count = 4; double sum = 5;
 * repeated ValueAtQuantile quantile_values = 6; repeated KeyValue attributes = 7;
 * uint32 flags = 8; } (no exemplars). Quantiles are bounded by maxBuckets.
 */
export function readSummaryPoint(r: WireReader): SummaryDataPoint {
  const sink = sinkFor(r);
  const quantiles: { quantile: number; value: number }[] = [];
  const p: Mutable<SummaryDataPoint> = { ...common(), count: 0, sum: 0, quantiles };
  while (r.next()) {
    if (r.field === 4) p.count = r.fixed64Number();
    else if (r.field === 5) p.sum = r.double();
    else if (r.field === 6) quantiles.push(readQuantile(r, quantiles.length));
    else readCommon(r, p, sink, SUMMARY_FIELDS);
  }
  p.attributes = sink.build();
  return p;
}

const SUMMARY_FIELDS: CommonFields = { attributes: 7, flags: 8, exemplars: -1 };

/** ValueAtQuantile { double quantile = 1; double value = 2; } */
function readQuantile(r: WireReader, index: number): { quantile: number; value: number } {
  if (index >= r.limits.maxBuckets) {
    throw r.fieldError(`more than ${r.limits.maxBuckets} quantiles (limit maxBuckets)`);
  }
  const q = r.message('quantileValues', index);
  let quantile = 0;
  let value = 0;
  while (q.next()) {
    if (q.field === 1) quantile = q.double();
    else if (q.field === 2) value = q.double();
    else q.skip();
  }
  return { quantile, value };
}
