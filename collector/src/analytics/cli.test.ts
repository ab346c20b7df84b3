import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config.js';
import { parseRecomputeArgs } from './cli.js';

describe('recompute arguments', () => {
  it('takes --from/--to (ISO or Unix ms, with or without =) and leaves the rest', () => {
    const a = parseRecomputeArgs([
      '--clickhouse',
      'embedded:./d',
      '--from',
      '2026-01-01T00:00:00Z',
      '--to=1767232800000',
    ]);
    expect(a.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(a.to.getTime()).toBe(1_767_232_800_000);
    expect(a.rest).toEqual(['--clickhouse', 'embedded:./d']);
  });

  it('refuses missing, malformed, reversed and oversized ranges, naming the flag', () => {
    const bad: [string[], RegExp][] = [
      [['--from', '2026-01-01'], /--from and --to/],
      [['--from', '2026-01-02', '--to', '2026-01-01'], /--to must be after/],
      [['--from', 'yesterday', '--to', '2026-01-01'], /--from must be/],
      [['--from', '2026-01-01', '--to'], /--to needs a value/],
      [['--from', '--to', '2026-01-01'], /--from needs a value/],
      [['--from', '2000-01-01', '--to', '2026-01-01'], /days at most/],
      [['--from', 'x'.repeat(10_000), '--to', '2026-01-01'], /--from must be/],
    ];
    for (const [args, msg] of bad) {
      expect(() => parseRecomputeArgs(args)).toThrow(ConfigError);
      expect(() => parseRecomputeArgs(args)).toThrow(msg);
    }
  });
});
