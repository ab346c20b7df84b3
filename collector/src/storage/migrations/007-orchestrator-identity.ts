import { ATTR, EVENT, METRIC } from '@naap/otel';
import { createMaterializedView, createTable, ident, storageTable } from '../schema/ddl.js';
import { NAAP_COLUMNS, RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../schema/raw-tables.js';
import type { Migration, MigrationContext } from './types.js';

/**
 * Who each orchestrator is, per day and source: its service URI, agent
 * version, self-reported region, hosts, first and last time seen. Fed by
 * materialized views from agent heartbeats and test-load job records, so the
 * API lists orchestrators and their identity without reading raw points.
 */
export const IDENTITY_TABLE = 'naap_orchestrator_identity';

/** A trusted constant as an SQL string literal. */
const literal = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const COLUMNS = [
  `${NAAP_COLUMNS.orchestrator} LowCardinality(String)`,
  `${NAAP_COLUMNS.source} LowCardinality(String)`,
  'Day Date32',
  'Uri AggregateFunction(argMaxIf, String, DateTime64(9), UInt8)',
  'Version AggregateFunction(argMaxIf, String, DateTime64(9), UInt8)',
  `${NAAP_COLUMNS.region} AggregateFunction(argMaxIf, String, DateTime64(9), UInt8)`,
  'Hosts AggregateFunction(groupUniqArrayIf(16), String, UInt8)',
  'FirstSeen SimpleAggregateFunction(min, DateTime64(9))',
  'LastSeen SimpleAggregateFunction(max, DateTime64(9))',
  'Points SimpleAggregateFunction(sum, UInt64)',
];

const lastNonEmpty = (expr: string, time: string, alias: string): string =>
  `argMaxIfState(${expr}, ${time}, toUInt8(${expr} != '')) AS ${alias}`;

function agentSelect(ctx: MigrationContext): string {
  const res = (key: string): string => `raw.ResourceAttributes[${literal(key)}]`;
  return [
    `SELECT raw.${NAAP_COLUMNS.orchestrator} AS ${NAAP_COLUMNS.orchestrator}, raw.${NAAP_COLUMNS.source} AS ${NAAP_COLUMNS.source},`,
    `  toDate32(raw.TimeUnix, 'UTC') AS Day,`,
    `  ${lastNonEmpty(res(ATTR.orchestratorUri), 'raw.TimeUnix', 'Uri')},`,
    `  ${lastNonEmpty(res(ATTR.serviceVersion), 'raw.TimeUnix', 'Version')},`,
    `  ${lastNonEmpty(`raw.${NAAP_COLUMNS.region}`, 'raw.TimeUnix', NAAP_COLUMNS.region)},`,
    `  groupUniqArrayIfState(16)(${res(ATTR.hostName)}, toUInt8(${res(ATTR.hostName)} != '')) AS Hosts,`,
    `  min(raw.TimeUnix) AS FirstSeen, max(raw.TimeUnix) AS LastSeen, toUInt64(count()) AS Points`,
    `FROM ${ident(ctx.database)}.${ident(storageTable(ctx, RAW_METRIC_TABLES.gauge))} AS raw`,
    `WHERE raw.MetricName = ${literal(METRIC.agentHeartbeat)} AND raw.${NAAP_COLUMNS.orchestrator} != ''`,
    `GROUP BY ${NAAP_COLUMNS.orchestrator}, ${NAAP_COLUMNS.source}, Day`,
  ].join('\n');
}

function testloadSelect(ctx: MigrationContext): string {
  const attr = (key: string): string => `raw.LogAttributes[${literal(key)}]`;
  const empty = "''";
  return [
    `SELECT raw.${NAAP_COLUMNS.orchestrator} AS ${NAAP_COLUMNS.orchestrator}, raw.${NAAP_COLUMNS.source} AS ${NAAP_COLUMNS.source},`,
    `  toDate32(raw.Timestamp, 'UTC') AS Day,`,
    `  ${lastNonEmpty(attr(ATTR.orchestratorUri), 'raw.Timestamp', 'Uri')},`,
    `  argMaxIfState(${empty}, raw.Timestamp, toUInt8(0)) AS Version,`,
    // A test-load record's region is the gateway's, not the orchestrator's.
    `  argMaxIfState(${empty}, raw.Timestamp, toUInt8(0)) AS ${NAAP_COLUMNS.region},`,
    `  groupUniqArrayIfState(16)(${empty}, toUInt8(0)) AS Hosts,`,
    `  min(raw.Timestamp) AS FirstSeen, max(raw.Timestamp) AS LastSeen, toUInt64(count()) AS Points`,
    `FROM ${ident(ctx.database)}.${ident(storageTable(ctx, RAW_LOGS_TABLE))} AS raw`,
    `WHERE raw.EventName = ${literal(EVENT.testloadJob)} AND raw.${NAAP_COLUMNS.orchestrator} != ''`,
    `GROUP BY ${NAAP_COLUMNS.orchestrator}, ${NAAP_COLUMNS.source}, Day`,
  ].join('\n');
}

export const orchestratorIdentity: Migration = {
  id: 7,
  name: 'orchestrator identity per day and source (URI, agent version, region, hosts, seen)',
  statements: (ctx) => [
    ...createTable(ctx, {
      name: IDENTITY_TABLE,
      columns: COLUMNS,
      engine: 'AggregatingMergeTree',
      partitionBy: 'toYYYYMM(Day)',
      orderBy: `(${NAAP_COLUMNS.orchestrator}, ${NAAP_COLUMNS.source}, Day)`,
      ttl: `toDate(Day) + toIntervalDay(${Math.floor(ctx.ttlDays.hour)})`,
      settings: 'index_granularity = 8192, ttl_only_drop_parts = 1',
      shardingKey: `cityHash64(${NAAP_COLUMNS.orchestrator})`,
    }),
    createMaterializedView(ctx, `${IDENTITY_TABLE}_agent_mv`, IDENTITY_TABLE, agentSelect(ctx)),
    createMaterializedView(
      ctx,
      `${IDENTITY_TABLE}_testload_mv`,
      IDENTITY_TABLE,
      testloadSelect(ctx),
    ),
  ],
};
