import { describe, expect, it } from 'vitest';
import { formatGoDuration, goDurationFromMs } from './go-duration.js';

describe('formatGoDuration (Go time.Duration.String)', () => {
  // Expected strings are what Go prints for time.Duration(ns).String().
  const table: [bigint, string][] = [
    [0n, '0s'],
    [1n, '1ns'],
    [999n, '999ns'],
    [1_000n, '1µs'],
    [1_100n, '1.1µs'],
    [2_001n, '2.001µs'],
    [1_000_000n, '1ms'],
    [2_200_000n, '2.2ms'],
    [850_000_000n, '850ms'],
    [999_999_999n, '999.999999ms'],
    [1_000_000_000n, '1s'],
    [1_234_567_000n, '1.234567s'],
    [1_234_567_891n, '1.234567891s'],
    [59_999_999_999n, '59.999999999s'],
    [60_000_000_000n, '1m0s'],
    [62_500_000_000n, '1m2.5s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_004_000_000n, '1h2m3.004s'],
    [90_061_000_000_000n, '25h1m1s'],
    [-1_500_000_000n, '-1.5s'],
    [-1n, '-1ns'],
  ];
  it.each(table)('%s ns → %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });
});

describe('goDurationFromMs', () => {
  it('rounds fractional milliseconds to the nanosecond', () => {
    expect(goDurationFromMs(1234.567)).toBe('1.234567s');
    expect(goDurationFromMs(850)).toBe('850ms');
    expect(goDurationFromMs(62_500)).toBe('1m2.5s');
    expect(goDurationFromMs(0.002001)).toBe('2.001µs');
    expect(goDurationFromMs(912.3456789)).toBe('912.345679ms');
  });

  it('rejects non-finite input', () => {
    expect(() => goDurationFromMs(Number.NaN)).toThrow(RangeError);
  });
});
