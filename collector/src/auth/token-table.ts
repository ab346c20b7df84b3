import type { TableSpec } from '../storage/schema/ddl.js';

/**
 * Stored tokens, one row per version of a token: creating, revoking and
 * rotating insert a new version (ReplacingMergeTree keeps the newest; reads
 * take the newest per id with `LIMIT 1 BY id`, so they never depend on
 * merges). Only the SHA-256 of a secret is stored.
 */
export const TOKENS_TABLE = 'naap_tokens';

export const tokensTableSpec: TableSpec = {
  name: TOKENS_TABLE,
  columns: [
    'id String',
    'version UInt64',
    'hash String',
    'kind LowCardinality(String)',
    "address String DEFAULT ''",
    'name String',
    'origin LowCardinality(String)',
    "created_at DateTime64(3, 'UTC')",
    "updated_at DateTime64(3, 'UTC')",
    "revoked_at Nullable(DateTime64(3, 'UTC'))",
  ],
  engine: 'ReplacingMergeTree',
  engineArgs: 'version',
  orderBy: 'id',
  // Every version of a token on the same shard, so the newest one wins there.
  shardingKey: 'cityHash64(id)',
};
