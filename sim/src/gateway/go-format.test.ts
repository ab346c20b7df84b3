import { describe, expect, it } from 'vitest';
import { clogValues, glogPrefix, goDuration } from './go-format.js';
import { formatValue, MetricsRegistry } from './metrics.js';

describe('goDuration', () => {
  it("prints milliseconds as Go's time.Duration.String()", () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(0.0005)).toBe('500ns');
    expect(goDuration(0.0015)).toBe('1.5µs');
    expect(goDuration(850)).toBe('850ms');
    expect(goDuration(1.234567)).toBe('1.234567ms');
    expect(goDuration(1234.567)).toBe('1.234567s');
    expect(goDuration(62_500)).toBe('1m2.5s');
    expect(goDuration(3_600_000)).toBe('1h0m0s');
  });
});

describe('glog lines', () => {
  it('formats the header and clog context like go-livepeer', () => {
    const at = Date.UTC(2026, 3, 12, 19, 33, 9, 215);
    expect(glogPrefix('I', at, 'ai_process.go:12')).toBe(
      'I0412 19:33:09.215000    4242 ai_process.go:12] ',
    );
    expect(clogValues({ request_id: 'ab12', model_id: 'm' })).toBe('request_id=ab12 model_id=m ');
  });
});

describe('MetricsRegistry', () => {
  it('writes the Prometheus text format with sorted labels, empty unset labels and histograms', () => {
    const r = new MetricsRegistry();
    r.define({ name: 'x_total', kind: 'counter', help: 'X.', labels: ['b', 'a'] });
    r.define({ name: 'h', kind: 'histogram', help: 'H.', labels: ['a'], buckets: [0.5, 10] });
    r.define({ name: 'unused', kind: 'gauge', help: 'U.', labels: [] });
    r.inc('x_total', { b: 'q"\n' });
    r.inc('x_total', { b: 'q"\n' }, 2);
    r.observe('h', { a: '1' }, 0.2);
    r.observe('h', { a: '1' }, 7);
    expect(r.value('x_total', { b: 'q"\n' })).toBe(3);
    expect(r.render()).toBe(
      [
        '# HELP h H.',
        '# TYPE h histogram',
        'h_bucket{a="1",le="0.5"} 1',
        'h_bucket{a="1",le="10"} 2',
        'h_bucket{a="1",le="+Inf"} 2',
        'h_sum{a="1"} 7.2',
        'h_count{a="1"} 2',
        '# HELP x_total X.',
        '# TYPE x_total counter',
        'x_total{a="",b="q\\"\\n"} 3',
        '',
      ].join('\n'),
    );
    expect(formatValue(1e-6)).toBe('1e-06');
    expect(formatValue(1_000_000)).toBe('1e+06');
    expect(formatValue(123_456)).toBe('123456');
    expect(formatValue(1.5e-7)).toBe('1.5e-07');
    expect(formatValue(0.25)).toBe('0.25');
  });
});
