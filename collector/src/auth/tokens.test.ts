import { describe, expect, it } from 'vitest';
import { hashToken } from './secret.js';
import { parseTokens, TokenFileError } from './tokens.js';

const AGENT = 'agent-token-0123456789abcdef';
const GATEWAY = 'gateway-token-0123456789abcdef';
const ADDRESS = '0x3b28a7d785356dc67c7970666747e042305bfb79';

describe('tokens', () => {
  const registry = parseTokens(
    JSON.stringify([
      { token: AGENT, kind: 'agent', address: ADDRESS.toUpperCase().replace('0X', '0x') },
      { token: GATEWAY, kind: 'gateway', name: 'gw-fra' },
    ]),
    'tokens.json',
  );

  it('maps a bearer token to its identity, address lower-cased', () => {
    expect(registry.authenticate(`Bearer ${AGENT}`)).toEqual({
      kind: 'agent',
      address: ADDRESS,
      name: 'agent-0',
    });
    expect(registry.authenticate(`bearer ${GATEWAY}`)).toEqual({ kind: 'gateway', name: 'gw-fra' });
  });

  it('refuses anything else', () => {
    for (const h of [
      undefined,
      '',
      AGENT,
      `Basic ${AGENT}`,
      `Bearer ${AGENT}x`,
      'Bearer ',
      `Bearer ${'a'.repeat(10_000)}`,
    ]) {
      expect(registry.authenticate(h)).toBeNull();
    }
  });

  it('rejects malformed token files, naming the problem', () => {
    expect(() => parseTokens('{', 'f')).toThrow(TokenFileError);
    expect(() => parseTokens('{}', 'f')).toThrow(/f:/);
    expect(() =>
      parseTokens(JSON.stringify([{ token: 'short', kind: 'agent', address: ADDRESS }]), 'f'),
    ).toThrow(/token/);
    expect(() => parseTokens(JSON.stringify([{ token: AGENT, kind: 'agent' }]), 'f')).toThrow(
      /entry 0 \(agent\) needs an "address"/,
    );
    expect(() => parseTokens(JSON.stringify([{ token: AGENT, kind: 'root' }]), 'f')).toThrow(
      TokenFileError,
    );
    expect(() =>
      parseTokens(
        JSON.stringify([
          { token: AGENT, kind: 'gateway' },
          { token: AGENT, kind: 'gateway' },
        ]),
        'f',
      ),
    ).toThrow(/repeats/);
    expect(() =>
      parseTokens(JSON.stringify([{ token: AGENT, kind: 'gateway', extra: 1 }]), 'f'),
    ).toThrow(TokenFileError);
  });
});

describe('stored tokens in the registry', () => {
  it('authenticates stored tokens beside the file ones, and forgets them when replaced', () => {
    const registry = parseTokens(JSON.stringify([{ token: GATEWAY, kind: 'gateway' }]), 'f');
    expect(registry.hasAdmin()).toBe(false);
    const secret = 'naap_admin_0123456789abcdef0123456789';
    registry.setStored([
      { hash: hashToken(secret), identity: { kind: 'admin', name: 'ops', id: 'tok_1' } },
    ]);
    expect(registry.size).toBe(2);
    expect(registry.hasAdmin()).toBe(true);
    expect(registry.authenticate(`Bearer ${secret}`)).toEqual({
      kind: 'admin',
      name: 'ops',
      id: 'tok_1',
    });
    expect(registry.authenticate(`Bearer ${GATEWAY}`)?.kind).toBe('gateway');
    registry.setStored([]);
    expect(registry.authenticate(`Bearer ${secret}`)).toBeNull();
    expect(registry.hasAdmin()).toBe(false);
    expect(registry.fileIdentities()).toEqual([{ kind: 'gateway', name: 'gateway-0' }]);
  });
});
