import { describe, expect, it } from 'vitest';
import { decodeMetricsJson } from './json-metrics.js';
import { DecodeError } from './model.js';
import type { Metric } from './model.js';

function wrap(...metrics: unknown[]): string {
  return JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics }] }] });
}

function decodeOne(metric: unknown): Metric {
  const m = decodeMetricsJson(wrap(metric)).resourceMetrics[0]?.scopeMetrics[0]?.metrics[0];
  if (m === undefined) throw new Error('no metric');
  return m;
}

function decodeError(text: string): DecodeError {
  try {
    decodeMetricsJson(text);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

const camel = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'k', value: { intValue: '7' } }], droppedAttributesCount: 1 },
      schemaUrl: 'https://r',
      scopeMetrics: [
        {
          scope: { name: 'lib', version: '2' },
          schemaUrl: 'https://s',
          metrics: [
            {
              name: 'h',
              exponentialHistogram: {
                aggregationTemporality: 2,
                dataPoints: [
                  {
                    startTimeUnixNano: '1700000000000000001',
                    timeUnixNano: '1700000000000000002',
                    count: '5',
                    zeroCount: 1,
                    positive: { offset: -3, bucketCounts: ['1', 2] },
                    negative: { offset: 2, bucketCounts: [1] },
                    zeroThreshold: 0.5,
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

const snake = {
  resource_metrics: [
    {
      resource: {
        attributes: [{ key: 'k', value: { int_value: 7 } }],
        dropped_attributes_count: 1,
      },
      schema_url: 'https://r',
      scope_metrics: [
        {
          scope: { name: 'lib', version: '2' },
          schema_url: 'https://s',
          metrics: [
            {
              name: 'h',
              exponential_histogram: {
                aggregation_temporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE',
                data_points: [
                  {
                    start_time_unix_nano: '1700000000000000001',
                    time_unix_nano: '1700000000000000002',
                    count: 5,
                    zero_count: '1',
                    positive: { offset: -3, bucket_counts: [1, '2'] },
                    negative: { offset: 2, bucket_counts: ['1'] },
                    zero_threshold: '0.5',
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

describe('decodeMetricsJson: the protobuf JSON mapping as clients send it', () => {
  it('accepts proto snake_case names, enum names and strings for numbers alike', () => {
    const a = decodeMetricsJson(JSON.stringify(camel));
    expect(decodeMetricsJson(JSON.stringify(snake))).toEqual(a);
    const point = a.resourceMetrics[0]?.scopeMetrics[0]?.metrics[0]?.points[0];
    expect(point).toEqual({
      attributes: {},
      startTimeUnixNano: 1700000000000000001n,
      timeUnixNano: 1700000000000000002n,
      flags: 0,
      exemplarCount: 0,
      count: 5,
      sum: null,
      scale: 0,
      zeroCount: 1,
      positive: { offset: -3, bucketCounts: [1, 2] },
      negative: { offset: 2, bucketCounts: [1] },
      min: null,
      max: null,
      zeroThreshold: 0.5,
    });
    expect(a.resourceMetrics[0]?.resource).toEqual({
      attributes: { k: 7 },
      droppedAttributesCount: 1,
    });
  });

  it('reads int and double points, special doubles, flags and exemplars', () => {
    const m = decodeOne({
      name: 'g',
      gauge: {
        dataPoints: [
          { asInt: '-9007199254740993', flags: 1, exemplars: [{}, {}] },
          { asInt: 12 },
          { asDouble: 'NaN' },
          { asDouble: 'Infinity' },
          { asDouble: '-Infinity' },
          { asDouble: '2.5e3', timeUnixNano: 1700000000000 },
          {},
        ],
      },
    });
    expect(m.kind).toBe('gauge');
    const values = m.points.map((p) => ('value' in p ? [p.value, p.valueType] : null));
    expect(values).toEqual([
      [-9007199254740992, 'int'],
      [12, 'int'],
      [NaN, 'double'],
      [Infinity, 'double'],
      [-Infinity, 'double'],
      [2500, 'double'],
      [0, 'double'],
    ]);
    expect(m.points[0]).toMatchObject({ flags: 1, exemplarCount: 2 });
    expect(m.points[5]?.timeUnixNano).toBe(1700000000000n);
  });

  it('reads sums, histograms and summaries', () => {
    const sum = decodeOne({
      name: 's',
      sum: {
        aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA',
        isMonotonic: true,
        dataPoints: [{ asDouble: 1 }],
      },
    });
    expect(sum).toMatchObject({ kind: 'sum', temporality: 'delta', monotonic: true });
    const h = decodeOne({
      name: 'h',
      histogram: {
        aggregationTemporality: 1,
        dataPoints: [
          {
            count: '3',
            sum: 6,
            bucketCounts: ['1', 2],
            explicitBounds: [1, '2.5'],
            min: 1,
            max: 3,
          },
        ],
      },
    });
    expect(h.points[0]).toMatchObject({
      count: 3,
      sum: 6,
      bucketCounts: [1, 2],
      explicitBounds: [1, 2.5],
    });
    const s = decodeOne({
      name: 'q',
      summary: {
        dataPoints: [
          { count: 2, sum: 3, quantileValues: [{ quantile: 0.5, value: 1 }, { value: 2 }] },
        ],
      },
    });
    expect(s).toMatchObject({ kind: 'summary' });
    expect(s.points[0]).toMatchObject({
      count: 2,
      sum: 3,
      quantiles: [
        { quantile: 0.5, value: 1 },
        { quantile: 0, value: 2 },
      ],
    });
  });

  it('keeps a metric without data as kind empty and ignores unknown fields and nulls', () => {
    expect(decodeOne({ name: 'e', unit: 'ms', futureField: { a: [1] }, gauge: null })).toEqual({
      name: 'e',
      description: '',
      unit: 'ms',
      kind: 'empty',
      points: [],
    });
    expect(decodeMetricsJson('{}')).toEqual({ resourceMetrics: [] });
  });

  it('reads AnyValue members: bytes as base64 (standard or URL-safe), arrays and kvlists', () => {
    const attributes = [
      { key: 'b', value: { bytesValue: 'AAH-_w' } },
      {
        key: 'a',
        value: { arrayValue: { values: [{ stringValue: 'x' }, {}, { boolValue: false }] } },
      },
      {
        key: 'm',
        value: { kvlistValue: { values: [{ key: 'n', value: { doubleValue: '1.5' } }] } },
      },
      { key: 'none' },
      { key: 'e', value: { arrayValue: {} } },
    ];
    const m = decodeOne({ name: 'g', gauge: { dataPoints: [{ asDouble: 1, attributes }] } });
    expect(m.points[0]?.attributes).toEqual({
      b: 'AAH+/w==',
      a: ['x', null, false],
      m: { n: 1.5 },
      none: null,
      e: [],
    });
  });
});

describe('decodeMetricsJson: malformed input', () => {
  it.each(['[]', '"text"', '42', 'null', 'true'])('rejects the top-level %s', (text) => {
    const err = decodeError(text);
    expect(err.path).toBe('');
    expect(err.message).toMatch(/expected an object/);
  });

  it('rejects invalid JSON', () => {
    expect(decodeError('{"resourceMetrics": [').message).toMatch(/invalid JSON/);
    expect(decodeError('').message).toMatch(/invalid JSON/);
  });

  it('names the path of a wrong type', () => {
    const name = decodeError(wrap({ name: 5 }));
    expect(name.path).toBe('resourceMetrics[0].scopeMetrics[0].metrics[0].name');
    expect(name.message).toContain('expected a string, got number');
    expect(decodeError('{"resourceMetrics": {}}').path).toBe('resourceMetrics');
    const key = decodeError(
      wrap({ name: 'g', gauge: { dataPoints: [{ attributes: [{ key: 1 }] }] } }),
    );
    expect(key.path).toBe(
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].attributes[0].key',
    );
    const bucket = decodeError(
      wrap({ name: 'h', histogram: { dataPoints: [{ bucketCounts: [1, 'x'] }] } }),
    );
    expect(bucket.path).toMatch(/histogram\.dataPoints\[0]\.bucketCounts\[1]$/);
  });

  it('rejects fractional and out-of-range integers, bad enums and bad doubles', () => {
    const point = (p: object) => wrap({ name: 'h', histogram: { dataPoints: [p] } });
    expect(decodeError(point({ count: 1.5 })).message).toContain('out of range');
    expect(decodeError(point({ count: -1 })).message).toContain('out of range');
    expect(decodeError(point({ timeUnixNano: '18446744073709551616' })).message).toContain(
      'out of range',
    );
    expect(decodeError(point({ timeUnixNano: '1e9' })).path).toMatch(/timeUnixNano$/);
    expect(decodeError(point({ sum: 'lots' })).path).toMatch(/sum$/);
    const temporality = wrap({
      name: 's',
      sum: { aggregationTemporality: 'AGGREGATION_TEMPORALITY_WEEKLY' },
    });
    expect(decodeError(temporality).message).toContain('unknown enum name');
  });

  it('rejects two members of a oneof', () => {
    expect(decodeError(wrap({ name: 'x', gauge: {}, sum: {} })).message).toContain('gauge, sum');
    const value = wrap({ name: 'g', gauge: { dataPoints: [{ asInt: 1, asDouble: 2 }] } });
    expect(decodeError(value).path).toMatch(/dataPoints\[0]$/);
  });
});
