import { describe, expect, it } from 'vitest';
import { analyzeLine, parseLine } from './parse.js';

// Shapes copied from naap-sim's go-livepeer log writer (batch-lines.ts, live-lines.ts).
const H = (sev: string, file: string): string => `${sev}0506 14:00:01.566075       1 ${file}] `;
const CTX = 'manifestID=f374eed3 clientIP=203.0.113.11 ';
const LIVE_CTX =
  'manifestID=fafea33d clientIP=203.0.113.11 request_id=02ef4f03 manifest_id=9f380ae6 stream_id=stream-4d173df9 ';
const T2I = 'cap=Text to image modelID=stabilityai/sdxl-turbo';
const PROCESSED = `${H('I', 'ai_http.go:574')}${CTX}Processed request id=de5daa1d ${T2I} took=291.075ms`;

describe('parseLine: everything else', () => {
  const hostile: [string, string][] = [
    ['empty', ''],
    ['start-up banner', `${H('I', 'starter.go:537')}***Livepeer Running in Orchestrator Mode***`],
    [
      'trickle EOF',
      `${H('I', 'ai_http.go:332')}${LIVE_CTX}Error getting local trickle segment err=EOF`,
    ],
    ['garbage', 'lorem ipsum dolor sit amet'],
    [
      'truncated Processed',
      `${H('I', 'ai_http.go:574')}${CTX}Processed request id=de5daa1d cap=Text to im`,
    ],
    ['only a header', H('I', 'ai_http.go:574')],
    [
      'binary junk',
      String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    ],
    ['replacement characters', '\ufffd\ufffd Processed request \ufffd'],
    ['NUL bytes', '\u0000'.repeat(1000)],
    ['bad request id', `${H('I', 'ai_http.go:574')}Processed request id=<script> ${T2I} took=1s`],
    ['HTTP status out of range', `${H('E', 'handlers.go:30')}HTTP Response Error 200: fine`],
    ['lone ESC', '\u001b\u001b['],
    ['huge cap', `Processed request id=ab cap=${'x'.repeat(100_000)} modelID=m took=1s`],
  ];
  it.each(hostile)('%s → null', (_name, line) => {
    expect(parseLine(line)).toBeNull();
  });

  it('survives a 1 MB line and examines only its first 64 KiB', () => {
    const huge = `${PROCESSED} ${'x'.repeat(1024 * 1024)}`;
    expect(parseLine(huge)).toMatchObject({ kind: 'processed', durationS: 0.291075 });
    const late = `${'y'.repeat(1024 * 1024)} ${PROCESSED}`;
    expect(parseLine(late)).toBeNull();
  });

  it('never throws on random input', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      'Processed request ',
      'id=',
      'cap=',
      ' modelID=',
      ' took=',
      'err="',
      '\\',
      '"',
      ' ',
      '1.5s',
      'HTTP Response Error ',
      '503: ',
      'Successfully received results from remote worker=',
      ' pipeline=',
      'sessionID=',
      '_',
      '\u001b[',
      '\r',
      '\ufffd',
      'é',
    ];
    for (let i = 0; i < 5000; i++) {
      let line = '';
      const n = Math.floor(rnd() * 12);
      for (let j = 0; j < n; j++) line += pieces[Math.floor(rnd() * pieces.length)] ?? '';
      expect(() => analyzeLine(line)).not.toThrow();
    }
  });

  it('says whether a line is glog output', () => {
    expect(analyzeLine(`${H('I', 'starter.go:537')}hello`)).toEqual({ event: null, glog: true });
    expect(analyzeLine('hello')).toEqual({ event: null, glog: false });
  });
});
