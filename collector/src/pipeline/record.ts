import { crc32 } from 'node:zlib';
import type { Row } from './types.js';

/**
 * A spool record (one file): a 12-byte header, then the payload.
 *
 *   0  u32 BE  magic "NSP1"
 *   4  u32 BE  payload length in bytes
 *   8  u32 BE  CRC-32 of the payload
 *  12  payload: UTF-8 JSON {"id": string, "table": string, "rows": [row, …]}
 *
 * A row is a string (a line in the table's insert format) or an object
 * (JSONEachRow, as earlier versions wrote every row).
 *
 * A file cut short (a crash while writing it), with bytes beyond the payload,
 * or whose checksum or JSON does not match, decodes to an error: the caller
 * skips it and keeps every other record.
 */
export interface SpoolRecord {
  /** The batch id (InsertBatch.id). */
  readonly id: string;
  readonly table: string;
  readonly rows: readonly Row[];
}

const MAGIC = 0x4e535031;
export const HEADER_BYTES = 12;

export function encodeRecord(record: SpoolRecord): Buffer {
  const payload = Buffer.from(
    JSON.stringify({ id: record.id, table: record.table, rows: record.rows }),
    'utf8',
  );
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt32BE(payload.length, 4);
  header.writeUInt32BE(crc32(payload), 8);
  return Buffer.concat([header, payload]);
}

export type Decoded =
  | { readonly ok: true; readonly record: SpoolRecord }
  | { readonly ok: false; readonly error: string };

export function decodeRecord(data: Buffer): Decoded {
  if (data.length < HEADER_BYTES) return fail(`truncated header (${data.length} bytes)`);
  if (data.readUInt32BE(0) !== MAGIC) return fail('bad magic');
  const length = data.readUInt32BE(4);
  if (data.length !== HEADER_BYTES + length) {
    return fail(`length ${data.length - HEADER_BYTES} does not match header ${length}`);
  }
  const payload = data.subarray(HEADER_BYTES);
  if (crc32(payload) !== data.readUInt32BE(8)) return fail('checksum mismatch');
  return parsePayload(payload);
}

function parsePayload(payload: Buffer): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return fail('payload is not JSON');
  }
  if (!isRecord(value)) return fail('payload is not {id, table, rows}');
  return { ok: true, record: value };
}

function isRecord(value: unknown): value is SpoolRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { id, table, rows } = value as { id?: unknown; table?: unknown; rows?: unknown };
  return (
    typeof id === 'string' &&
    typeof table === 'string' &&
    Array.isArray(rows) &&
    rows.every(
      (row) =>
        typeof row === 'string' || (typeof row === 'object' && row !== null && !Array.isArray(row)),
    )
  );
}

function fail(error: string): Decoded {
  return { ok: false, error };
}
