import { ClickHouseError } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { clickHouseCodeOf, isPermanentStorageError } from './errors.js';

/** What chDB's bundled copy of the client's error class looks like: same class name, no `name`. */
const BundledClickHouseError = class ClickHouseError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
};

const fromClient = (code: string): ClickHouseError =>
  new ClickHouseError({ message: 'refused', code, type: 'X' });

describe('storage errors', () => {
  it('treats refused rows as permanent, from the client and from the embedded engine alike', () => {
    expect(isPermanentStorageError(fromClient('27'))).toBe(true);
    expect(isPermanentStorageError(new BundledClickHouseError('Cannot parse input', '27'))).toBe(
      true,
    );
  });

  it('retries overload, timeouts, network and replication errors', () => {
    for (const code of ['159', '202', '210', '241', '252', '319']) {
      expect(isPermanentStorageError(fromClient(code))).toBe(false);
      expect(isPermanentStorageError(new BundledClickHouseError('busy', code))).toBe(false);
    }
  });

  it('retries anything that is not a ClickHouse error (sockets, the engine gone)', () => {
    expect(isPermanentStorageError(new Error('ECONNREFUSED'))).toBe(false);
    expect(isPermanentStorageError('boom')).toBe(false);
    expect(isPermanentStorageError(null)).toBe(false);
    const impostor = new BundledClickHouseError('x', 'DROP');
    expect(clickHouseCodeOf(impostor)).toBeNull();
  });
});
