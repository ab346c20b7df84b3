import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/resolve.js';

describe('API options', () => {
  it('have documented defaults', async () => {
    const c = await loadConfig([], {});
    expect(c.api).toMatchObject({
      rateLimitPerMinute: 600,
      rateLimitExempt: [],
      queryTimeoutMs: 10_000,
      corsOrigin: '*',
      liveIntervalMs: 2_000,
      maxLiveClients: 1_000,
    });
    expect(Object.isFrozen(c.api)).toBe(true);
  });

  it('come from flags and NAAP_COLLECTOR_* variables', async () => {
    const c = await loadConfig(['--api-rate-limit', '0', '--datasets-dir', 'some/dir'], {
      NAAP_COLLECTOR_API_RATE_LIMIT_EXEMPT: '10.0.0.1,::1',
      NAAP_COLLECTOR_API_QUERY_TIMEOUT_MS: '2500',
    });
    expect(c.api.rateLimitPerMinute).toBe(0);
    expect(c.api.rateLimitExempt).toEqual(['10.0.0.1', '::1']);
    expect(c.api.queryTimeoutMs).toBe(2500);
    expect(c.api.datasetsDir).toBe(join(process.cwd(), 'some/dir'));
  });

  it('name the flag at fault', async () => {
    await expect(loadConfig(['--api-query-timeout-ms', '5'], {})).rejects.toThrow(
      /--api-query-timeout-ms must be ≥ 100/,
    );
    await expect(loadConfig(['--api-rate-limit-exempt', '10.0.0.1,nope'], {})).rejects.toThrow(
      /--api-rate-limit-exempt: "nope"/,
    );
    await expect(loadConfig(['--datasets-dir', ''], {})).rejects.toThrow(/--datasets-dir/);
    await expect(loadConfig(['--api-live-interval-ms', '1e3'], {})).rejects.toThrow(/whole number/);
  });
});
