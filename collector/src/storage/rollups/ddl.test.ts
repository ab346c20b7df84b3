import { describe, expect, it } from 'vitest';
import type { CollectorConfig } from '../../config/config.js';
import { ttlTargets } from '../migrations/context.js';
import { MIGRATIONS } from '../migrations/index.js';
import { rollupStatements } from './ddl.js';
import { ROLLUP_TABLES, allRollupTables } from './tables.js';

const TTL = { raw: 14, minute: 90, hour: 730 };
const clustered = rollupStatements({ database: 'naap', cluster: 'c1' }, TTL);
const single = rollupStatements({ database: 'naap' }, TTL);
const views = (s: string[]) => s.filter((q) => q.startsWith('CREATE MATERIALIZED VIEW'));
const tables = (s: string[]) => s.filter((q) => q.startsWith('CREATE TABLE'));

describe('rollup DDL', () => {
  it('on a cluster: ON CLUSTER, replicated engines, Distributed fronts, views into _local tables', () => {
    for (const q of clustered) expect(q).toContain('ON CLUSTER `c1`');
    const local = tables(clustered).filter((q) => q.includes('_local` ON CLUSTER'));
    expect(local).toHaveLength(6);
    for (const q of local) {
      expect(q).toContain(
        "ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
      );
      expect(q).toMatch(/TTL Bucket \+ toIntervalDay\((90|730)\)/);
    }
    const fronts = tables(clustered).filter((q) => q.includes('ENGINE = Distributed('));
    expect(fronts).toHaveLength(6);
    for (const { table } of allRollupTables()) {
      expect(fronts.some((q) => q.includes(`\`naap\`.\`${table}\` ON CLUSTER`))).toBe(true);
    }
    expect(views(clustered)).toHaveLength(6);
    for (const { table } of allRollupTables()) {
      const v = views(clustered).find((q) => q.includes(`\`${table}_mv\``));
      expect(v).toContain(`TO \`naap\`.\`${table}_local\``);
      expect(v).toMatch(/FROM `naap`\.`otel_metrics_(gauge|sum|histogram)_local` AS raw/);
    }
  });

  it('single node: plain engines, no cluster clause, views read the raw tables', () => {
    for (const q of single) expect(q).not.toMatch(/ON CLUSTER|_local|Replicated|Distributed/);
    expect(tables(single)).toHaveLength(6);
    expect(tables(single).every((q) => q.includes('ENGINE = AggregatingMergeTree()'))).toBe(true);
    const hourSum = views(single).find((q) => q.includes('`naap_sum_1h_mv`'));
    expect(hourSum).toContain("toStartOfHour(raw.TimeUnix, 'UTC') AS Bucket");
    expect(hourSum).toContain('FROM `naap`.`otel_metrics_sum` AS raw');
    const hist = views(single).find((q) => q.includes('`naap_histogram_1m_mv`'));
    expect(hist).toContain('raw.AggregationTemporality = 1');
    expect(tables(single).find((q) => q.includes(ROLLUP_TABLES.histogram.minute))).toContain(
      'ORDER BY (MetricName, OrchestratorAddress, GpuId, Pipeline, ModelId, Region, Source, ServiceName, HostName, Attributes, ExplicitBounds, Bucket)',
    );
  });

  it('is migration 2, with TTLs that applyTtls keeps in line with the configuration', () => {
    expect(MIGRATIONS.map((m) => m.id).slice(0, 2)).toEqual([1, 2]);
    const config: CollectorConfig = {
      listen: { host: '127.0.0.1', port: 0 },
      storage: { mode: 'embedded', dir: '/tmp/x' },
      database: 'naap',
      cluster: 'c1',
      tokensFile: undefined,
      tokenRefreshMs: 2000,
      enroll: { enabled: false, name: 'test', challengeTtlMs: 60_000, ratePerMinute: 1 },
      spool: { dir: '/tmp/s', maxBytes: 0 },
      limits: { maxBodyBytes: 1, maxDecompressionRatio: 1 },
      ingestLimits: {
        maxAttributes: 1,
        maxAttributeLength: 16,
        maxSeriesPerToken: 0,
        seriesWindowMs: 10_000,
        pointsPerSecond: 0,
        burstPoints: 1,
      },
      trustProxy: [],
      batching: { ack: 'insert', logRows: 1, rows: 1, delayMs: 1, maxPendingRows: 1 },
      ttlDays: { raw: 7, minute: 30, hour: 365 },
      api: {
        rateLimitPerMinute: 0,
        rateLimitExempt: [],
        queryTimeoutMs: 1000,
        corsOrigin: '*',
        liveIntervalMs: 1000,
        maxLiveClients: 0,
        datasetsDir: undefined,
      },
      logLevel: 'info',
    };
    const ttls = new Map(ttlTargets(config).map((t) => [t.table, t.expression]));
    expect(ttls.get('naap_gauge_1m_local')).toBe('Bucket + toIntervalDay(30)');
    expect(ttls.get('naap_histogram_1h_local')).toBe('Bucket + toIntervalDay(365)');
    expect(allRollupTables().filter(({ table }) => ttls.has(`${table}_local`))).toHaveLength(6);
    expect(ttls.get('naap_orchestrator_identity_local')).toBe('toDate(Day) + toIntervalDay(365)');
  });
});
