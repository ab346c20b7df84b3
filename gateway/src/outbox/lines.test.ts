import { describe, expect, it } from 'vitest';
import { completeLines, countNewlines, parseRecordLine } from './lines.js';
import { jobRecord, lineOf } from './testing.js';

describe('outbox lines', () => {
  it('parses complete lines only, at most maxLines, with their end offsets', () => {
    const a = lineOf(jobRecord(1));
    const b = lineOf(jobRecord(2));
    const buf = Buffer.from(a + b + b.slice(0, 10));
    const lines = completeLines(buf, 100, 10);
    expect(lines.map((l) => [l.end, l.record?.jobId])).toEqual([
      [100 + a.length, 'job-0001'],
      [100 + a.length + b.length, 'job-0002'],
    ]);
    expect(completeLines(buf, 0, 1)).toHaveLength(1);
    expect(completeLines(Buffer.from(b.slice(0, 10)), 0, 5)).toEqual([]);
  });

  it('names the problem of a line that is not a job record', () => {
    expect(parseRecordLine('')).toEqual({ ok: false, problem: 'not JSON' });
    expect(parseRecordLine('{"jobId":"x"')).toEqual({ ok: false, problem: 'not JSON' });
    const hostile = parseRecordLine('{"__proto__":{"synthetic":true},"jobId":"x"}');
    expect(hostile.ok).toBe(false);
    const wrong = parseRecordLine(JSON.stringify({ ...jobRecord(1), latencyMs: -5 }));
    expect(!wrong.ok && wrong.problem).toMatch(/latency/);
    expect(parseRecordLine(JSON.stringify(jobRecord(3)))).toEqual({
      ok: true,
      record: jobRecord(3),
    });
  });

  it('counts newlines up to a limit', () => {
    expect(countNewlines(Buffer.from('a\nb\nc'), 10)).toEqual({ count: 2, after: 4 });
    expect(countNewlines(Buffer.from('a\nb\nc\n'), 1)).toEqual({ count: 1, after: 2 });
    expect(countNewlines(Buffer.from('abc'), 10)).toEqual({ count: 0, after: 0 });
  });
});
