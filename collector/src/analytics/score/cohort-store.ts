import type { SlaCohort } from '@naap/otel';
import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { cohortKey, type CohortKey } from './cohorts.js';

/** The cohorts each hour was scored against, kept for the API and for re-scoring late data. */

type Num = string | number;
interface Row extends CohortKey {
  readonly bucket: Num;
  readonly PtffP50: number | null;
  readonly PtffP90: number | null;
  readonly PtffRows: Num;
  readonly E2eP50: number | null;
  readonly E2eP90: number | null;
  readonly E2eRows: Num;
  readonly FpsP10: number | null;
  readonly FpsP50: number | null;
  readonly FpsRows: Num;
}

const nowText = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '');

export async function saveCohorts(
  store: Store,
  hour: Date,
  cohorts: ReadonlyMap<string, SlaCohort>,
  keys: readonly CohortKey[],
): Promise<void> {
  const at = nowText();
  const values = keys.map((k) => {
    const c = cohorts.get(cohortKey(k)) ?? { ptff: null, e2e: null, fps: null };
    return {
      Bucket: Math.floor(hour.getTime() / 1000),
      Pipeline: k.pipeline,
      ModelId: k.model,
      Source: k.source,
      PtffP50: c.ptff?.p50Ms ?? null,
      PtffP90: c.ptff?.p90Ms ?? null,
      PtffP10: null,
      PtffRows: c.ptff?.hourlyRows ?? 0,
      E2eP50: c.e2e?.p50Ms ?? null,
      E2eP90: c.e2e?.p90Ms ?? null,
      E2eP10: null,
      E2eRows: c.e2e?.hourlyRows ?? 0,
      FpsP50: c.fps?.p50 ?? null,
      FpsP90: null,
      FpsP10: c.fps?.p10 ?? null,
      FpsRows: c.fps?.hourlyRows ?? 0,
      ComputedAt: at,
    };
  });
  if (values.length === 0) return;
  await store.client.insert({
    table: store.table(ANALYTICS_TABLES.cohorts),
    values,
    format: 'JSONEachRow',
  });
}

function toCohort(r: Row): SlaCohort {
  const lat = (p50: number | null, p90: number | null, rows: Num): SlaCohort['e2e'] =>
    p50 === null || p90 === null ? null : { p50Ms: p50, p90Ms: p90, hourlyRows: Number(rows) };
  return {
    ptff: lat(r.PtffP50, r.PtffP90, r.PtffRows),
    e2e: lat(r.E2eP50, r.E2eP90, r.E2eRows),
    fps:
      r.FpsP10 === null || r.FpsP50 === null
        ? null
        : { p10: r.FpsP10, p50: r.FpsP50, hourlyRows: Number(r.FpsRows) },
  };
}

const COLUMNS = `toUnixTimestamp(Bucket) AS bucket, Pipeline AS pipeline, ModelId AS model, Source AS source,
  PtffP50, PtffP90, PtffRows, E2eP50, E2eP90, E2eRows, FpsP10, FpsP50, FpsRows`;

/** Stored cohorts of one hour, by key. */
export async function loadCohorts(store: Store, hour: Date): Promise<Map<string, SlaCohort>> {
  const p = new QueryParams();
  const rows = await queryRows<Row>(
    store,
    `SELECT ${COLUMNS} FROM ${store.merged(ANALYTICS_TABLES.cohorts)}
     WHERE Bucket = ${p.time(hour)}`,
    p,
  );
  return new Map(rows.map((r) => [cohortKey(r), toCohort(r)]));
}

/**
 * The latest stored cohort of each key at or before `hour` (within a week):
 * what a window ending at `hour` is judged against.
 */
export async function latestCohorts(store: Store, hour: Date): Promise<Map<string, SlaCohort>> {
  const p = new QueryParams();
  const rows = await queryRows<Row>(
    store,
    `SELECT ${COLUMNS} FROM ${store.merged(ANALYTICS_TABLES.cohorts)}
     WHERE Bucket <= ${p.time(hour)} AND Bucket > ${p.time(new Date(hour.getTime() - 7 * 86_400_000))}
     ORDER BY pipeline, model, source, bucket DESC
     LIMIT 1 BY pipeline, model, source`,
    p,
  );
  return new Map(rows.map((r) => [cohortKey(r), toCohort(r)]));
}

/** A cohort stored for an hour. */
export interface StoredCohort extends CohortKey {
  readonly hourMs: number;
  readonly cohort: SlaCohort;
}

/** Every cohort stored for hours in [from, to), oldest first. */
export async function cohortsBetween(store: Store, from: Date, to: Date): Promise<StoredCohort[]> {
  const p = new QueryParams();
  const rows = await queryRows<Row>(
    store,
    `SELECT ${COLUMNS} FROM ${store.merged(ANALYTICS_TABLES.cohorts)}
     WHERE Bucket >= ${p.time(from)} AND Bucket < ${p.time(to)}
     ORDER BY bucket`,
    p,
  );
  return rows.map((r) => ({
    pipeline: r.pipeline,
    model: r.model,
    source: r.source,
    hourMs: Number(r.bucket) * 1000,
    cohort: toCohort(r),
  }));
}
