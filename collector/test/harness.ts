import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { CollectorConfig } from '../src/config/config.js';
import { loadConfig } from '../src/config/resolve.js';
import type { Pipeline } from '../src/pipeline/index.js';
import { startCollector } from '../src/service.js';
import type { Store } from '../src/storage/store.js';

export const AGENT_TOKEN = 'agent-token-0123456789abcdef';
export const GATEWAY_TOKEN = 'gateway-token-0123456789abcdef';
export const AGENT_ADDRESS = '0x3b28a7d785356dc67c7970666747e042305bfb79';

/** A running collector (embedded chDB in a temp dir, real pipeline, ephemeral port), for tests. */
export interface TestCollector {
  readonly url: string;
  readonly store: Store;
  readonly config: CollectorConfig;
  readonly pipeline: Pipeline;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/** An entry of the collector's tokens file. */
export interface TokenEntry {
  readonly token: string;
  readonly kind: 'agent' | 'gateway' | 'admin';
  readonly address?: string;
  readonly name?: string;
}

export interface TestCollectorOptions {
  /** The tokens file (default: AGENT_TOKEN for AGENT_ADDRESS and GATEWAY_TOKEN). */
  readonly tokens?: readonly TokenEntry[];
}

export async function startTestCollector(
  flags: readonly string[] = [],
  options: TestCollectorOptions = {},
): Promise<TestCollector> {
  const dir = await mkdtemp(join(tmpdir(), 'naap-collector-'));
  const tokens = join(dir, 'tokens.json');
  await writeFile(
    tokens,
    JSON.stringify(
      options.tokens ?? [
        { token: AGENT_TOKEN, kind: 'agent', address: AGENT_ADDRESS },
        { token: GATEWAY_TOKEN, kind: 'gateway', name: 'gw-test' },
      ],
    ),
  );
  const config = await loadConfig(
    [
      '--listen',
      '127.0.0.1:0',
      '--clickhouse',
      `embedded:${join(dir, 'data')}`,
      '--tokens',
      tokens,
      '--batch-delay-ms',
      '100',
      ...flags,
    ],
    {},
  );
  const running = await startCollector(config, pino({ level: 'warn' }));
  const { store, pipeline } = running;
  return {
    url: running.url,
    store,
    config,
    pipeline,
    async count(table, where = '1') {
      const rs = await store.client.query({
        query: `SELECT count() AS n FROM ${store.table(table)} WHERE ${where}`,
        format: 'JSONEachRow',
      });
      const [row] = await rs.json<{ n: string | number }>();
      return Number(row?.n ?? 0);
    },
    async close() {
      await running.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
