/** The Metric `data` oneof and every data point type, from hand-built protobuf. */
import { describe, expect, it } from 'vitest';
import type { Metric, MetricsRequest } from './model.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import {
  concat,
  double,
  fixed64,
  kv,
  packedDouble,
  packedFixed64,
  packedVarint,
  sfixed64,
  sint32,
  str,
  sub,
  varint,
} from './test-wire.js';

/** ExportMetricsServiceRequest with one resource and one scope holding `metrics`. */
function request(...metrics: Uint8Array[]): Uint8Array {
  return sub(1, sub(2, ...metrics.map((m) => sub(2, m))));
}

function onlyMetrics(req: MetricsRequest): readonly Metric[] {
  return req.resourceMetrics[0]?.scopeMetrics[0]?.metrics ?? [];
}

function decodeOne(metric: Uint8Array): Metric {
  const m = onlyMetrics(decodeMetricsProtobuf(request(metric)))[0];
  if (m === undefined) throw new Error('no metric');
  return m;
}

const T0 = 1_700_000_000_000_000_000n;
const T1 = 1_700_000_000_500_000_000n;
const times = [fixed64(2, T0), fixed64(3, T1)];

describe('decodeMetricsProtobuf: the data oneof', () => {
  it('reads a gauge of int and double points, flags and counted exemplars', () => {
    const m = decodeOne(
      concat(
        str(1, 'g'),
        str(2, 'desc'),
        str(3, 'By'),
        sub(
          5,
          sub(1, ...times, sfixed64(6, -42), kv(7, 'a', 'x'), varint(8, 1), sub(5, double(3, 1))),
          sub(1, ...times, double(4, 2.5), sub(5), sub(5)),
        ),
      ),
    );
    expect(m).toEqual({
      name: 'g',
      description: 'desc',
      unit: 'By',
      kind: 'gauge',
      points: [
        {
          attributes: { a: 'x' },
          startTimeUnixNano: T0,
          timeUnixNano: T1,
          flags: 1,
          exemplarCount: 1,
          value: -42,
          valueType: 'int',
        },
        {
          attributes: {},
          startTimeUnixNano: T0,
          timeUnixNano: T1,
          flags: 0,
          exemplarCount: 2,
          value: 2.5,
          valueType: 'double',
        },
      ],
    });
  });

  it('reads a sum with temporality and monotonicity', () => {
    const m = decodeOne(
      concat(str(1, 's'), sub(7, sub(1, double(4, 3)), varint(2, 1), varint(3, 1))),
    );
    expect(m).toMatchObject({ kind: 'sum', temporality: 'delta', monotonic: true });
    expect(m.points).toMatchObject([{ value: 3, valueType: 'double' }]);
  });

  it('reads histograms with packed and with unpacked buckets and bounds', () => {
    const packed = sub(1, ...times, fixed64(4, 6), double(5, 9.5));
    const withBuckets = [packedFixed64(6, [1, 2, 3]), packedDouble(7, [1, 5])];
    const unpacked = [fixed64(6, 1), fixed64(6, 2), fixed64(6, 3), double(7, 1), double(7, 5)];
    for (const buckets of [withBuckets, unpacked]) {
      const m = decodeOne(
        concat(
          str(1, 'h'),
          sub(
            9,
            sub(1, ...times, fixed64(4, 6), ...buckets, double(11, 0.5), double(12, 7)),
            varint(2, 2),
          ),
        ),
      );
      expect(m).toMatchObject({ kind: 'histogram', temporality: 'cumulative' });
      expect(m.points[0]).toMatchObject({
        count: 6,
        sum: null,
        bucketCounts: [1, 2, 3],
        explicitBounds: [1, 5],
        min: 0.5,
        max: 7,
      });
    }
    const noBuckets = decodeOne(sub(9, packed)).points[0];
    expect(noBuckets).toMatchObject({ sum: 9.5, bucketCounts: [], min: null, max: null });
  });

  it('reads exponential histograms with signed offsets and packed or unpacked buckets', () => {
    const m = decodeOne(
      sub(
        10,
        sub(
          1,
          kv(1, 'k', 1),
          ...times,
          fixed64(4, 10),
          double(5, 99),
          sint32(6, -2),
          fixed64(7, 3),
          sub(8, sint32(1, -5), packedVarint(2, [1, 0, 300])),
          sub(9, sint32(1, 4), varint(2, 2), varint(2, 4)),
          varint(10, 1),
          sub(11),
          double(12, -3),
          double(13, 40),
          double(14, 0.001),
        ),
        varint(2, 1),
      ),
    );
    expect(m).toMatchObject({ kind: 'exponential_histogram', temporality: 'delta' });
    expect(m.points[0]).toEqual({
      attributes: { k: 1 },
      startTimeUnixNano: T0,
      timeUnixNano: T1,
      flags: 1,
      exemplarCount: 1,
      count: 10,
      sum: 99,
      scale: -2,
      zeroCount: 3,
      positive: { offset: -5, bucketCounts: [1, 0, 300] },
      negative: { offset: 4, bucketCounts: [2, 4] },
      min: -3,
      max: 40,
      zeroThreshold: 0.001,
    });
  });

  it('reads summaries with quantiles', () => {
    const q = (quantile: number, value: number) => sub(6, double(1, quantile), double(2, value));
    const m = decodeOne(
      sub(
        11,
        sub(
          1,
          ...times,
          fixed64(4, 4),
          double(5, 10),
          q(0, 1),
          q(0.5, 2),
          q(1, 4),
          kv(7, 'a', true),
        ),
      ),
    );
    expect(m).toMatchObject({ kind: 'summary' });
    expect(m.points[0]).toMatchObject({
      attributes: { a: true },
      count: 4,
      sum: 10,
      quantiles: [
        { quantile: 0, value: 1 },
        { quantile: 0.5, value: 2 },
        { quantile: 1, value: 4 },
      ],
    });
  });

  it('keeps a metric without data as kind empty, and the last oneof member otherwise', () => {
    expect(decodeOne(str(1, 'none'))).toEqual({
      name: 'none',
      description: '',
      unit: '',
      kind: 'empty',
      points: [],
    });
    const last = decodeOne(concat(sub(5, sub(1)), sub(7, sub(1), sub(1))));
    expect(last.kind).toBe('sum');
    expect(last.points).toHaveLength(2);
  });

  it('reads an unknown temporality as unspecified and a missing value as the double 0', () => {
    const m = decodeOne(sub(7, sub(1, ...times), varint(2, 9)));
    expect(m).toMatchObject({ temporality: 'unspecified', monotonic: false });
    expect(m.points[0]).toMatchObject({ value: 0, valueType: 'double' });
  });
});
