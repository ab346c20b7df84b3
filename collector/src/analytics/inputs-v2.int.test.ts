import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../storage/migrations/index.js';
import { migrate } from '../storage/migrations/runner.js';
import { QueryParams, queryRows } from '../storage/rollups/query.js';
import {
  ORCH_A,
  ORCH_B,
  TEST_CONTEXT,
  baseTime,
  openTestStore,
  rng,
  type TestStore,
} from '../storage/rollups/test-support.js';
import type { Store } from '../storage/store.js';
import { inputAggregates } from './read/inputs.js';
import { INPUTS, INPUTS_V1, type InputLayout } from './schema/input-layout.js';
import { inputsV2Statements } from './schema/inputs-v2-ddl.js';
import { ANALYTICS_TABLES } from './schema/names.js';
import { insertHourOfInputs } from './test-support.js';

/**
 * Migration 12: a store of the previous version (t-digest input tables)
 * gets the bfloat16 input tables filled from its rows once, its views moved
 * onto them; migration 13 drops the old tables.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 30 hours ending before now, over a day boundary.
const FROM = Math.floor((baseTime(2) - 30 * HOUR) / HOUR) * HOUR;
const next = rng(12);

let t: TestStore;
let store: Store;

const hourOfData = (hourMs: number): Promise<void> =>
  insertHourOfInputs(store, hourMs, {
    agentOf: ORCH_A,
    testloadOf: ORCH_B,
    durations: 40,
    testloads: 4,
    next,
  });

interface Totals {
  readonly key: string;
  readonly jobs: number;
  readonly e2e: number;
  readonly sumMs: number;
  readonly q: number[];
}

/** Per (O, source): sums and the merged E2E p50/p95 of `table`. */
async function totals(layout: InputLayout, table: string): Promise<Totals[]> {
  const merge = layout.quantile.replace(/^quantile/, 'quantiles');
  const rows = await queryRows<{
    key: string;
    jobs: string;
    e2e: string;
    sumMs: number;
    q: number[];
  }>(
    store,
    `SELECT concat(OrchestratorAddress, '|', Source) AS key,
       sum(JobsSuccess + JobsFailure) AS jobs, sum(E2eCount) AS e2e, sum(E2eSumMs) AS sumMs,
       ${merge}Merge(0.5, 0.95)(E2eDigest) AS q
     FROM ${store.table(table)} GROUP BY key ORDER BY key`,
    new QueryParams(),
  );
  return rows.map((r) => ({ ...r, jobs: Number(r.jobs), e2e: Number(r.e2e) }));
}

async function tableNames(): Promise<string[]> {
  const p = new QueryParams();
  const rows = await queryRows<{ name: string }>(
    store,
    `SELECT name FROM system.tables
     WHERE database = ${p.add('String', TEST_CONTEXT.database)} AND name LIKE 'naap_sla_inputs%'
       AND engine != 'MaterializedView'`,
    p,
  );
  return rows.map((r) => r.name).sort();
}

const sums = (list: Totals[]) => list.map(({ key, jobs, e2e }) => ({ key, jobs, e2e }));

let before: Totals[];

beforeAll(async () => {
  t = await openTestStore(
    'naap-inputs-v2-',
    MIGRATIONS.filter((m) => m.id < 12),
  );
  store = t.store;
  for (let h = 0; h < 30; h++) await hourOfData(FROM + h * HOUR);
  before = await totals(INPUTS_V1, INPUTS_V1.hour);
  await migrate(
    store,
    TEST_CONTEXT,
    MIGRATIONS.filter((m) => m.id <= 12),
  );
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('migration 12: bfloat16 input tables filled from the t-digest ones', () => {
  it('holds the same sums in the hourly, block and daily tables, and quantiles within 2 %', async () => {
    expect(sums(before)).toEqual([
      { key: `${ORCH_A}|agent`, jobs: 30 * 6, e2e: 30 * 40 },
      { key: `${ORCH_B}|testload`, jobs: 30 * 4, e2e: 30 * 4 },
    ]);
    for (const table of [INPUTS.hour, INPUTS.sixHours, INPUTS.day]) {
      const after = await totals(INPUTS, table);
      expect(sums(after)).toEqual(sums(before));
      after.forEach((a, i) => {
        const b = before[i];
        expect(a.sumMs).toBeCloseTo(b?.sumMs ?? Number.NaN, 6);
        a.q.forEach((v, j) => {
          const w = b?.q[j] ?? Number.NaN;
          expect(Math.abs(v - w), `${table} ${a.key} q${j}: ${v} vs ${w}`).toBeLessThan(0.02 * w);
        });
      });
    }
  });

  it('adds nothing when run again', async () => {
    const hour = await totals(INPUTS, INPUTS.hour);
    const day = await totals(INPUTS, INPUTS.day);
    for (const query of inputsV2Statements(TEST_CONTEXT, TEST_CONTEXT.ttlDays.hour)) {
      await store.client.command({ query });
    }
    expect(await totals(INPUTS, INPUTS.hour)).toEqual(hour);
    expect(await totals(INPUTS, INPUTS.day)).toEqual(day);
  });

  it('then migration 13 drops the old tables; new rows reach the new ones and mark their hour touched', async () => {
    await migrate(store, TEST_CONTEXT);
    // (and the spans of migration 16)
    const v2 = [INPUTS.day, INPUTS.hour, INPUTS.sixHours, ANALYTICS_TABLES.inputsSpan];
    expect(await tableNames()).toEqual(v2.sort());
    const newHour = FROM + 30 * HOUR;
    await hourOfData(newHour);
    for (const table of [INPUTS.hour, INPUTS.sixHours, INPUTS.day]) {
      expect(sums(await totals(INPUTS, table))).toEqual([
        { key: `${ORCH_A}|agent`, jobs: 31 * 6, e2e: 31 * 40 },
        { key: `${ORCH_B}|testload`, jobs: 31 * 4, e2e: 31 * 4 },
      ]);
    }
    const p = new QueryParams();
    const touched = await queryRows<{ n: string }>(
      store,
      `SELECT count() AS n FROM ${store.table(ANALYTICS_TABLES.touched)}
       WHERE Bucket = ${p.time(new Date(newHour))}`,
      p,
    );
    expect(Number(touched[0]?.n)).toBeGreaterThan(0);
  });

  it('reads whole days and blocks as the hours they hold (quantiles exactly)', async () => {
    const range = { from: new Date(FROM + 2 * HOUR), to: new Date(FROM + 2 * HOUR + DAY) };
    const groupBy = ['orchestrator', 'source'] as const;
    const mixed = await inputAggregates(store, { range, groupBy: [...groupBy] });
    const hours = await inputAggregates(store, { range, groupBy: [...groupBy], daily: false });
    // Float sums may differ in their last bit (another order of additions).
    const rounded = (x: unknown): unknown =>
      JSON.parse(
        JSON.stringify(x, (_, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(6)) : v)),
      );
    expect(mixed.length).toBe(2);
    expect(rounded(mixed)).toEqual(rounded(hours));
  });
});
