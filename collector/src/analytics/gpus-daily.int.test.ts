import { ATTR, METRIC } from '@naap/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../storage/migrations/index.js';
import { migrate } from '../storage/migrations/runner.js';
import { QueryParams, queryRows } from '../storage/rollups/query.js';
import {
  ORCH_A,
  TEST_CONTEXT,
  baseTime,
  gaugeRow,
  openTestStore,
  type TestStore,
} from '../storage/rollups/test-support.js';
import type { Store } from '../storage/store.js';
import { rawStore } from './raw.js';
import { gpuHours, type GpuHours } from './read/gpus.js';
import { gpusDailyV2Statements } from './schema/gpus-daily-ddl.js';
import { agent, insertRaw } from './test-support.js';

/**
 * The daily GPU table (migrations 11, then 14 with bitmasks): filled from the
 * hourly GPU rows a store already holds, exactly once, then kept current by
 * its view; GPU-hours read with whole days from it equal those read from
 * hours alone, and those the raw tables give.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Three days ending at least two hours before now, starting at midnight.
const DAY0 = Math.floor((baseTime(2) - 3 * DAY) / DAY) * DAY;
const A = agent(ORCH_A);
const MODEL = 'NVIDIA GeForce RTX 4090';

let t: TestStore;
let store: Store;

/** GPU-1 reports every third hour, GPU-2 every hour, twice an hour each. */
function gpuRows(fromHour: number, toHour: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let h = fromHour; h < toHour; h++) {
    for (const [gpu, every] of [
      ['GPU-1', 3],
      ['GPU-2', 1],
    ] as const) {
      if (h % every !== 0) continue;
      for (const minute of [5, 35]) {
        rows.push(
          gaugeRow({
            metric: METRIC.gpuUtilization,
            atMs: DAY0 + h * HOUR + minute * 60_000,
            producer: A,
            value: 0.5,
            attributes: { [ATTR.hwId]: gpu, [ATTR.hwModel]: MODEL },
          }),
        );
      }
    }
  }
  return rows;
}

const hoursOf = (list: GpuHours[]): Record<string, number> =>
  Object.fromEntries(list.map((g) => [`${g.bucketMs}|${g.gpuId}`, g.hours]));

beforeAll(async () => {
  // A store of the previous version with two days of GPU rows.
  t = await openTestStore(
    'naap-gpus-daily-',
    MIGRATIONS.filter((m) => m.id < 11),
  );
  store = t.store;
  await insertRaw(store, 'gauge', gpuRows(0, 48));
  await migrate(store, TEST_CONTEXT);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('GPU-hours with the daily GPU table', () => {
  it('keeps only the bitmask generation after the migrations', async () => {
    const p = new QueryParams();
    const rows = await queryRows<{ name: string }>(
      store,
      `SELECT name FROM system.tables
       WHERE database = ${p.add('String', TEST_CONTEXT.database)} AND name LIKE 'naap_gpus_%'
       ORDER BY name`,
      p,
    );
    expect(rows.map((r) => r.name)).toEqual(
      // (and the spans' GPU-hours of migration 16)
      [
        'naap_gpus_1h',
        'naap_gpus_1h_mv',
        'naap_gpus_1d_mv',
        'naap_gpus_v2_1d',
        'naap_gpus_span',
      ].sort(),
    );
  });

  it('counts what the hours count, filled once from the rows a store held, then by its view', async () => {
    for (const query of gpusDailyV2Statements(TEST_CONTEXT, TEST_CONTEXT.ttlDays.hour)) {
      if (query.startsWith('INSERT')) await store.client.command({ query }); // a re-run adds nothing
    }
    // The third day through the view, delivered twice (a retry): its hours
    // are in two parts until merged, and still count once.
    await insertRaw(store, 'gauge', gpuRows(48, 72));
    await insertRaw(store, 'gauge', gpuRows(48, 72));
    const whole = { from: new Date(DAY0), to: new Date(DAY0 + 3 * DAY) };
    expect(hoursOf(await gpuHours(store, { range: whole }))).toEqual({
      [`${DAY0}|GPU-1`]: 24,
      [`${DAY0}|GPU-2`]: 72,
    });
    const edges = { from: new Date(DAY0 + 20 * HOUR), to: new Date(DAY0 + 2 * DAY + 7 * HOUR) };
    const start = edges.from.getTime();
    // GPU-1 at hours 21, 24, 27, … 54: (54 − 21) / 3 + 1 = 12.
    expect(hoursOf(await gpuHours(store, { range: edges }))).toEqual({
      [`${start}|GPU-1`]: 12,
      [`${start}|GPU-2`]: 35,
    });
    for (const bucket of ['day', 'week'] as const) {
      const daily = await gpuHours(store, { range: edges, bucket });
      const hourly = await gpuHours(store, { range: edges, bucket: 'hour' });
      const folded: Record<string, number> = {};
      for (const g of hourly) {
        const d = new Date(g.bucketMs);
        const b =
          bucket === 'day'
            ? Math.floor(g.bucketMs / DAY) * DAY
            : Date.UTC(
                d.getUTCFullYear(),
                d.getUTCMonth(),
                d.getUTCDate() - ((d.getUTCDay() + 6) % 7),
              );
        folded[`${b}|${g.gpuId}`] = (folded[`${b}|${g.gpuId}`] ?? 0) + g.hours;
      }
      expect(hoursOf(daily)).toEqual(folded);
    }
    const raw = rawStore(store, TEST_CONTEXT);
    expect(await gpuHours(raw, { range: edges })).toEqual(await gpuHours(store, { range: edges }));
    expect(await gpuHours(raw, { range: whole, bucket: 'day' })).toEqual(
      await gpuHours(store, { range: whole, bucket: 'day' }),
    );
  });
});
