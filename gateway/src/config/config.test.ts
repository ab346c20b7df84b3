import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './resolve.js';

describe('gateway configuration', () => {
  it('reads the contract variables', async () => {
    const c = await loadGatewayConfig([], {
      NAAP_GATEWAY_GATEWAY_URL: 'http://10.0.0.5:9935/',
      NAAP_GATEWAY_CLI_URL: 'http://10.0.0.5:5935',
      NAAP_GATEWAY_COLLECTOR: 'https://collector.example.com',
      NAAP_GATEWAY_TOKEN: 'secret-token',
      NAAP_GATEWAY_REGION: 'fra',
    });
    expect(c.gateway).toEqual({
      url: 'http://10.0.0.5:9935',
      cliUrl: 'http://10.0.0.5:5935',
      logFile: null,
    });
    expect(c.collector.url).toBe('https://collector.example.com');
    expect(c.collector.token).toBe('secret-token');
    expect(c.identity.region).toBe('FRA');
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.budget)).toBe(true);
  });

  it('has working defaults', async () => {
    const c = await loadGatewayConfig([], {});
    expect(c.gateway.url).toBe('http://127.0.0.1:9935');
    expect(c.gateway.cliUrl).toBe('http://127.0.0.1:5935');
    expect(c.collector.url).toBeNull();
    expect(c.identity.region).toBeNull();
    expect(c.pinning).toMatchObject({
      mode: 'webhook',
      webhookHost: '127.0.0.1',
      webhookPort: 7936,
    });
    expect(c.pinning.settleMs).toBeGreaterThan(600_000);
    expect(c.budget).toEqual({ maxConcurrent: 4, maxJobsPerMinute: 6, capacityShare: 0.25 });
    expect(c.datasetDir).toMatch(/datasets[/\\]v1$/);
    expect(c.filter).toEqual({ targets: null, pipelines: null });
  });

  it('takes flags over the environment, and filters', async () => {
    const c = await loadGatewayConfig(
      [
        '--region',
        'NYC',
        '--target',
        '0x3B28A7D785356DC67C7970666747E042305BFB79,0x0000000000000000000000000000000000000001',
        '--pipeline',
        'llm, text-to-image',
        '--cli-url',
        '',
      ],
      { NAAP_GATEWAY_REGION: 'FRA' },
    );
    expect(c.identity.region).toBe('NYC');
    expect([...(c.filter.targets ?? [])]).toEqual([
      '0x3b28a7d785356dc67c7970666747e042305bfb79',
      '0x0000000000000000000000000000000000000001',
    ]);
    expect([...(c.filter.pipelines ?? [])]).toEqual(['llm', 'text-to-image']);
    expect(c.gateway.cliUrl).toBeNull();
  });

  it('names the setting at fault', async () => {
    const cases: [readonly string[], Record<string, string>, RegExp][] = [
      [['--gatway-url', 'x'], {}, /--gatway-url/],
      [[], { NAAP_GATEWAY_GATEWAY_ULR: 'x' }, /NAAP_GATEWAY_GATEWAY_ULR/],
      [['--gateway-url', 'ftp://x'], {}, /--gateway-url/],
      [['--gateway-url', 'http://x/?a=1'], {}, /--gateway-url/],
      [['--collector', 'not a url'], {}, /--collector/],
      [['--region', 'MARS'], {}, /--region "MARS"/],
      [['--pinning', 'magic'], {}, /--pinning must be one of webhook, static/],
      [['--pinning', 'static'], {}, /--pinning static needs --targets-file/],
      [['--webhook-listen', 'nohost'], {}, /--webhook-listen/],
      [['--webhook-listen', '127.0.0.1:99999'], {}, /--webhook-listen/],
      [['--target', '0x12'], {}, /--target/],
      [['--pipeline', 'transcode'], {}, /--pipeline: unknown pipeline "transcode"/],
      [['--max-concurrent', '0'], {}, /--max-concurrent/],
      [['--capacity-share-percent', '101'], {}, /--capacity-share-percent/],
      [['--jobs-per-unit', 'many'], {}, /--jobs-per-unit/],
      [['--log-level', 'loud'], {}, /--log-level/],
      [['--live-ingest-url', 'not a url'], {}, /--live-ingest-url/],
      [
        ['--collector', 'http://c', '--results-file', '', '--outbox-file', ''],
        {},
        /--outbox-file \(NAAP_GATEWAY_OUTBOX_FILE\) must name a file/,
      ],
      [['--outbox-max-bytes', '10'], {}, /--outbox-max-bytes/],
      [['--outbox-batch-records', '0'], {}, /--outbox-batch-records/],
      [['--outbox-max-backoff-ms', '-1'], {}, /--outbox-max-backoff-ms/],
    ];
    for (const [argv, env, pattern] of cases) {
      await expect(loadGatewayConfig(argv, env), argv.join(' ')).rejects.toThrow(pattern);
    }
  });

  it('keeps job records for the collector in the results file, or the outbox file without one', async () => {
    const withResults = await loadGatewayConfig(
      ['--results-file', '/var/lib/gw/results.jsonl'],
      {},
    );
    expect(withResults.collector.outbox).toEqual({
      file: '/var/lib/gw/results.jsonl',
      owned: false,
      maxBytes: 268_435_456,
      maxRecords: 1_000_000,
      batchRecords: 500,
      maxBackoffMs: 30_000,
    });
    const without = await loadGatewayConfig(['--results-file', '', '--outbox-max-records', '10'], {
      NAAP_GATEWAY_OUTBOX_FILE: '/var/lib/gw/outbox.jsonl',
    });
    expect(without.collector.outbox).toMatchObject({
      file: '/var/lib/gw/outbox.jsonl',
      owned: true,
      maxRecords: 10,
    });
    expect(without.resultsFile).toBeNull();
  });
});
