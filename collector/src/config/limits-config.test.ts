import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { helpText } from './help.js';
import { loadConfig } from './resolve.js';

describe('ingest limit and proxy options', () => {
  it('have documented defaults: generous for an 8-GPU host at 1 s, no trusted proxy', async () => {
    const c = await loadConfig([], {});
    expect(c.ingestLimits).toEqual({
      maxAttributes: 64,
      maxAttributeLength: 4096,
      maxSeriesPerToken: 50_000,
      seriesWindowMs: 3_600_000,
      pointsPerSecond: 10_000,
      burstPoints: 600_000,
    });
    expect(c.trustProxy).toEqual([]);
    expect(Object.isFrozen(c.ingestLimits)).toBe(true);
  });

  it('come from flags and NAAP_COLLECTOR_* variables', async () => {
    const c = await loadConfig(
      ['--ingest-rate', '0', '--max-series-per-token', '10', '--series-window-s', '60'],
      {
        NAAP_COLLECTOR_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,loopback,fd00::/8',
        NAAP_COLLECTOR_MAX_ATTRIBUTE_LENGTH: '256',
      },
    );
    expect(c.ingestLimits).toMatchObject({
      pointsPerSecond: 0,
      maxSeriesPerToken: 10,
      seriesWindowMs: 60_000,
      maxAttributeLength: 256,
    });
    expect(c.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback', 'fd00::/8']);
  });

  it('refuse bad values, naming the flag', async () => {
    for (const [argv, pattern] of [
      [['--max-point-attributes', '129'], /max-point-attributes/],
      [['--max-attribute-length', '8'], /max-attribute-length/],
      [['--ingest-rate', '-1'], /ingest-rate/],
      [['--trust-proxy', 'example.com'], /--trust-proxy .*"example\.com"/],
      [['--trust-proxy', '10.0.0.0/33'], /--trust-proxy/],
      [['--trust-proxy', '10.0.0.1/8/1'], /--trust-proxy/],
    ] as const) {
      await expect(loadConfig(argv, {})).rejects.toThrow(ConfigError);
      await expect(loadConfig(argv, {})).rejects.toThrow(pattern);
    }
  });

  it('are in --help', () => {
    const help = helpText();
    for (const flag of [
      '--max-point-attributes',
      '--max-attribute-length',
      '--max-series-per-token',
      '--series-window-s',
      '--ingest-rate',
      '--ingest-burst',
      '--trust-proxy',
    ])
      expect(help).toContain(flag);
  });
});
