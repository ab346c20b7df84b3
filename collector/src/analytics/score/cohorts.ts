import type { SlaCohort } from '@naap/otel';
import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { DAY_MS, HOUR_MS } from '../read/filters.js';
import { planParts, planSql } from '../read/plan.js';
import { INPUTS, mergeQuantiles } from '../schema/input-layout.js';
import { ANALYTICS_TABLES } from '../schema/names.js';

/**
 * Cohort benchmarks of a scored hour H: per (pipeline, model, source),
 * network-wide over [H − 7 days, H): p50/p90 of PTFF and E2E and p10/p50 of
 * FPS from the merged quantile states, and for each the number of hourly
 * input rows (hour, O, GPU, region) that had samples of it. Sources are kept
 * apart: an agent's orchestrator-side job time and a test load's client-side
 * end-to-end time are different quantities.
 */

export const COHORT_DAYS = 7;

export interface CohortKey {
  readonly pipeline: string;
  readonly model: string;
  readonly source: string;
}

export const cohortKey = (k: CohortKey): string => `${k.pipeline}\u0000${k.model}\u0000${k.source}`;

export const EMPTY_COHORT: SlaCohort = { ptff: null, e2e: null, fps: null };

type Num = string | number;
interface QuantileRow {
  readonly pipeline: string;
  readonly model: string;
  readonly source: string;
  readonly ptff: number[];
  readonly e2e: number[];
  readonly fps: number[];
  readonly ptffN: Num;
  readonly e2eN: Num;
  readonly fpsN: Num;
}
interface RowsRow {
  readonly pipeline: string;
  readonly model: string;
  readonly source: string;
  readonly ptffRows: Num;
  readonly e2eRows: Num;
  readonly fpsRows: Num;
}

async function quantiles(store: Store, from: Date, to: Date): Promise<QuantileRow[]> {
  const p = new QueryParams();
  const src = planSql(store, planParts({ from, to }), p, []);
  const m = (levels: readonly number[], col: string): string => mergeQuantiles(INPUTS, levels, col);
  return queryRows<QuantileRow>(
    store,
    `SELECT Pipeline AS pipeline, ModelId AS model, Source AS source,
       ${m([0.5, 0.9], 'PtffDigest')} AS ptff, ${m([0.5, 0.9], 'E2eDigest')} AS e2e,
       ${m([0.1, 0.5], 'FpsDigest')} AS fps,
       sum(PtffCount) AS ptffN, sum(E2eCount) AS e2eN, sum(FpsCount) AS fpsN
     FROM ${src}
     GROUP BY pipeline, model, source`,
    p,
  );
}

async function hourlyRows(store: Store, from: Date, to: Date): Promise<RowsRow[]> {
  const p = new QueryParams();
  return queryRows<RowsRow>(
    store,
    `SELECT pipeline, model, source,
       countIf(p > 0) AS ptffRows, countIf(e > 0) AS e2eRows, countIf(f > 0) AS fpsRows
     FROM (
       SELECT Pipeline AS pipeline, ModelId AS model, Source AS source,
         sum(PtffCount) AS p, sum(E2eCount) AS e, sum(FpsCount) AS f
       FROM ${store.table(ANALYTICS_TABLES.inputsHour)}
       WHERE Bucket >= ${p.time(from)} AND Bucket < ${p.time(to)}
       GROUP BY Bucket, OrchestratorAddress, GpuId, Region, pipeline, model, source
     )
     GROUP BY pipeline, model, source`,
    p,
  );
}

const at = (xs: readonly number[], i: number): number | null => {
  const v = xs[i];
  return v === undefined || !Number.isFinite(v) ? null : Math.max(0, v);
};

function latency(qs: number[], n: Num, rows: Num): SlaCohort['e2e'] {
  const p50 = at(qs, 0);
  const p90 = at(qs, 1);
  if (Number(n) === 0 || p50 === null || p90 === null) return null;
  return { p50Ms: p50, p90Ms: Math.max(p50, p90), hourlyRows: Number(rows) };
}

function fps(qs: number[], n: Num, rows: Num): SlaCohort['fps'] {
  const p10 = at(qs, 0);
  const p50 = at(qs, 1);
  if (Number(n) === 0 || p10 === null || p50 === null) return null;
  return { p10, p50: Math.max(p10, p50), hourlyRows: Number(rows) };
}

/** Benchmarks of every (pipeline, model, source) with data in the 7 days before `hour`. */
export async function computeCohorts(store: Store, hour: Date): Promise<Map<string, SlaCohort>> {
  const to = new Date(Math.floor(hour.getTime() / HOUR_MS) * HOUR_MS);
  const from = new Date(to.getTime() - COHORT_DAYS * DAY_MS);
  const [qs, rows] = await Promise.all([quantiles(store, from, to), hourlyRows(store, from, to)]);
  const counts = new Map(rows.map((r) => [cohortKey(r), r]));
  const out = new Map<string, SlaCohort>();
  for (const q of qs) {
    const r = counts.get(cohortKey(q));
    out.set(cohortKey(q), {
      ptff: latency(q.ptff, q.ptffN, r?.ptffRows ?? 0),
      e2e: latency(q.e2e, q.e2eN, r?.e2eRows ?? 0),
      fps: fps(q.fps, q.fpsN, r?.fpsRows ?? 0),
    });
  }
  return out;
}
