import { createTable, ident, onCluster } from '../schema/ddl.js';
import type { Store } from '../store.js';
import { MIGRATIONS } from './index.js';
import type { Migration, MigrationContext } from './types.js';

export const MIGRATIONS_TABLE = 'naap_schema_migrations';

export interface MigrationReport {
  readonly applied: readonly number[];
  readonly alreadyApplied: readonly number[];
}

async function appliedIds(store: Store): Promise<Set<number>> {
  const rs = await store.client.query({
    query: `SELECT DISTINCT id FROM ${store.table(MIGRATIONS_TABLE)}`,
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ id: number }>();
  // JSON output may carry integers as strings, depending on the server's settings.
  return new Set(rows.map((r) => Number(r.id as number | string)));
}

/** Creates the database and applies pending migrations in order. Idempotent. */
export async function migrate(
  store: Store,
  ctx: MigrationContext,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  await store.client.command({
    query: `CREATE DATABASE IF NOT EXISTS ${ident(ctx.database)}${onCluster(ctx)}`,
  });
  for (const q of createTable(ctx, {
    name: MIGRATIONS_TABLE,
    columns: ['id UInt32', 'name String', 'applied_at DateTime64(3)'],
    engine: 'ReplacingMergeTree',
    orderBy: 'id',
  })) {
    await store.client.command({ query: q });
  }
  const done = await appliedIds(store);
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (done.has(m.id)) continue;
    for (const query of m.statements(ctx)) await store.client.command({ query });
    await store.client.insert({
      table: store.table(MIGRATIONS_TABLE),
      values: [{ id: m.id, name: m.name, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    applied.push(m.id);
  }
  return { applied, alreadyApplied: [...done].sort((a, b) => a - b) };
}

/**
 * Brings table TTLs in line with the configuration on every start (a
 * metadata change: existing parts are not rewritten).
 */
export async function applyTtls(
  store: Store,
  ttls: readonly { table: string; expression: string }[],
): Promise<void> {
  for (const t of ttls) {
    await store.client.command({
      query: `ALTER TABLE ${store.table(t.table)}${onCluster({ database: store.database, cluster: store.cluster })} MODIFY TTL ${t.expression}`,
      clickhouse_settings: { materialize_ttl_after_modify: 0 },
    });
  }
}
