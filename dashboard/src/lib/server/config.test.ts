import { ConfigError } from '@naap/otel/config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('dashboard configuration', () => {
  it('has working defaults and is frozen', async () => {
    const c = await loadConfig([], {});
    expect(c).toEqual({
      apiUrl: 'http://127.0.0.1:4318',
      publicApiUrl: '',
      apiTimeoutMs: 10_000,
      liveMaxVisitors: 2000,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads NAAP_DASHBOARD_* variables and flags, flags first, trailing slashes trimmed', async () => {
    const c = await loadConfig(['--api-timeout-ms', '2500'], {
      NAAP_DASHBOARD_API_URL: 'https://collector.internal:4318/',
      NAAP_DASHBOARD_PUBLIC_API_URL: 'https://naap.example/',
      NAAP_DASHBOARD_API_TIMEOUT_MS: '9000',
      // adapter-node's own settings pass through untouched.
      NAAP_DASHBOARD_HTTP_PORT: '3000',
      NAAP_DASHBOARD_BASE_PATH: '/naap',
      PATH: '/usr/bin',
    });
    expect(c.apiUrl).toBe('https://collector.internal:4318');
    expect(c.publicApiUrl).toBe('https://naap.example');
    expect(c.apiTimeoutMs).toBe(2500);
  });

  it('rejects unknown settings and bad values, naming them', async () => {
    const cases: [readonly string[], Record<string, string>, RegExp][] = [
      [[], { NAAP_DASHBOARD_API_ULR: 'http://x' }, /NAAP_DASHBOARD_API_ULR/],
      [['--colour', 'blue'], {}, /--colour/],
      [[], { NAAP_DASHBOARD_API_URL: 'ftp://x' }, /NAAP_DASHBOARD_API_URL.*http/],
      [[], { NAAP_DASHBOARD_API_URL: 'not a url' }, /NAAP_DASHBOARD_API_URL/],
      [[], { NAAP_DASHBOARD_PUBLIC_API_URL: 'http://x/?a=1' }, /PUBLIC_API_URL.*query/],
      [[], { NAAP_DASHBOARD_API_TIMEOUT_MS: '5' }, /NAAP_DASHBOARD_API_TIMEOUT_MS/],
      [[], { NAAP_DASHBOARD_LIVE_MAX_VISITORS: 'many' }, /NAAP_DASHBOARD_LIVE_MAX_VISITORS/],
    ];
    for (const [argv, env, message] of cases) {
      const err = await loadConfig(argv, env).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(message);
    }
  });
});
