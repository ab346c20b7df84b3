import { describe, expect, it } from 'vitest';
import { LineSplitter, type SourceLine } from './line-splitter.js';

function collect(max?: number): { lines: SourceLine[]; s: LineSplitter } {
  const lines: SourceLine[] = [];
  return { lines, s: new LineSplitter((l) => lines.push(l), max) };
}
const texts = (lines: SourceLine[]): string[] => lines.map((l) => l.text);

describe('LineSplitter', () => {
  it('splits on LF, drops the CR of CRLF, holds a partial line until its newline', () => {
    const { lines, s } = collect();
    s.push(Buffer.from('a\r\nb\nc'));
    expect(texts(lines)).toEqual(['a', 'b']);
    expect(s.pendingBytes).toBe(1);
    s.push(Buffer.from('d\n\n'));
    expect(texts(lines)).toEqual(['a', 'b', 'cd', '']);
  });

  it('never splits a UTF-8 sequence across chunks; invalid bytes become U+FFFD', () => {
    const { lines, s } = collect();
    const bytes = Buffer.from('µs é\n');
    for (const b of bytes) s.push(Uint8Array.of(b));
    s.push(Uint8Array.of(0x66, 0xff, 0xc3, 0x0a));
    expect(texts(lines)).toEqual(['µs é', 'f\ufffd\ufffd']);
  });

  it('keeps the head of an over-long line, flags it and bounds memory', () => {
    const { lines, s } = collect(16);
    for (let i = 0; i < 1000; i++) s.push(Buffer.alloc(1024, 0x61));
    expect(s.pendingBytes).toBe(16);
    s.push(Buffer.from('\nok\n'));
    expect(lines).toEqual([
      { text: 'a'.repeat(16), truncated: true },
      { text: 'ok', truncated: false },
    ]);
  });

  it('flushes or discards an unfinished line', () => {
    const { lines, s } = collect();
    s.push(Buffer.from('tail'));
    s.flush();
    s.push(Buffer.from('gone'));
    expect(s.discard()).toBe(true);
    expect(s.discard()).toBe(false);
    s.flush();
    expect(texts(lines)).toEqual(['tail']);
  });

  it('copies what it holds (callers reuse their buffers)', () => {
    const { lines, s } = collect();
    const buf = Buffer.from('abc');
    s.push(buf);
    buf.fill(0x7a);
    s.push(Buffer.from('\n'));
    expect(texts(lines)).toEqual(['abc']);
  });
});
