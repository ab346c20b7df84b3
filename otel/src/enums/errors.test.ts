import { describe, expect, it } from 'vitest';
import {
  classifyError,
  ERROR_CLASS_NAMES,
  isExcusedErrorClass,
  outcomeOfError,
  sanitizeErrorMessage,
} from './errors.js';

describe('classifyError with real go-livepeer and ai-runner error strings', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['insufficient capacity', 'capacity'],
    ['Insufficient capacity for pipeline=text-to-image modelID=stabilityai/sdxl-turbo', 'capacity'],
    ['ticketparams expired', 'payment'],
    ['TicketParams expired', 'payment'],
    ['invalid ticket sendernonce', 'payment'],
    ['Insufficient balance', 'payment'],
    ['no orchestrators available', 'no_orchestrator'],
    ['No orchestrators available within 4s', 'no_orchestrator'],
    ['context deadline exceeded', 'timeout'],
    [
      'Post "https://203.0.113.7:8935/process/request/text-to-image": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      'timeout',
    ],
    ['dial tcp 203.0.113.7:8935: i/o timeout', 'timeout'],
    [
      'CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.65 GiB total capacity; 20.10 GiB already allocated)',
      'oom',
    ],
    ['torch.OutOfMemoryError: CUDA out of memory.', 'oom'],
    ['RuntimeError: CUDA error: out of memory', 'oom'],
    ['dial tcp 203.0.113.7:8935: connect: connection refused', 'transport'],
    ['read tcp 10.1.1.2:51000->203.0.113.7:8935: read: connection reset by peer', 'transport'],
    ['unexpected EOF', 'transport'],
    ['context canceled', 'client_disconnect'],
    [
      'json: cannot unmarshal string into Go struct field TextToImageJSONRequestBody.width of type int',
      'bad_request',
    ],
    ['prompt is required', 'bad_request'],
    ['500 Internal Server Error', 'runner_error'],
    ['Error processing request: pipeline error', 'runner_error'],
    ['something nobody has seen before', 'unknown'],
  ];

  it.each(cases)('%s → %s', (message, expected) => {
    expect(classifyError(message)).toBe(expected);
  });

  it('uses the HTTP status only when the text says nothing recognisable', () => {
    expect(classifyError('', 503)).toBe('capacity');
    expect(classifyError(undefined, 400)).toBe('bad_request');
    expect(classifyError(null, 402)).toBe('payment');
    expect(classifyError('', 504)).toBe('timeout');
    expect(classifyError('', 502)).toBe('transport');
    expect(classifyError('', 500)).toBe('runner_error');
    expect(classifyError('zzz', 422)).toBe('bad_request');
    expect(classifyError('insufficient capacity', 400)).toBe('capacity');
    expect(classifyError('', 200)).toBe('unknown');
    expect(classifyError('')).toBe('unknown');
  });

  it('returns only classes of the stable set, for hostile input too', () => {
    const hostile = [
      'a'.repeat(1_000_000),
      '\u0000\u0001\uFFFF',
      '(((((((((((((((((((((((((((((((((((((((',
      `${'x'.repeat(5000)} insufficient capacity`,
      '💥'.repeat(10_000),
    ];
    for (const h of hostile) expect(ERROR_CLASS_NAMES).toContain(classifyError(h));
    // Only the first 4 KiB are examined.
    expect(classifyError(`${'x'.repeat(5000)} insufficient capacity`)).toBe('unknown');
  });
});

describe('excused error classes', () => {
  it('excuses what is not the orchestrator’s fault', () => {
    expect(isExcusedErrorClass('no_orchestrator')).toBe(true);
    expect(isExcusedErrorClass('client_disconnect')).toBe(true);
    expect(isExcusedErrorClass('bad_request')).toBe(true);
    expect(isExcusedErrorClass('timeout')).toBe(false);
    expect(isExcusedErrorClass('capacity')).toBe(false);
    expect(outcomeOfError('oom')).toBe('failure');
    expect(outcomeOfError('no_orchestrator')).toBe('excused');
  });
});

describe('sanitizeErrorMessage', () => {
  it('folds control characters and white space', () => {
    expect(sanitizeErrorMessage('line1\nline2\t\u0000 x\r\n')).toBe('line1 line2 x');
  });

  it('bounds the length', () => {
    expect(sanitizeErrorMessage('e'.repeat(10_000))).toHaveLength(512);
    expect(sanitizeErrorMessage('abcdef', 3)).toBe('abc');
  });
});
