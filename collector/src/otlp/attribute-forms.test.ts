/**
 * Point and resource attributes decode the same whichever way a writer laid
 * out the KeyValue: the usual form (string key, AnyValue with only a string,
 * ASCII, short) takes a fast path, every other form the general decoder.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError, type Attributes } from './model.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import { concat, double, fixed64, str, sub, varint } from './test-wire.js';

/** A request with one gauge point carrying `attributes` (and the same on the resource). */
function request(...attributes: Uint8Array[]): Uint8Array {
  const point = sub(1, fixed64(3, 1n), double(4, 1), ...attributes.map((a) => sub(7, a)));
  const metric = sub(2, str(1, 'g'), sub(5, point));
  return sub(1, sub(1, ...attributes.map((a) => sub(1, a))), sub(2, metric));
}

function decoded(...attributes: Uint8Array[]): { resource: Attributes; point: Attributes } {
  const rm = decodeMetricsProtobuf(request(...attributes)).resourceMetrics[0];
  const point = rm?.scopeMetrics[0]?.metrics[0]?.points[0];
  return { resource: rm?.resource.attributes ?? {}, point: point?.attributes ?? {} };
}

/** The fields of a KeyValue message (what `kv(n, …)` wraps in field n). */
const fields = (...parts: Uint8Array[]): Uint8Array => concat(...parts);

describe('attribute forms', () => {
  it('decodes the usual form and its variations to the same values', () => {
    const long = 'x'.repeat(300);
    const got = decoded(
      fields(str(1, 'hw.id'), sub(2, str(1, 'GPU-1'))),
      fields(str(1, 'empty'), sub(2, str(1, ''))),
      fields(str(1, 'absent'), sub(2)),
      fields(str(1, 'nul'), sub(2, str(1, 'a\0b'))),
      fields(str(1, 'utf8'), sub(2, str(1, 'é 日本 🎉'))),
      fields(str(1, long), sub(2, str(1, long))),
      fields(sub(2, str(1, 'value first')), str(1, 'reordered')),
      fields(str(1, 'extra'), sub(2, str(1, 'v'), varint(9, 1))),
      fields(str(1, 'int'), sub(2, varint(3, 7))),
      fields(str(1, 'unknown'), sub(2, str(1, 'v')), varint(3, 1)),
      fields(str(1, 'hw.id'), sub(2, str(1, 'GPU-2'))),
      fields(str(1, '__proto__'), sub(2, str(1, 'p'))),
    );
    const expected = {
      'hw.id': 'GPU-2',
      empty: '',
      absent: null,
      nul: 'a\0b',
      utf8: 'é 日本 🎉',
      [long]: long,
      reordered: 'value first',
      extra: 'v',
      int: 7,
      unknown: 'v',
    };
    for (const attributes of [got.point, got.resource]) {
      expect(attributes).toMatchObject(expected);
      expect(Object.keys(attributes)).toEqual([...Object.keys(expected), '__proto__']);
      expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('p');
      expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    }
  });

  it('reports invalid UTF-8 and truncation in the usual form with the attribute’s path', () => {
    const bad = fields(str(1, 'k'), sub(2, new Uint8Array([0x0a, 0x02, 0xc3, 0x28])));
    const err = failure(request(bad));
    expect(err?.message).toMatch(/invalid UTF-8/);
    expect(err?.path).toBe('resourceMetrics[0].resource.attributes[0].value');
    const body = request(fields(str(1, 'key'), sub(2, str(1, 'value'))));
    expect(failure(body.subarray(0, body.length - 3))?.message).toMatch(/truncated|overruns/);
  });
});

function failure(body: Uint8Array): DecodeError | null {
  try {
    decodeMetricsProtobuf(body);
    return null;
  } catch (err) {
    return err instanceof DecodeError ? err : null;
  }
}
