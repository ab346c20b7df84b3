import { describe, expect, it } from 'vitest';
import { nanos, tsvMap, tsvNumbers, tsvQuoted, tsvText } from './tsv.js';

describe('TabSeparated fields', () => {
  it('escapes backslash, tab, newline, CR and NUL in String fields, nothing else', () => {
    expect(tsvText('plain text, quotes \' " and {braces}')).toBe(
      'plain text, quotes \' " and {braces}',
    );
    expect(tsvText('a\\b\tc\nd\re\0f')).toBe('a\\\\b\\tc\\nd\\re\\0f');
    expect(tsvText('\\N')).toBe('\\\\N');
    expect(tsvText('')).toBe('');
    expect(tsvText('é 日本 🎉')).toBe('é 日本 🎉');
  });

  it('single-quotes strings inside maps and arrays, escaping the quote too', () => {
    expect(tsvQuoted("it's")).toBe("'it\\'s'");
    expect(tsvQuoted('x\ty\\')).toBe("'x\\ty\\\\'");
    expect(tsvQuoted('')).toBe("''");
  });

  it('writes maps in key order, with every key and value quoted', () => {
    expect(tsvMap({ 'hw.id': 'GPU-1', "o'k": 'a:b,c}' })).toBe(
      "{'hw.id':'GPU-1','o\\'k':'a:b,c}'}",
    );
    expect(tsvMap({})).toBe('{}');
  });

  it('writes number arrays and 19-digit nanosecond times', () => {
    expect(tsvNumbers([1, 0.5, 1e21, -0])).toBe('[1,0.5,1e+21,0]');
    expect(tsvNumbers([])).toBe('[]');
    expect(nanos(1n)).toBe('0000000000000000001');
    expect(nanos(9_223_372_036_854_775_807n)).toBe('9223372036854775807');
  });
});
