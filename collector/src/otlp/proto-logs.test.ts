import { describe, expect, it } from 'vitest';
import { DecodeError } from './model.js';
import type { LogRecord } from './model.js';
import { decodeLogsProtobuf } from './proto-logs.js';
import { bytes, concat, fixed32, fixed64, kv, str, sub, varint } from './test-wire.js';

const TRACE = Uint8Array.from({ length: 16 }, (_, i) => i * 16 + 10);
const SPAN = Uint8Array.from({ length: 8 }, (_, i) => 255 - i);

/** ExportLogsServiceRequest with one resource and one scope holding `records`. */
function request(...records: Uint8Array[]): Uint8Array {
  return sub(
    1,
    sub(1, kv(1, 'service.name', 'svc')),
    sub(2, sub(1, str(1, 'lg')), ...records.map((r) => sub(2, r))),
  );
}

function decodeOne(record: Uint8Array): LogRecord {
  const r = decodeLogsProtobuf(request(record)).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
  if (r === undefined) throw new Error('no record');
  return r;
}

function decodeError(body: Uint8Array): DecodeError {
  try {
    decodeLogsProtobuf(body);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

describe('decodeLogsProtobuf', () => {
  it('reads every LogRecord field, event_name included', () => {
    const record = decodeOne(
      concat(
        fixed64(1, 1_700_000_000_000_000_001n),
        varint(2, 17),
        str(3, 'ERROR'),
        sub(5, sub(6, kv(1, 'msg', 'boom'), kv(1, 'code', 503))),
        kv(6, 'job.id', 'j-1'),
        kv(6, 'retries', 2),
        varint(7, 4),
        fixed32(8, 1),
        bytes(9, TRACE),
        bytes(10, SPAN),
        fixed64(11, 1_700_000_000_000_000_002n),
        str(12, 'livepeer.job.completed'),
        str(4, 'reserved field 4 is skipped'),
      ),
    );
    expect(record).toEqual({
      timeUnixNano: 1_700_000_000_000_000_001n,
      observedTimeUnixNano: 1_700_000_000_000_000_002n,
      severityNumber: 17,
      severityText: 'ERROR',
      body: { msg: 'boom', code: 503 },
      attributes: { 'job.id': 'j-1', retries: 2 },
      droppedAttributesCount: 4,
      flags: 1,
      traceId: '0a1a2a3a4a5a6a7a8a9aaabacadaeafa',
      spanId: 'fffefdfcfbfaf9f8',
      eventName: 'livepeer.job.completed',
    });
  });

  it('reads defaults for an empty record and keeps the envelope', () => {
    const req = decodeLogsProtobuf(request(new Uint8Array(0)));
    const rl = req.resourceLogs[0];
    expect(rl?.resource.attributes).toEqual({ 'service.name': 'svc' });
    expect(rl?.scopeLogs[0]?.scope.name).toBe('lg');
    expect(rl?.scopeLogs[0]?.logRecords[0]).toEqual({
      timeUnixNano: 0n,
      observedTimeUnixNano: 0n,
      severityNumber: 0,
      severityText: '',
      body: null,
      attributes: {},
      droppedAttributesCount: 0,
      flags: 0,
      traceId: '',
      spanId: '',
      eventName: '',
    });
  });

  it('reads a string body and skips unknown fields', () => {
    const record = decodeOne(concat(sub(5, str(1, 'hello')), str(99, 'future'), varint(13, 1)));
    expect(record.body).toBe('hello');
  });

  it('rejects ids of the wrong length and flags with the wrong wire type, naming the record', () => {
    const badId = decodeError(request(bytes(9, new Uint8Array(5))));
    expect(badId.path).toBe('resourceLogs[0].scopeLogs[0].logRecords[0]');
    expect(badId.message).toContain('expected 16');
    const badFlags = decodeError(request(varint(8, 1)));
    expect(badFlags.message).toContain('field 8');
    expect(badFlags.message).toContain('32-bit');
  });

  it('names the body path of a malformed AnyValue', () => {
    const err = decodeError(request(sub(5, sub(5, sub(1, varint(1, 3))))));
    expect(err.path).toBe('resourceLogs[0].scopeLogs[0].logRecords[0].body.arrayValue.values[0]');
  });
});
