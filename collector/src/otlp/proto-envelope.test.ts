/** The envelope, AnyValue members, unknown fields and malformed metrics bodies. */
import { describe, expect, it } from 'vitest';
import { DecodeError } from './model.js';
import type { Metric, MetricsRequest } from './model.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import {
  anyValue,
  bytes,
  concat,
  double,
  fixed32,
  fixed64,
  group,
  kv,
  packedFixed64,
  packedVarint,
  sfixed64,
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

function decodeError(body: Uint8Array): DecodeError {
  try {
    decodeMetricsProtobuf(body);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

describe('decodeMetricsProtobuf: envelope and values', () => {
  it('decodes an empty body as an empty request', () => {
    expect(decodeMetricsProtobuf(new Uint8Array(0))).toEqual({ resourceMetrics: [] });
  });

  it('reads resource, scope and schema URLs', () => {
    const body = sub(
      1,
      sub(1, kv(1, 'service.name', 'svc'), varint(2, 3)),
      sub(
        2,
        sub(1, str(1, 'lib'), str(2, '1.2'), kv(3, 's', 0.25), varint(4, 1)),
        str(3, 'https://s/1'),
      ),
      str(3, 'https://r/1'),
    );
    const rm = decodeMetricsProtobuf(body).resourceMetrics[0];
    expect(rm).toEqual({
      resource: { attributes: { 'service.name': 'svc' }, droppedAttributesCount: 3 },
      schemaUrl: 'https://r/1',
      scopeMetrics: [
        {
          scope: {
            name: 'lib',
            version: '1.2',
            attributes: { s: 0.25 },
            droppedAttributesCount: 1,
          },
          schemaUrl: 'https://s/1',
          metrics: [],
        },
      ],
    });
  });

  it('reads every AnyValue member; a repeated key keeps the last value', () => {
    const nestedList = sub(
      5,
      sub(1, anyValue(1)),
      sub(1, sub(5, sub(1, anyValue('deep')))),
      sub(1),
    );
    const kvlist = sub(6, kv(1, 'x', false), kv(1, '__proto__', 'plain'));
    const point = sub(
      1,
      kv(7, 's', 'text'),
      kv(7, 'b', true),
      kv(7, 'i', -7),
      kv(7, 'd', 1.5),
      kv(7, 'bytes', bytes(7, new Uint8Array([0, 1, 254, 255]))),
      kv(7, 'arr', nestedList),
      kv(7, 'map', kvlist),
      kv(7, 'empty', new Uint8Array(0)),
      sub(7, str(1, 'novalue')),
      kv(7, 's', 'again'),
    );
    const attrs = decodeOne(sub(5, point)).points[0]?.attributes ?? {};
    expect(attrs).toEqual({
      s: 'again',
      b: true,
      i: -7,
      d: 1.5,
      bytes: 'AAH+/w==',
      arr: [1, ['deep'], null],
      map: { x: false, ['__proto__']: 'plain' },
      empty: null,
      novalue: null,
    });
    const map = attrs.map as Record<string, unknown>;
    expect(Object.keys(map)).toEqual(['x', '__proto__']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });

  it('keeps 64-bit timestamps exact and approximates int64 values beyond 2^53', () => {
    const max = (1n << 64n) - 1n;
    const m = decodeOne(
      sub(5, sub(1, fixed64(2, max), fixed64(3, 1n << 63n), sfixed64(6, (1n << 62n) + 1n))),
    );
    expect(m.points[0]).toMatchObject({
      startTimeUnixNano: max,
      timeUnixNano: 1n << 63n,
      value: 2 ** 62,
      valueType: 'int',
    });
  });

  it('skips unknown fields of every wire type at every level', () => {
    const unknown = [
      varint(99, 5),
      fixed64(98, 1),
      str(97, 'x'),
      fixed32(96, 1),
      group(95, varint(1, 1)),
    ];
    const metric = [
      str(1, 'm'),
      ...unknown,
      sub(12, kv(1, 'meta', 'x')),
      sub(5, sub(1, double(4, 1), ...unknown), ...unknown),
    ];
    const body = concat(
      sub(
        1,
        sub(1, kv(1, 'a', 'b'), ...unknown),
        sub(2, ...unknown, sub(2, ...metric)),
        sub(1000, str(1, 'old')),
      ),
      ...unknown,
    );
    const req = decodeMetricsProtobuf(body);
    expect(req.resourceMetrics[0]?.resource.attributes).toEqual({ a: 'b' });
    expect(onlyMetrics(req)[0]).toMatchObject({ name: 'm', kind: 'gauge', points: [{ value: 1 }] });
  });
});

describe('decodeMetricsProtobuf: malformed input', () => {
  it('names the path and field of a wrong wire type', () => {
    const err = decodeError(request(str(1, 'ok'), varint(1, 5)));
    expect(err.path).toBe('resourceMetrics[0].scopeMetrics[0].metrics[1]');
    expect(err.message).toContain('field 1');
    expect(err.message).toContain('length-delimited');
    const deep = decodeError(request(sub(7, sub(1, str(2, 'not a timestamp')))));
    expect(deep.path).toBe('resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0]');
  });

  it('rejects packed 64-bit runs of a wrong length and too many buckets', () => {
    const odd = decodeError(request(sub(9, sub(1, bytes(6, new Uint8Array(12))))));
    expect(odd.message).toContain('multiple of 8');
    const many = decodeError(
      request(sub(9, sub(1, packedFixed64(6, new Array<number>(4097).fill(1))))),
    );
    expect(many.message).toContain('maxBuckets');
    const exp = decodeError(
      request(sub(10, sub(1, sub(8, packedVarint(2, new Array<number>(4097).fill(1)))))),
    );
    expect(exp.path).toContain('exponentialHistogram.dataPoints[0].positive');
  });

  it('counts exemplars without decoding their content', () => {
    const m = decodeOne(sub(5, sub(1, sub(5, bytes(5, new Uint8Array(3))))));
    expect(m.points[0]?.exemplarCount).toBe(1);
  });
});
