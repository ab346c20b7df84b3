import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { mkdir } from 'node:fs/promises';
import type { CollectorConfig } from '../config/config.js';

/**
 * The storage connection: the official `@clickhouse/client` over embedded
 * chDB (`chdb/connection`) or a ClickHouse server's HTTP interface. Same SQL
 * in both modes. Table names are always qualified with the database.
 */
export interface Store {
  readonly client: ClickHouseClient;
  readonly database: string;
  readonly mode: 'embedded' | 'server';
  readonly cluster: string | undefined;
  /** `db.table`, for SQL built from trusted identifiers only. */
  table(name: string): string;
  /**
   * `db.table FINAL`: the rows of each sorting key merged as the engine's
   * background merges would (for reads that apply a function to each key's
   * row before adding, such as a cap per hour; cheaper than a GROUP BY on
   * the whole key when most parts are merged already).
   */
  merged(name: string): string;
  /**
   * Embedded engine only: an INSERT whose TabSeparated body is handed to chDB
   * as bytes (chdb's raw insert), without the JavaScript string copies the
   * `@clickhouse/client` path makes of a body. Undefined with a server.
   */
  readonly rawInsert?: (params: {
    readonly table: string;
    readonly columns: readonly string[];
    readonly body: Buffer;
  }) => Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * chdb's connection implements `@clickhouse/client-common`'s `Connection`;
 * `@clickhouse/client` bundles its own copy of those declarations, which
 * TypeScript sees as distinct types. The runtime interface is the same (this
 * is chdb's documented use), so the one conversion lives here.
 */
function embeddedConnection(path: string): {
  connection: ClientConnection;
  rawInsert: NonNullable<Store['rawInsert']>;
} {
  const chdb = createChdbConnection({ path });
  return {
    connection: chdb as unknown as ClientConnection,
    rawInsert: async ({ table, columns, body }) => {
      await chdb.chdb.rawInsert({ table, columns, values: body, format: 'TabSeparated' });
    },
  };
}

export async function openStore(
  config: Pick<CollectorConfig, 'storage' | 'database' | 'cluster'>,
  options: { requestTimeoutMs?: number } = {},
): Promise<Store> {
  let client: ClickHouseClient;
  let rawInsert: Store['rawInsert'];
  if (config.storage.mode === 'embedded') {
    await mkdir(config.storage.dir, { recursive: true });
    const embedded = embeddedConnection(config.storage.dir);
    client = createClient({ connection: embedded.connection });
    rawInsert = embedded.rawInsert;
  } else {
    client = createClient({
      url: config.storage.url,
      request_timeout: options.requestTimeoutMs ?? 30_000,
      compression: { request: true, response: true },
      // Failures reach the pipeline, which logs them once; no console noise.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }
  const { database, cluster } = config;
  let closed = false;
  return {
    client,
    database,
    mode: config.storage.mode,
    cluster,
    table: (name) => `${database}.${name}`,
    merged: (name) => `${database}.${name} FINAL`,
    ...(rawInsert === undefined ? {} : { rawInsert }),
    async ping() {
      try {
        const r = await client.ping();
        return r.success;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
