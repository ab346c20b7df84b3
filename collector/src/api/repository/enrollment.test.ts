import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../auth/token-store.js';
import { enrolledAddresses } from './enrollment.js';

const A = '0x3b28a7d785356dc67c7970666747e042305bfb79';
const B = '0x1111111111111111111111111111111111111111';
const C = '0x2222222222222222222222222222222222222222';

let n = 0;
const token = (over: Partial<TokenRecord>): TokenRecord => ({
  id: `tok_${++n}`,
  version: 1,
  hash: 'h',
  kind: 'agent',
  address: A,
  name: 'host-1',
  origin: 'enroll',
  createdAt: 1,
  updatedAt: 1,
  revokedAt: null,
  ...over,
});

describe('enrolledAddresses', () => {
  it('counts unrevoked agent tokens obtained by enrollment, by address', () => {
    expect(enrolledAddresses([token({}), token({ address: B, name: 'host-2' })])).toEqual(
      new Set([A, B]),
    );
  });

  it('does not count tokens an operator issued, revoked ones or gateway tokens', () => {
    expect(
      enrolledAddresses([
        token({ origin: 'cli' }),
        token({ origin: 'api', address: B }),
        token({ revokedAt: 5, address: C }),
        token({ kind: 'gateway', address: null }),
      ]),
    ).toEqual(new Set());
  });

  it('keeps an address enrolled while one of its enrolled tokens is still valid', () => {
    const tokens = [token({ revokedAt: 5 }), token({ name: 'host-2' })];
    expect(enrolledAddresses(tokens)).toEqual(new Set([A]));
  });
});
