import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { DAY_MS } from '../read/filters.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { COHORT_DAYS } from './cohorts.js';
import { SCORER_NAME, readWatermark, writeWatermark } from './touched.js';

/**
 * Whether an hour's stored cohorts still summarise their inputs. A cohort
 * merges a week of quantile states, a read worth skipping when nothing in
 * that week changed (and with the first generation's t-digests a merge in
 * another order moved a quantile by a fraction of a percent, so recomputing
 * unchanged inputs changed scores; bfloat16 states merge exactly). So a
 * cohort is recomputed only when input rows of its week arrived after
 * those it saw: each hour's
 * cohorts are stored with the newest `TouchedAt` of their week read before
 * they were computed (the touched row is written after its input rows, so
 * every input it stands for was visible). Touched rows live 7 days; a week
 * without any reads as 0.
 */

type Num = string | number;

const nameOf = (hourMs: number): string =>
  `${SCORER_NAME}:cohort-inputs:${new Date(hourMs).toISOString()}`;

/** The newest touch (ms, storage clock) of the input hours of the cohort of `hourMs`; 0 without any. */
export async function lastTouchedBefore(store: Store, hourMs: number): Promise<number> {
  const p = new QueryParams();
  const rows = await queryRows<{ t: Num; n: Num }>(
    store,
    `SELECT toUnixTimestamp64Milli(max(TouchedAt)) AS t, count() AS n
     FROM ${store.table(ANALYTICS_TABLES.touched)}
     WHERE Bucket >= ${p.time(new Date(hourMs - COHORT_DAYS * DAY_MS))}
       AND Bucket < ${p.time(new Date(hourMs))}`,
    p,
  );
  const [row] = rows;
  return row === undefined || Number(row.n) === 0 ? 0 : Number(row.t);
}

/** The touch the hour's stored cohorts saw, or null when unknown (never recorded). */
export function cohortInputsSeen(store: Store, hourMs: number): Promise<number | null> {
  return readWatermark(store, nameOf(hourMs));
}

export function recordCohortInputsSeen(store: Store, hourMs: number, seen: number): Promise<void> {
  return writeWatermark(store, seen, nameOf(hourMs));
}
