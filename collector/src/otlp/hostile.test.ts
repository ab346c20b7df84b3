/**
 * Hostile input: forged lengths, deep nesting, invalid UTF-8, oversized
 * attribute lists and strings. Each ends in a DecodeError with a useful path,
 * never another exception.
 */
import { describe, expect, it } from 'vitest';
import { checkJsonNesting } from './json-guard.js';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import { DecodeError, DEFAULT_DECODE_LIMITS } from './model.js';
import { decodeLogsProtobuf } from './proto-logs.js';
import { decodeMetricsProtobuf } from './proto-metrics.js';
import { bytes, concat, kv, str, sub, varint } from './test-wire.js';

function decodeError(decode: () => unknown): DecodeError {
  try {
    decode();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

/** A logs request whose only record has `record`'s fields. */
function logRecord(...fields: Uint8Array[]): Uint8Array {
  return sub(1, sub(2, sub(2, ...fields)));
}

/** A metrics request whose resource has `fields`. */
function resource(...fields: Uint8Array[]): Uint8Array {
  return sub(1, sub(1, ...fields));
}

/** AnyValue holding `levels` nested arrays around a string (built inside out). */
function nestedArrays(levels: number): Uint8Array {
  let value = str(1, 'x');
  for (let i = 0; i < levels; i++) value = sub(5, sub(1, value));
  return value;
}

function nestedArraysJson(levels: number): string {
  return '{"arrayValue":{"values":['.repeat(levels) + '{"stringValue":"x"}' + ']}}'.repeat(levels);
}

function jsonLog(record: string): string {
  return `{"resourceLogs":[{"scopeLogs":[{"logRecords":[${record}]}]}]}`;
}

const RECORD = 'resourceLogs[0].scopeLogs[0].logRecords[0]';

describe('forged and truncated protobuf', () => {
  it('rejects a length prefix larger than the buffer', () => {
    const forged = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0a, 0x00]);
    expect(decodeError(() => decodeMetricsProtobuf(forged)).message).toMatch(/truncated/);
    const inner = concat(sub(1, new Uint8Array([0x0a, 0x7f, 0x01])));
    expect(decodeError(() => decodeMetricsProtobuf(inner)).path).toBe('resourceMetrics[0]');
  });

  it('rejects a field that runs past the end of its message into the next bytes', () => {
    // resourceMetrics[0] is 2 bytes long, but its (unknown) varint field 15 continues past them.
    const overrun = new Uint8Array([0x0a, 0x02, 0x78, 0x80, 0x01]);
    const err = decodeError(() => decodeMetricsProtobuf(overrun));
    expect([err.path, err.message]).toEqual([
      'resourceMetrics[0]',
      'resourceMetrics[0]: field 15 overruns the message',
    ]);
  });

  it('rejects garbage, bad tags and wrong wire types at the top level', () => {
    const garbage = new Uint8Array([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    ]);
    expect(() => decodeMetricsProtobuf(garbage)).toThrow(DecodeError);
    expect(() => decodeLogsProtobuf(new Uint8Array([0x00]))).toThrow(/bad field tag/);
    expect(() => decodeLogsProtobuf(new Uint8Array([0x0c]))).toThrow(DecodeError);
    const wrong = decodeError(() => decodeMetricsProtobuf(varint(1, 5)));
    expect(wrong.message).toMatch(/field 1: wire type varint where length-delimited was expected/);
  });
});

describe('nesting', () => {
  it('rejects a 10_000-deep AnyValue in protobuf at the depth limit, naming the path', () => {
    const deep = nestedArrays(10_000);
    const err = decodeError(() => decodeLogsProtobuf(logRecord(sub(5, deep))));
    expect(err.message).toContain('maxDepth');
    expect(err.path.startsWith(`${RECORD}.body.arrayValue.values[0].arrayValue`)).toBe(true);
    const attr = decodeError(() => decodeMetricsProtobuf(resource(kv(1, 'deep', deep))));
    expect(attr.path).toMatch(/^resourceMetrics\[0]\.resource\.attributes\[0]\.value/);
  });

  it('accepts exactly maxDepth levels and rejects one more, in both encodings', () => {
    const max = DEFAULT_DECODE_LIMITS.maxDepth;
    const ok = decodeLogsProtobuf(logRecord(sub(5, nestedArrays(max))));
    let body = ok.resourceLogs[0]?.scopeLogs[0]?.logRecords[0]?.body;
    for (let i = 0; i < max; i++) body = Array.isArray(body) ? (body[0] as typeof body) : undefined;
    expect(body).toBe('x');
    expect(() => decodeLogsProtobuf(logRecord(sub(5, nestedArrays(max + 1))))).toThrow(/maxDepth/);
    expect(() => decodeLogsJson(jsonLog(`{"body":${nestedArraysJson(max)}}`))).not.toThrow();
    const json = decodeError(() =>
      decodeLogsJson(jsonLog(`{"body":${nestedArraysJson(max + 1)}}`)),
    );
    expect(json.message).toContain('maxDepth');
    expect(json.path.startsWith(`${RECORD}.body.arrayValue.values[0]`)).toBe(true);
  });

  it('rejects 10_000-deep JSON before parsing, without a stack overflow', () => {
    const err = decodeError(() => decodeLogsJson(jsonLog(`{"body":${nestedArraysJson(10_000)}}`)));
    expect(err.message).toMatch(/JSON nested deeper than \d+ levels/);
    expect(() => decodeMetricsJson('['.repeat(1_000_000))).toThrow(/nested deeper/);
    expect(() => decodeMetricsJson(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)).toThrow(
      DecodeError,
    );
  });

  it('does not count brackets inside strings', () => {
    expect(() => {
      checkJsonNesting('{"a":"[[[[{{{{\\"[[[["}', 1);
    }).not.toThrow();
    expect(() => {
      checkJsonNesting('[[1]]', 1);
    }).toThrow(DecodeError);
  });
});

