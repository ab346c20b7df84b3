import { describe, expect, it } from 'vitest';
import { createMaterializedView, createTable } from '../schema/ddl.js';
import { MIGRATIONS } from './index.js';
import type { MigrationContext } from './types.js';

/**
 * The DDL every migration generates for a ClickHouse cluster, kept as a
 * snapshot (`__snapshots__/cluster-ddl.sql`, reviewed like code), and the
 * rules a cluster needs, checked on it: every DDL statement ON CLUSTER, rows
 * stored only in replicated `_local` tables, a Distributed front for each,
 * materialized views reading and writing the local tables, a migration's
 * INSERT (a backfill) only through the Distributed fronts, and no cluster
 * syntax at all on a single node.
 */

const TTL_DAYS = { raw: 14, minute: 90, hour: 730 };
const CLUSTER: MigrationContext = { database: 'naap', cluster: 'naap_cluster', ttlDays: TTL_DAYS };
const SINGLE: MigrationContext = { database: 'naap', ttlDays: TTL_DAYS };

interface Statement {
  readonly migration: number;
  readonly sql: string;
}

const statementsOf = (ctx: MigrationContext): Statement[] =>
  MIGRATIONS.flatMap((m) => m.statements(ctx).map((sql) => ({ migration: m.id, sql })));

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS `naap`\.`(\w+)`/;
const CREATE_VIEW = /^CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`\.`(\w+)`/;
const REPLICATED =
  /\) ENGINE = Replicated(Aggregating|Replacing|Summing|Collapsing)?MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}'/;

const tableName = (sql: string): string | undefined => CREATE_TABLE.exec(sql)?.[1];
const viewName = (sql: string): string | undefined => CREATE_VIEW.exec(sql)?.[1];
/** A table with its own column list stores rows; `AS other ENGINE = …` is a front. */
const hasColumns = (sql: string): boolean => (sql.split('\n')[0] ?? '').endsWith('(');
const storageTables = (list: Statement[]): Statement[] =>
  list.filter((s) => tableName(s.sql) !== undefined && hasColumns(s.sql));
const frontTables = (list: Statement[]): Statement[] =>
  list.filter((s) => tableName(s.sql) !== undefined && !hasColumns(s.sql));
const views = (list: Statement[]): Statement[] => list.filter((s) => viewName(s.sql) !== undefined);
const isInsert = (s: Statement): boolean => s.sql.startsWith('INSERT INTO ');

/** `migration N: name`, so a broken rule points at its migration and table. */
const where = (s: Statement): string =>
  `migration ${s.migration}: ${tableName(s.sql) ?? viewName(s.sql) ?? s.sql.slice(0, 60)}`;

/** Statements that break each cluster rule (empty lists when all hold). */
function clusterViolations(list: Statement[]): Record<string, string[]> {
  const locals = new Set(storageTables(list).map((s) => tableName(s.sql)));
  const fronts = new Map(frontTables(list).map((s) => [tableName(s.sql), s.sql]));
  const hasFront = (local: string): boolean => {
    const front = fronts.get(local.replace(/_local$/, ''));
    return (
      front !== undefined &&
      front.includes(` AS \`naap\`.\`${local}\``) &&
      front.includes(`ENGINE = Distributed(\`naap_cluster\`, \`naap\`, \`${local}\`, `)
    );
  };
  const viewTarget = (sql: string): string | undefined => /\nTO `naap`\.`(\w+)`/.exec(sql)?.[1];
  const viewSources = (sql: string): string[] =>
    [...sql.matchAll(/\b(?:FROM|JOIN) `naap`\.`(\w+)`/g)].map(([, t]) => t ?? '');
  const names = (l: Statement[]): string[] => l.map(where);
  return {
    notOnCluster: names(
      list.filter((s) => !isInsert(s) && !s.sql.includes(' ON CLUSTER `naap_cluster`')),
    ),
    // An INSERT runs on the node that received it: through the fronts it
    // reads and writes every shard.
    insertNotThroughFronts: names(
      list.filter(
        (s) =>
          isInsert(s) &&
          [...s.sql.matchAll(/`naap`\.`(\w+)`/g)].some(([, t]) => t?.endsWith('_local')),
      ),
    ),
    notReplicatedLocal: names(
      storageTables(list).filter(
        (s) => !tableName(s.sql)?.endsWith('_local') || !REPLICATED.test(s.sql),
      ),
    ),
    noDistributedFront: names(storageTables(list).filter((s) => !hasFront(tableName(s.sql) ?? ''))),
    frontWithoutLocal: names(
      frontTables(list).filter((s) => !locals.has(`${tableName(s.sql) ?? ''}_local`)),
    ),
    viewNotIntoLocal: names(
      views(list).filter((s) => {
        const to = viewTarget(s.sql);
        return to === undefined || !to.endsWith('_local') || !locals.has(to);
      }),
    ),
    // A view on a Distributed front would fire on the node that received the
    // INSERT rather than where the rows are stored: it must read local tables.
    viewReadsFront: names(
      views(list).filter((s) => viewSources(s.sql).some((t) => !t.endsWith('_local'))),
    ),
  };
}

