import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { helpText } from './help.js';
import { loadConfig } from './resolve.js';

describe('collector configuration', () => {
  it('has documented defaults', async () => {
    const c = await loadConfig([], {});
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 4318 });
    expect(c.storage).toEqual({ mode: 'embedded', dir: join(process.cwd(), 'data') });
    expect(c.database).toBe('naap');
    expect(c.spool.dir).toBe(join(process.cwd(), 'data', 'spool'));
    expect(c.limits.maxBodyBytes).toBe(64 * 1024 * 1024);
    expect(c.batching).toEqual({
      ack: 'insert',
      logRows: 50_000,
      rows: 10_000,
      delayMs: 1000,
      maxPendingRows: 200_000,
    });
    expect(c.ttlDays).toEqual({ raw: 14, minute: 90, hour: 730 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.limits)).toBe(true);
  });

  it('takes flags over environment over file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naap-cfg-'));
    const file = join(dir, 'c.json');
    await writeFile(
      file,
      JSON.stringify({ listen: '0.0.0.0:1', database: 'from_file', 'ttl-raw-days': 30 }),
    );
    const c = await loadConfig(['--config', file, '--listen=127.0.0.1:9999'], {
      NAAP_COLLECTOR_DATABASE: 'from_env',
      NAAP_COLLECTOR_CLICKHOUSE: 'http://u:p@127.0.0.1:8123/db',
    });
    expect(c.listen.port).toBe(9999);
    expect(c.database).toBe('from_env');
    expect(c.ttlDays.raw).toBe(30);
    expect(c.storage).toEqual({ mode: 'server', url: 'http://u:p@127.0.0.1:8123/db' });
  });

  it('names the flag, variable or key at fault', async () => {
    await expect(loadConfig(['--lisen', 'x'], {})).rejects.toThrow(/unknown flag --lisen/);
    await expect(loadConfig([], { NAAP_COLLECTOR_LISTN: 'x' })).rejects.toThrow(
      /NAAP_COLLECTOR_LISTN/,
    );
    await expect(loadConfig(['--batch-rows', '0'], {})).rejects.toThrow(/--batch-rows must be ≥ 1/);
    await expect(loadConfig(['--batch-rows', '1e3'], {})).rejects.toThrow(/whole number/);
    await expect(loadConfig(['--ingest-ack', 'fsync'], {})).rejects.toThrow(
      /--ingest-ack must be insert or log, got "fsync"/,
    );
    await expect(loadConfig(['--ingest-ack', 'log', '--spool-max-bytes', '0'], {})).rejects.toThrow(
      /--ingest-ack log .*--spool-max-bytes must be > 0/,
    );
    const log = await loadConfig([], { NAAP_COLLECTOR_INGEST_ACK: 'log' });
    expect(log.batching.ack).toBe('log');
    await expect(loadConfig(['--listen', 'nohost'], {})).rejects.toThrow(
      /--listen must be host:port/,
    );
    await expect(loadConfig(['--clickhouse', 'ftp://x'], {})).rejects.toThrow(/http or https/);
    await expect(loadConfig(['--database', 'x; DROP'], {})).rejects.toThrow(/identifier/);
    await expect(loadConfig(['--listen'], {})).rejects.toThrow(ConfigError);
    const dir = await mkdtemp(join(tmpdir(), 'naap-cfg-'));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ colour: 'red' }));
    await expect(loadConfig(['--config', join(dir, 'bad.json')], {})).rejects.toThrow(
      /unknown key "colour"/,
    );
    await writeFile(join(dir, 'trunc.json'), '{"listen": ');
    await expect(loadConfig(['--config', join(dir, 'trunc.json')], {})).rejects.toThrow(
      /config file/,
    );
  });

  it('documents every flag with its variable', () => {
    const text = helpText();
    for (const flag of ['--listen', '--clickhouse', '--tokens', '--spool-dir', '--ttl-raw-days'])
      expect(text).toContain(flag);
    expect(text).toContain('NAAP_COLLECTOR_LISTEN');
    expect(text).toContain('default 127.0.0.1:4318');
  });
});
