import { describe, expect, it } from 'vitest';
import { Backoff, MAX_RETRY_AFTER_MS, parseRetryAfter } from './backoff.js';
import { classify } from './transport.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates, capped', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('99999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores what is not a delay or a date', () => {
    for (const v of [null, '', '-5', '1.5', 'soon', '12345678901234', 'x'.repeat(100)])
      expect(parseRetryAfter(v, NOW)).toBeNull();
  });
});

describe('Backoff', () => {
  it('doubles from 1 s up to the cap, with jitter between half and all, and resets', () => {
    const top = new Backoff(8_000, () => 1);
    expect([1, 2, 3, 4, 5].map(() => top.next())).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    top.reset();
    expect(top.next()).toBe(1_000);
    const bottom = new Backoff(8_000, () => 0);
    expect([1, 2, 3].map(() => bottom.next())).toEqual([500, 1_000, 2_000]);
  });
});

describe('classify', () => {
  it('maps the collector answers to what the sender does', () => {
    expect(classify(200, '{}', null, NOW)).toEqual({ kind: 'ok', rejected: 0, message: '' });
    expect(
      classify(200, '{"partialSuccess":{"rejectedLogRecords":"3","errorMessage":"x"}}', null, NOW),
    ).toEqual({ kind: 'ok', rejected: 3, message: 'x' });
    expect(classify(200, 'not json', null, NOW)).toEqual({ kind: 'ok', rejected: 0, message: '' });
    expect(classify(503, '{"code":14,"message":"busy"}', '2', NOW)).toEqual({
      kind: 'retry',
      status: 503,
      retryAfterMs: 2_000,
      message: 'busy',
    });
    expect(classify(429, '', null, NOW)).toMatchObject({ kind: 'retry', retryAfterMs: null });
    expect(classify(502, '', 'garbage', NOW)).toMatchObject({ kind: 'retry', retryAfterMs: null });
    expect(classify(400, 'bad', null, NOW)).toEqual({ kind: 'split', status: 400, message: 'bad' });
    expect(classify(413, '', null, NOW)).toMatchObject({ kind: 'split', message: 'HTTP 413' });
    expect(classify(401, '', null, NOW)).toMatchObject({ kind: 'refused', status: 401 });
    expect(classify(404, 'x'.repeat(5_000), null, NOW)).toMatchObject({ kind: 'refused' });
    const long = classify(404, 'x'.repeat(5_000), null, NOW);
    expect(long.kind === 'refused' && long.message.length).toBe(300);
  });
});