describe('invalid UTF-8', () => {
  it.each([
    ['a lone continuation byte', [0x80]],
    ['an invalid byte', [0x61, 0xff]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('rejects %s with the path of the string', (_, raw) => {
    const value = bytes(1, Uint8Array.from(raw));
    const err = decodeError(() =>
      decodeMetricsProtobuf(resource(sub(1, str(1, 'k'), sub(2, value)))),
    );
    expect(err.message).toContain('invalid UTF-8');
    expect(err.path).toBe('resourceMetrics[0].resource.attributes[0].value');
    const key = decodeError(() => decodeLogsProtobuf(logRecord(bytes(12, Uint8Array.from(raw)))));
    expect(key.path).toBe(RECORD);
    expect(key.message).toContain('field 12');
  });
});

describe('attribute counts and string lengths', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => kv(1, `k${i}`, i));

  it('rejects more attributes than maxAttributes on a resource, a kvlist and in JSON', () => {
    const max = DEFAULT_DECODE_LIMITS.maxAttributes;
    expect(
      Object.keys(
        decodeMetricsProtobuf(resource(...many(max))).resourceMetrics[0]?.resource.attributes ?? {},
      ),
    ).toHaveLength(max);
    const err = decodeError(() => decodeMetricsProtobuf(resource(...many(max + 1))));
    expect(err.path).toBe('resourceMetrics[0].resource.attributes');
    expect(err.message).toContain('maxAttributes');
    const kvlist = sub(5, sub(6, ...many(10_000)));
    expect(decodeError(() => decodeLogsProtobuf(logRecord(kvlist))).path).toBe(
      `${RECORD}.body.kvlistValue.values`,
    );
    const attrs = Array.from(
      { length: 100_000 },
      (_, i) => `{"key":"k${i}","value":{"intValue":1}}`,
    );
    const json = decodeError(() => decodeLogsJson(jsonLog(`{"attributes":[${attrs.join(',')}]}`)));
    expect(json.path).toBe(`${RECORD}.attributes`);
    const limits = { ...DEFAULT_DECODE_LIMITS, maxAttributes: 200 };
    expect(() => decodeMetricsProtobuf(resource(...many(200)), limits)).not.toThrow();
  });

  it('rejects strings and bytes beyond maxStringLength, counting UTF-16 units', () => {
    const max = DEFAULT_DECODE_LIMITS.maxStringLength;
    const long = 'a'.repeat(max + 1);
    const err = decodeError(() => decodeLogsProtobuf(logRecord(sub(5, str(1, long)))));
    expect([err.path, err.message.includes('maxStringLength')]).toEqual([`${RECORD}.body`, true]);
    const euros = '€'.repeat(max); // 3 bytes each in UTF-8, one UTF-16 unit
    expect(decodeLogsProtobuf(logRecord(sub(5, str(1, euros)))).resourceLogs).toHaveLength(1);
    const huge = bytes(7, new Uint8Array(max));
    expect(() => decodeLogsProtobuf(logRecord(sub(5, huge)))).toThrow(/maxStringLength/);
    const json = decodeError(() => decodeLogsJson(jsonLog(`{"severityText":"${long}"}`)));
    expect(json.path).toBe(`${RECORD}.severityText`);
  });
});

describe('JSON types', () => {
  it('rejects numbers where strings belong and the wrong top level', () => {
    const err = decodeError(() =>
      decodeLogsJson(jsonLog('{"attributes":[{"key":"k","value":{"stringValue":7}}]}')),
    );
    expect(err.path).toBe(`${RECORD}.attributes[0].value.stringValue`);
    expect(err.message).toBe(
      `${RECORD}.attributes[0].value.stringValue: expected a string, got number`,
    );
    expect(() => decodeLogsJson('[{"resourceLogs":[]}]')).toThrow(/expected an object, got array/);
    expect(() => decodeMetricsJson('"{}"')).toThrow(DecodeError);
  });
});
