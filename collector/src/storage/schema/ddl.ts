/**
 * DDL generation shared by every table: one place decides the engine, the
 * ON CLUSTER clause and the Distributed front table, so the same migrations
 * create single-node tables (embedded chDB or one server) or replicated
 * tables on a cluster.
 */
export interface DdlOptions {
  /** Database the tables live in. */
  readonly database: string;
  /** ClickHouse cluster name: replicated local tables + Distributed fronts. */
  readonly cluster?: string | undefined;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes an identifier; rejects anything that is not a plain name. */
export function ident(name: string): string {
  if (!IDENT.test(name))
    throw new RangeError(`not a valid ClickHouse identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

export function onCluster(o: DdlOptions): string {
  return o.cluster === undefined ? '' : ` ON CLUSTER ${ident(o.cluster)}`;
}

/** Name of the table that stores rows: `<name>_local` on a cluster. */
export function storageTable(o: DdlOptions, name: string): string {
  return o.cluster === undefined ? name : `${name}_local`;
}

/** `MergeTree`-family engine, replicated on a cluster. */
export function engine(
  o: DdlOptions,
  family: 'MergeTree' | 'AggregatingMergeTree' | 'ReplacingMergeTree',
  args = '',
): string {
  if (o.cluster === undefined) return `${family}(${args})`;
  const path = `'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'`;
  return `Replicated${family}(${args === '' ? path : `${path}, ${args}`})`;
}

export interface TableSpec {
  readonly name: string;
  /** Column and index definitions, one per line. */
  readonly columns: readonly string[];
  readonly engine: 'MergeTree' | 'AggregatingMergeTree' | 'ReplacingMergeTree';
  readonly engineArgs?: string;
  readonly partitionBy?: string;
  readonly orderBy: string;
  readonly ttl?: string;
  readonly settings?: string;
  /** Sharding key of the Distributed front table on a cluster. */
  readonly shardingKey?: string;
}

/** CREATE TABLE statements for a table (plus its Distributed front on a cluster). */
export function createTable(o: DdlOptions, t: TableSpec): string[] {
  const local = storageTable(o, t.name);
  const body = [
    `CREATE TABLE IF NOT EXISTS ${ident(o.database)}.${ident(local)}${onCluster(o)} (`,
    t.columns.map((c) => `    ${c}`).join(',\n'),
    `) ENGINE = ${engine(o, t.engine, t.engineArgs)}`,
    ...(t.partitionBy ? [`PARTITION BY ${t.partitionBy}`] : []),
    `ORDER BY ${t.orderBy}`,
    ...(t.ttl ? [`TTL ${t.ttl}`] : []),
    `SETTINGS ${t.settings ?? 'index_granularity = 8192'}`,
  ].join('\n');
  if (o.cluster === undefined) return [body];
  const front =
    `CREATE TABLE IF NOT EXISTS ${ident(o.database)}.${ident(t.name)}${onCluster(o)} AS ${ident(o.database)}.${ident(local)}\n` +
    `ENGINE = Distributed(${ident(o.cluster)}, ${ident(o.database)}, ${ident(local)}, ${t.shardingKey ?? 'rand()'})`;
  return [body, front];
}

/** A materialized view writing into `to` (the storage table on a cluster). */
export function createMaterializedView(
  o: DdlOptions,
  name: string,
  to: string,
  select: string,
): string {
  return (
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${ident(o.database)}.${ident(name)}${onCluster(o)}\n` +
    `TO ${ident(o.database)}.${ident(storageTable(o, to))}\nAS ${select}`
  );
}

/**
 * A migration's one-time fill of a new table `to` (through the Distributed
 * front on a cluster: an INSERT runs on one node) from `select`, only while
 * `to` is empty, so re-running the migration adds nothing.
 */
export function fillOnce(o: DdlOptions, to: string, select: string, settings?: string): string {
  const target = `${ident(o.database)}.${ident(to)}`;
  const fill = `INSERT INTO ${target}\nSELECT * FROM (\n${select}\n)\nWHERE (SELECT count() FROM ${target}) = 0`;
  return settings === undefined ? fill : `${fill}\nSETTINGS ${settings}`;
}

/** The DROP statement of a view made by `createMaterializedView`. */
export function dropView(o: DdlOptions, name: string): string {
  return `DROP VIEW IF EXISTS ${ident(o.database)}.${ident(name)}${onCluster(o)}`;
}

/** DROP statements of a table made by `createTable` (front and local table on a cluster). */
export function dropTable(o: DdlOptions, name: string): string[] {
  const drop = (t: string): string =>
    `DROP TABLE IF EXISTS ${ident(o.database)}.${ident(t)}${onCluster(o)}`;
  return o.cluster === undefined ? [drop(name)] : [drop(name), drop(storageTable(o, name))];
}
