import { describe, expect, it } from 'vitest';
import { decodeLogsJson } from './json-logs.js';
import { DecodeError } from './model.js';
import type { LogRecord } from './model.js';

const TRACE_HEX = '5B8EFFF798038103D269B633813FC60C';
const SPAN_HEX = 'EEE19B7EC3C1B174';

function wrap(...logRecords: unknown[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeLogs: [{ scope: { name: 'lg', version: '1' }, logRecords }],
      },
    ],
  });
}

function decodeOne(record: unknown): LogRecord {
  const r = decodeLogsJson(wrap(record)).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
  if (r === undefined) throw new Error('no record');
  return r;
}

function decodeError(text: string): DecodeError {
  try {
    decodeLogsJson(text);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

const EXPECTED: LogRecord = {
  timeUnixNano: 1700000000000000001n,
  observedTimeUnixNano: 1700000000000000002n,
  severityNumber: 9,
  severityText: 'INFO',
  body: { msg: 'done', ms: 12.5 },
  attributes: { 'job.id': 'j-1' },
  droppedAttributesCount: 2,
  flags: 1,
  traceId: TRACE_HEX.toLowerCase(),
  spanId: SPAN_HEX.toLowerCase(),
  eventName: 'livepeer.job.completed',
};

describe('decodeLogsJson', () => {
  it('reads an OTLP/JSON record: hex ids of any case, numeric severity, event name', () => {
    const record = decodeOne({
      timeUnixNano: '1700000000000000001',
      observedTimeUnixNano: '1700000000000000002',
      severityNumber: 9,
      severityText: 'INFO',
      body: {
        kvlistValue: {
          values: [
            { key: 'msg', value: { stringValue: 'done' } },
            { key: 'ms', value: { doubleValue: 12.5 } },
          ],
        },
      },
      attributes: [{ key: 'job.id', value: { stringValue: 'j-1' } }],
      droppedAttributesCount: 2,
      flags: 1,
      traceId: TRACE_HEX,
      spanId: SPAN_HEX,
      eventName: 'livepeer.job.completed',
    });
    expect(record).toEqual(EXPECTED);
  });

  it('reads plain proto3 JSON too: snake_case, severity names, base64 ids', () => {
    const record = decodeOne({
      time_unix_nano: 1700000000000000001n.toString(),
      observed_time_unix_nano: '1700000000000000002',
      severity_number: 'SEVERITY_NUMBER_INFO',
      severity_text: 'INFO',
      body: {
        kvlist_value: {
          values: [
            { key: 'msg', value: { string_value: 'done' } },
            { key: 'ms', value: { double_value: '12.5' } },
          ],
        },
      },
      attributes: [{ key: 'job.id', value: { string_value: 'j-1' } }],
      dropped_attributes_count: '2',
      flags: 1,
      trace_id: Buffer.from(TRACE_HEX, 'hex').toString('base64'),
      span_id: Buffer.from(SPAN_HEX, 'hex').toString('base64'),
      event_name: 'livepeer.job.completed',
    });
    expect(record).toEqual(EXPECTED);
  });

  it('reads an empty record as defaults and keeps the envelope', () => {
    const req = decodeLogsJson(wrap({}));
    expect(req.resourceLogs[0]?.resource.attributes).toEqual({ 'service.name': 'svc' });
    expect(req.resourceLogs[0]?.scopeLogs[0]?.scope).toMatchObject({ name: 'lg', version: '1' });
    expect(req.resourceLogs[0]?.scopeLogs[0]?.logRecords[0]).toMatchObject({
      body: null,
      traceId: '',
      spanId: '',
      eventName: '',
      severityNumber: 0,
      timeUnixNano: 0n,
    });
  });

  it('keeps a __proto__ attribute key as a plain key and ignores a leading BOM', () => {
    const text = `\uFEFF${wrap({ attributes: [{ key: '__proto__', value: { stringValue: 'x' } }] })}`;
    const attributes =
      decodeLogsJson(text).resourceLogs[0]?.scopeLogs[0]?.logRecords[0]?.attributes;
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes ?? {})).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('x');
  });

  it('maps every severity name', () => {
    expect(decodeOne({ severityNumber: 'SEVERITY_NUMBER_TRACE' }).severityNumber).toBe(1);
    expect(decodeOne({ severityNumber: 'SEVERITY_NUMBER_WARN3' }).severityNumber).toBe(15);
    expect(decodeOne({ severityNumber: 'SEVERITY_NUMBER_FATAL4' }).severityNumber).toBe(24);
  });

  it('rejects bad ids, unknown severity names and numbers where strings belong', () => {
    const path = 'resourceLogs[0].scopeLogs[0].logRecords[0]';
    expect(decodeError(wrap({ traceId: 'abc' })).path).toBe(`${path}.traceId`);
    expect(decodeError(wrap({ spanId: 'zzzzzzzzzzzzzzzz' })).path).toBe(`${path}.spanId`);
    expect(decodeError(wrap({ traceId: 12 })).message).toContain('expected a hex or base64 id');
    expect(decodeError(wrap({ severityNumber: 'LOUD' })).path).toBe(`${path}.severityNumber`);
    const body = decodeError(wrap({ body: { stringValue: 42 } }));
    expect(body.path).toBe(`${path}.body.stringValue`);
    expect(decodeError(wrap({ eventName: ['x'] })).message).toContain('got array');
    expect(decodeError('{"resourceLogs":[{"scopeLogs":[1]}]}').path).toBe(
      'resourceLogs[0].scopeLogs[0]',
    );
  });
});
