import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseGoDurationNs } from './go-duration.js';

describe('parseGoDurationNs (Go time.Duration.String / ParseDuration)', () => {
  // Left: what Go prints for time.Duration(ns).String() (and a few ParseDuration inputs).
  const table: [string, bigint][] = [
    ['0s', 0n],
    ['0', 0n],
    ['1ns', 1n],
    ['999ns', 999n],
    ['1µs', 1_000n],
    ['1.1µs', 1_100n],
    ['2.001µs', 2_001n],
    ['2.001us', 2_001n],
    ['2.001\u03bcs', 2_001n],
    ['1ms', 1_000_000n],
    ['2.2ms', 2_200_000n],
    ['850ms', 850_000_000n],
    ['912.345679ms', 912_345_679n],
    ['999.999999ms', 999_999_999n],
    ['1s', 1_000_000_000n],
    ['1.234567s', 1_234_567_000n],
    ['1.234567891s', 1_234_567_891n],
    ['59.999999999s', 59_999_999_999n],
    ['1m0s', 60_000_000_000n],
    ['1m2.5s', 62_500_000_000n],
    ['1h0m0s', 3_600_000_000_000n],
    ['1h2m3.004s', 3_723_004_000_000n],
    ['1h2m3.5s', 3_723_500_000_000n],
    ['25h1m1s', 90_061_000_000_000n],
    ['2562047h47m16.854775807s', (1n << 63n) - 1n],
    ['+1.5s', 1_500_000_000n],
    ['.5s', 500_000_000n],
    ['1.s', 1_000_000_000n],
    ['1.0000000001s', 1_000_000_000n],
  ];
  it.each(table)('%s → %s ns', (text, ns) => {
    expect(parseGoDurationNs(text)).toBe(ns);
  });

  const bad = [
    '',
    ' ',
    '-1.5s',
    '-1ns',
    '1',
    '1.5',
    's',
    '.s',
    '1.5e-06s',
    '1e3ms',
    '1x',
    '1 s',
    '1s2',
    '1m2',
    '%!v(MISSING)',
    'NaN',
    'Infinity',
    '2562047h47m16.854775808s',
    '9999999999999999999h',
    `${'9'.repeat(100)}s`,
    '1.2.3s',
    'ms',
  ];
  it.each(bad)('rejects %j', (text) => {
    expect(parseGoDurationNs(text)).toBeNull();
    expect(parseGoDuration(text)).toBeNull();
  });
});

describe('parseGoDuration', () => {
  it('gives seconds', () => {
    expect(parseGoDuration('1.234567s')).toBe(1.234567);
    expect(parseGoDuration('850ms')).toBe(0.85);
    expect(parseGoDuration('1m2.5s')).toBe(62.5);
    expect(parseGoDuration('2.001µs')).toBeCloseTo(2.001e-6, 15);
    expect(parseGoDuration('0s')).toBe(0);
  });

  it('round-trips Go’s format to the nanosecond for random durations', () => {
    // Go's Duration.String(), independently re-implemented for the check.
    const format = (ns: bigint): string => {
      if (ns === 0n) return '0s';
      const frac = (v: bigint, prec: number): string => {
        const scale = 10n ** BigInt(prec);
        const f = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
        return f === '' ? (v / scale).toString() : `${(v / scale).toString()}.${f}`;
      };
      if (ns < 1_000n) return `${ns.toString()}ns`;
      if (ns < 1_000_000n) return `${frac(ns, 3)}µs`;
      if (ns < 1_000_000_000n) return `${frac(ns, 6)}ms`;
      const s = `${frac(ns % 60_000_000_000n, 9)}s`;
      const min = ns / 60_000_000_000n;
      if (min === 0n) return s;
      const h = min / 60n;
      return h === 0n ? `${min.toString()}m${s}` : `${h.toString()}h${(min % 60n).toString()}m${s}`;
    };
    let x = 12345n;
    for (let i = 0; i < 2000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
      const ns = x % 10n ** BigInt(1 + (i % 15));
      expect(parseGoDurationNs(format(ns))).toBe(ns);
    }
  });
});
