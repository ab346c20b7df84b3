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
import { inputAggregates, type InputAggregate } from './read/inputs.js';
import { ANALYTICS_TABLES } from './schema/names.js';
import { sixHourStatements } from './schema/six-hours-ddl.js';
import { INPUTS_V1 } from './schema/input-layout.js';
import { insertHourOfInputs } from './test-support.js';

/**
 * The 6-hour input table (migration 10, the first generation of the input
 * tables): filled from the hourly inputs a store already holds, exactly
 * once, then kept current by its view; after the later migrations (the
 * second generation, filled from the first), reads that take 6-hour blocks
 * answer what reads of hours alone answer.
 */

const HOUR = 3_600_000;
const SIX = 6 * HOUR;
// 24 hours of data whose first 6-hour block is whole, ending before now.
const FROM = Math.floor((baseTime(2) - 24 * HOUR) / SIX) * SIX - SIX;
const next = rng(11);

let t: TestStore;
let store: Store;

const hourOfData = (hourMs: number): Promise<void> =>
  insertHourOfInputs(store, hourMs, {
    agentOf: ORCH_A,
    testloadOf: ORCH_B,
    durations: 30,
    testloads: 3,
    next,
  });

async function totals(table: string): Promise<{ rows: number; jobs: number; e2e: number }> {
  const p = new QueryParams();
  const [r] = await queryRows<{ rows: string; jobs: string; e2e: string }>(
    store,
    `SELECT count() AS rows, sum(JobsSuccess + JobsFailure) AS jobs, sum(E2eCount) AS e2e
     FROM ${store.table(table)}`,
    p,
  );
  return { rows: Number(r?.rows), jobs: Number(r?.jobs), e2e: Number(r?.e2e) };
}

const byGroup = (list: InputAggregate[]) =>
  Object.fromEntries(list.map((a) => [`${a.group.orchestrator}|${a.group.source}`, a]));

beforeAll(async () => {
  // A store of the previous version, with 18 hours of inputs.
  t = await openTestStore(
    'naap-six-hours-',
    MIGRATIONS.filter((m) => m.id < 10),
  );
  store = t.store;
  for (let h = 0; h < 18; h++) await hourOfData(FROM + h * HOUR);
  await migrate(
    store,
    TEST_CONTEXT,
    MIGRATIONS.filter((m) => m.id <= 10),
  );
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('the 6-hour SLA input table', () => {
  it('is filled from the hourly inputs a store already held', async () => {
    const hourly = await totals(INPUTS_V1.hour);
    const six = await totals(INPUTS_V1.sixHours);
    expect(hourly.jobs).toBe(18 * 9); // 6 agent jobs and 3 test-load jobs an hour
    expect(six).toMatchObject({ jobs: hourly.jobs, e2e: hourly.e2e });
  });

  it('is filled only once: re-running the migration adds nothing', async () => {
    const before = await totals(INPUTS_V1.sixHours);
    for (const query of sixHourStatements(TEST_CONTEXT, TEST_CONTEXT.ttlDays.hour, INPUTS_V1)) {
      await store.client.command({ query });
    }
    expect(await totals(INPUTS_V1.sixHours)).toEqual(before);
  });

  it('receives new hours through its view, and reads with blocks answer as hours do', async () => {
    await migrate(store, TEST_CONTEXT);
    expect(await totals(ANALYTICS_TABLES.inputsSixHours)).toMatchObject({ jobs: 18 * 9 });
    for (let h = 18; h < 24; h++) await hourOfData(FROM + h * HOUR);
    const six = await totals(ANALYTICS_TABLES.inputsSixHours);
    expect(six.jobs).toBe(24 * 9);
    // 3 hours, the blocks at +6 h and +12 h, 5 hours: a window of hours.
    const range = { from: new Date(FROM + 3 * HOUR), to: new Date(FROM + 23 * HOUR) };
    const groupBy = ['orchestrator', 'source'] as const;
    const blocks = byGroup(await inputAggregates(store, { range, groupBy: [...groupBy] }));
    const hourOnly = byGroup(
      await inputAggregates(store, { range, groupBy: [...groupBy], daily: false }),
    );
    const a = blocks[`${ORCH_A}|agent`];
    expect(a?.jobs).toEqual({ success: 20 * 5, failure: 20, excused: 0 });
    expect(a?.e2e.count).toBe(20 * 30);
    expect(blocks[`${ORCH_B}|testload`]?.e2e.count).toBe(20 * 3);
    expect(Object.keys(blocks).sort()).toEqual(Object.keys(hourOnly).sort());
    for (const k of Object.keys(blocks)) {
      const x = blocks[k];
      const y = hourOnly[k];
      expect(x?.jobs).toEqual(y?.jobs);
      expect(x?.e2e.count).toBe(y?.e2e.count);
      expect(x?.e2e.sumMs).toBeCloseTo(y?.e2e.sumMs ?? Number.NaN, 6);
      // Quantile states merged in another grouping: medians agree closely.
      expect(Math.abs((x?.e2e.p50 ?? 0) - (y?.e2e.p50 ?? 0))).toBeLessThan(
        0.01 * (y?.e2e.p50 ?? 1),
      );
    }
  });
});
