import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, HEADER_BYTES } from './record.js';

const record = {
  id: '3b0c4c36-4c1e-4a43-9f5e-0c5b1a1f0a11',
  table: 'otel_logs',
  rows: [
    { seq: 1, body: 'héllo' },
    { seq: 2, body: null },
  ],
};

/** A well-formed record file around an arbitrary payload. */
function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('NSP1', 0, 'latin1');
  header.writeUInt32BE(payload.length, 4);
  header.writeUInt32BE(crc32(payload), 8);
  return Buffer.concat([header, payload]);
}

describe('spool record codec', () => {
  it('round-trips a record', () => {
    expect(decodeRecord(encodeRecord(record))).toEqual({ ok: true, record });
  });

  it('detects a record cut short anywhere (a crash while writing)', () => {
    const data = encodeRecord(record);
    for (let length = 0; length < data.length; length += 1) {
      expect(decodeRecord(data.subarray(0, length)).ok).toBe(false);
    }
  });

  it('detects bytes beyond the record', () => {
    const data = Buffer.concat([encodeRecord(record), Buffer.from([0])]);
    const decoded = decodeRecord(data);
    expect(decoded.ok ? '' : decoded.error).toMatch(/does not match header/);
  });

  it('detects a flipped bit in the payload', () => {
    const data = encodeRecord(record);
    data[data.length - 5] = (data[data.length - 5] ?? 0) ^ 0x04;
    expect(decodeRecord(data)).toEqual({ ok: false, error: 'checksum mismatch' });
  });

  it('detects a foreign file', () => {
    expect(decodeRecord(Buffer.from('{"table":"t","rows":[]}xxxx'))).toEqual({
      ok: false,
      error: 'bad magic',
    });
  });

  it('checks the payload is {id, table, rows of objects}', () => {
    expect(decodeRecord(frame(Buffer.from('not json'))).ok).toBe(false);
    expect(decodeRecord(frame(Buffer.from('{"id":"i","table":1,"rows":[]}'))).ok).toBe(false);
    expect(decodeRecord(frame(Buffer.from('{"id":"i","table":"t","rows":[1]}'))).ok).toBe(false);
    expect(decodeRecord(frame(Buffer.from('{"table":"t","rows":[{}]}'))).ok).toBe(false);
    expect(decodeRecord(frame(Buffer.from('{"id":"i","table":"t","rows":[{}]}'))).ok).toBe(true);
  });
});
