import { describe, expect, it } from 'vitest';
import { parseExposition, parsePromValue } from './exposition.js';
import { readGoLivepeer } from './mapping.js';
import { GOOD_EXPOSITION as GOOD } from './test-fixtures.js';

const replace = (from: string, to: string): string => {
  expect(GOOD).toContain(from);
  return GOOD.replace(from, to);
};

describe('parseExposition', () => {
  it('reads go-livepeer’s text, NaN gauges included, and maps it', () => {
    const parsed = parseExposition(GOOD);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.families.get('livepeer_ai_request_errors')?.series).toHaveLength(3);
    expect(parsed.families.get('livepeer_ai_request_latency_score')?.series[0]?.value).toBeNaN();
    expect(parsed.families.get('go_gc_duration_seconds')?.type).toBe('summary');
    const read = readGoLivepeer(parsed.families);
    expect(read.ok).toBe(true);
  });

  const hostile: readonly (readonly [string, string, RegExp])[] = [
    ['empty', '', /empty/],
    ['only white space', '\n\n  \n', /empty/],
    ['garbage', 'ééé\u0000 \u0001 {{{ }}}\n', /malformed|invalid/],
    ['binary', `${String.fromCharCode(...Array.from({ length: 200 }, (_, i) => i % 256))}\n`, /./],
    [
      'an HTML error page',
      '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>\n',
      /invalid metric name|malformed/,
    ],
    ['truncated without final newline', GOOD.slice(0, GOOD.length - 40), /truncated/],
    [
      'truncated mid-label (with newline)',
      `${GOOD.slice(0, GOOD.indexOf('pipeline="text-to-image"} 120') + 12)}\n`,
      /invalid|malformed/,
    ],
    ['a value that is not a number', replace('} 120\n', '} 12O\n'), /invalid value/],
    [
      'a TYPE line with two words',
      replace('# TYPE go_goroutines gauge', '# TYPE go_goroutines gauge x'),
      /malformed/,
    ],
    [
      'an unknown type',
      replace('# TYPE go_goroutines gauge', '# TYPE go_goroutines thing'),
      /unknown type/,
    ],
    [
      'a family declared twice',
      `${GOOD}# TYPE go_goroutines gauge\ngo_goroutines{a="b"} 1\n`,
      /appears twice|duplicate series/,
    ],
    [
      'adjacent duplicate series (the parser would merge them)',
      replace(
        'livepeer_ticket_value_recv{node_id="0xab-host",node_type="orch"} 1.234567e+06\n',
        'livepeer_ticket_value_recv{node_id="0xab-host",node_type="orch"} 1.234567e+06\nlivepeer_ticket_value_recv{node_type="orch",node_id="0xab-host"} 5\n',
      ),
      /duplicate series/,
    ],
    [
      'duplicate series apart',
      replace(
        'livepeer_ai_request_errors{error_code="context canceled"',
        'livepeer_ai_request_errors{error_code="context deadline exceeded",model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image",sender="0x1"} 3\nlivepeer_ai_request_errors{error_code="context canceled"',
      ),
      /duplicate series/,
    ],
    [
      'an invalid label name',
      replace(
        '{node_id="0xab-host",node_type="orch"} 1.2',
        '{node-id="0xab-host",node_type="orch"} 1.2',
      ),
      /label name|malformed/,
    ],
  ];

  it.each(hostile)('rejects %s', (_name, text, error) => {
    const parsed = parseExposition(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('reads values as Go’s ParseFloat does', () => {
    expect(parsePromValue('1.5e+06')).toBe(1.5e6);
    expect(parsePromValue('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parsePromValue('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parsePromValue('NaN')).toBeNaN();
    expect(parsePromValue('.5')).toBe(0.5);
    for (const bad of ['', '0x1p3', '1,5', 'one', '1e', '--1', 'NaN1']) {
      expect(parsePromValue(bad), bad).toBeNull();
    }
  });
});

describe('readGoLivepeer rejects wrongly typed or valued families', () => {
  const cases: readonly (readonly [string, string, RegExp])[] = [
    [
      'a counter exported as a gauge',
      replace(
        '# TYPE livepeer_ai_models_requested counter',
        '# TYPE livepeer_ai_models_requested gauge',
      ),
      /is a gauge, expected counter/,
    ],
    [
      'a gauge exported as untyped',
      replace('# TYPE livepeer_ai_gpus_idle gauge\n', ''),
      /is a untyped, expected gauge/,
    ],
    ['NaN in a counter', replace('} 120\n', '} NaN\n'), /non-finite/],
    ['+Inf in a counter', replace('} 1.234567e+06', '} +Inf'), /non-finite/],
    [
      '-Inf in a gauge',
      replace('pipeline="text-to-image"} 2', 'pipeline="text-to-image"} -Inf'),
      /non-finite/,
    ],
    ['a negative counter', replace('} 120\n', '} -120\n'), /negative/],
  ];

  it.each(cases)('%s', (_name, text, error) => {
    const parsed = parseExposition(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const read = readGoLivepeer(parsed.families);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(error);
  });
});
