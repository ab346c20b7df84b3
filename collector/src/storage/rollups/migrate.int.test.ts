import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorConfig } from '../../config/config.js';
import { ttlTargets } from '../migrations/context.js';
import { MIGRATIONS } from '../migrations/index.js';
import { applyTtls, migrate } from '../migrations/runner.js';
import { ROLLUP_TABLES } from './tables.js';
import {
  TEST_CONTEXT,
  baseTime,
  gaugeRow,
  insertRaw,
  openTestStore,
  type TestStore,
} from './test-support.js';

let t: TestStore;

const config: CollectorConfig = {
  listen: { host: '127.0.0.1', port: 0 },
  storage: { mode: 'embedded', dir: '/unused' },
  database: TEST_CONTEXT.database,
  cluster: undefined,
  tokensFile: undefined,
  tokenRefreshMs: 2000,
  enroll: { enabled: false, name: 'test', challengeTtlMs: 60_000, ratePerMinute: 1 },
  spool: { dir: '/unused', maxBytes: 0 },
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
  ttlDays: TEST_CONTEXT.ttlDays,
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

async function schema(): Promise<{ name: string; engine: string; create_table_query: string }[]> {
  const rs = await t.store.client.query({
    query: `SELECT name, engine, create_table_query FROM system.tables
            WHERE database = {db:String} ORDER BY name`,
    query_params: { db: TEST_CONTEXT.database },
    format: 'JSONEachRow',
  });
  return rs.json();
}

async function samples(): Promise<number> {
  const rs = await t.store.client.query({
    query: `SELECT sum(Samples) AS n FROM ${t.store.table(ROLLUP_TABLES.gauge.minute)}`,
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

const point = (value: number) =>
  gaugeRow({ metric: 'm', atMs: baseTime() + 1_000, value, attributes: { k: 'v' } });

beforeAll(async () => {
  t = await openTestStore('naap-rollup-migrate-'); // applies every migration once
  await applyTtls(t.store, ttlTargets(config));
});

afterAll(async () => {
  await t.close();
});

describe('rollup migration', () => {
  it('creates the six rollup tables and their six views', async () => {
    const tables = await schema();
    const names = tables.map((x) => x.name);
    for (const kind of Object.values(ROLLUP_TABLES)) {
      for (const name of [kind.minute, kind.hour]) {
        expect(names).toContain(name);
        expect(names).toContain(`${name}_mv`);
      }
    }
    // (other migrations add tables and views of their own)
    const rollups = tables.filter((x) => /^naap_(gauge|sum|histogram)_1[mh](_mv)?$/.test(x.name));
    expect(rollups.filter((x) => x.engine === 'AggregatingMergeTree')).toHaveLength(6);
    expect(rollups.filter((x) => x.engine === 'MaterializedView')).toHaveLength(6);
  });

  it('changes nothing when run again (and re-running its statements is harmless)', async () => {
    await insertRaw(t.store, 'gauge', [point(1)]);
    expect(await samples()).toBe(1);
    const before = await schema();

    const again = await migrate(t.store, TEST_CONTEXT);
    expect(again).toEqual({
      applied: [],
      alreadyApplied: MIGRATIONS.map((m) => m.id).sort((a, b) => a - b),
    });
    for (const m of MIGRATIONS) {
      for (const query of m.statements(TEST_CONTEXT)) await t.store.client.command({ query });
    }
    await applyTtls(t.store, ttlTargets(config));
    expect(await schema()).toEqual(before);

    // still exactly one view per rollup: a new point is counted once
    await insertRaw(t.store, 'gauge', [point(2)]);
    expect(await samples()).toBe(2);
  });
});