const NO_VIOLATIONS = {
  notOnCluster: [],
  insertNotThroughFronts: [],
  notReplicatedLocal: [],
  noDistributedFront: [],
  frontWithoutLocal: [],
  viewNotIntoLocal: [],
  viewReadsFront: [],
};

describe('cluster DDL of every migration', () => {
  const clustered = statementsOf(CLUSTER);
  const single = statementsOf(SINGLE);

  it('matches the reviewed snapshot', async () => {
    const text = MIGRATIONS.map((m) =>
      [`-- migration ${m.id}: ${m.name}`, ...m.statements(CLUSTER).map((sql) => `${sql};\n`)].join(
        '\n',
      ),
    ).join('\n');
    await expect(`${text}\n`).toMatchFileSnapshot('__snapshots__/cluster-ddl.sql');
  });

  it('keeps every cluster rule: ON CLUSTER, replicated _local tables, Distributed fronts, views on local tables', () => {
    expect(storageTables(clustered).length).toBeGreaterThan(0);
    expect(views(clustered).length).toBeGreaterThan(0);
    expect(clusterViolations(clustered)).toEqual(NO_VIOLATIONS);
  });

  it('on a single node mentions no cluster, replication, Distributed engine or _local table', () => {
    expect(single.length).toBeGreaterThan(0);
    const leaking = single.filter((s) => /ON CLUSTER|Replicated|Distributed|_local\b/.test(s.sql));
    expect(leaking.map(where)).toEqual([]);
  });

  it('creates the same tables and views in both layouts', () => {
    const names = (list: Statement[]): string[] =>
      list
        .map((s) => tableName(s.sql) ?? viewName(s.sql) ?? '')
        .filter((n) => n !== '')
        .sort();
    expect(names(single)).toEqual(names([...frontTables(clustered), ...views(clustered)]));
  });
});

describe('the cluster rules themselves', () => {
  const helperBuilt = createTable(CLUSTER, {
    name: 'good',
    columns: ['a UInt8'],
    engine: 'MergeTree',
    orderBy: 'a',
  }).map((sql) => ({ migration: 99, sql }));

  it('accept a table and a view made with the DDL helpers', () => {
    const view = createMaterializedView(
      CLUSTER,
      'good_mv',
      'good',
      'SELECT 1 AS a FROM `naap`.`good_local`',
    );
    expect(clusterViolations([...helperBuilt, { migration: 99, sql: view }])).toEqual(
      NO_VIOLATIONS,
    );
  });

  it('catch DDL written by hand without the helpers', () => {
    const byHand: Statement[] = [
      {
        migration: 98,
        sql: 'CREATE TABLE IF NOT EXISTS `naap`.`plain` (\n    a UInt8\n) ENGINE = MergeTree()\nORDER BY a',
      },
      {
        migration: 98,
        sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS `naap`.`plain_mv` ON CLUSTER `naap_cluster`\nTO `naap`.`good`\nAS SELECT a FROM `naap`.`good`',
      },
      { migration: 98, sql: 'INSERT INTO `naap`.`good_local`\nSELECT 1 AS a' },
      { migration: 98, sql: 'INSERT INTO `naap`.`good`\nSELECT a FROM `naap`.`good`' },
    ];
    expect(clusterViolations([...helperBuilt, ...byHand])).toEqual({
      notOnCluster: ['migration 98: plain'],
      insertNotThroughFronts: ['migration 98: INSERT INTO `naap`.`good_local`\nSELECT 1 AS a'],
      notReplicatedLocal: ['migration 98: plain'],
      noDistributedFront: ['migration 98: plain'],
      frontWithoutLocal: [],
      viewNotIntoLocal: ['migration 98: plain_mv'],
      viewReadsFront: ['migration 98: plain_mv'],
    });
  });
});
