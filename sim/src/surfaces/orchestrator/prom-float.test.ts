import { describe, expect, it } from 'vitest';
import { formatPromValue } from './prom-float.js';

describe('formatPromValue (Go expfmt writeFloat)', () => {
  // Expected strings are Go's strconv.FormatFloat(v, 'g', -1, 64) output.
  const table: [number, string][] = [
    [0, '0'],
    [1, '1'],
    [-1, '-1'],
    [42, '42'],
    [123456, '123456'],
    [999999, '999999'],
    [1_000_000, '1e+06'],
    [1_234_567, '1.234567e+06'],
    [52_428_800, '5.24288e+07'],
    [1.8446744073709552e19, '1.8446744073709552e+19'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [3.5e-9, '3.5e-09'],
    [12345.678, '12345.678'],
    [-2.5, '-2.5'],
    [1e21, '1e+21'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ];
  it.each(table)('%s → %s', (v, text) => {
    expect(formatPromValue(v)).toBe(text);
  });
});
