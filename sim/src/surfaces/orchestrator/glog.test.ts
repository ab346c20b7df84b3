import { describe, expect, it } from 'vitest';
import { clogPrefix, glogHeader, glogLine, goQuote } from './glog.js';

describe('glog format', () => {
  it('matches a real go-livepeer line (pid 1, microseconds, file:line)', () => {
    const at = Date.UTC(2024, 11, 4, 21, 12, 42, 364) + 0.113;
    expect(
      glogLine(
        'I',
        at,
        { file: 'webserver.go', line: 68 },
        'CLI server listening on 127.0.0.1:7935',
      ).text,
    ).toBe('I1204 21:12:42.364113       1 webserver.go:68] CLI server listening on 127.0.0.1:7935');
  });

  it('pads month, day and time fields', () => {
    expect(
      glogHeader('E', Date.UTC(2025, 0, 2, 3, 4, 5, 6), { file: 'handlers.go', line: 30 }),
    ).toBe('E0102 03:04:05.006000       1 handlers.go:30] ');
  });
});

describe('clogPrefix', () => {
  it('puts standard keys first, then the others in insertion order', () => {
    expect(
      clogPrefix([
        ['clientIP', '1.2.3.4'],
        ['request_id', 'ab'],
        ['manifestID', 'cd'],
      ]),
    ).toBe('manifestID=cd clientIP=1.2.3.4 request_id=ab ');
    expect(clogPrefix([])).toBe('');
  });
});

describe('goQuote', () => {
  it('quotes like Go %q', () => {
    expect(goQuote('context deadline exceeded')).toBe('"context deadline exceeded"');
    expect(goQuote('Post "https://x": EOF\n')).toBe('"Post \\"https://x\\": EOF\\n"');
    expect(goQuote('a\\b\u0001')).toBe('"a\\\\b\\x01"');
  });
});
