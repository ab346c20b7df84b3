import {
  SLA_VERSION,
  slaScoreV1,
  type SlaBreakdown,
  type SlaCohort,
  type SlaInputs,
} from '@naap/otel';
import type { Store } from '../../storage/store.js';
import { maintenanceWindows } from '../maintenance.js';
import { heartbeatCoverage, maintenanceSecondsOf } from '../read/availability.js';
import { HOUR_MS } from '../read/filters.js';
import { inputAggregates, type InputAggregate } from '../read/inputs.js';
import { nodeTotals, type NodeTotals } from '../read/node.js';
import { ANALYTICS_TABLES, SOURCE } from '../schema/names.js';
import { cohortInputsSeen, lastTouchedBefore, recordCohortInputsSeen } from './cohort-freshness.js';
import { loadCohorts, saveCohorts } from './cohort-store.js';
import { EMPTY_COHORT, cohortKey, computeCohorts, type CohortKey } from './cohorts.js';
import { slaInputsOf } from './inputs.js';

/**
 * Scores one hour: for every (O, pipeline, model, GPU, source) with inputs in
 * the hour, `slaScoreV1` of its merged inputs against the hour's cohort,
 * stored with version, inputs, cohort and breakdown. Re-scoring writes new
 * rows that replace the old ones (same key, later ComputedAt), so scoring an
 * hour twice with the same data leaves the same answer.
 */

export interface ScoreHourOptions {
  /** Only these orchestrators (default: every one with inputs in the hour). */
  readonly orchestrators?: readonly string[];
  /** Recompute the hour's cohorts when their week's inputs changed since they were stored. */
  readonly refreshCohorts?: boolean;
  readonly now?: number;
}

export interface ScoredRow {
  readonly hour: Date;
  readonly orchestrator: string;
  readonly pipeline: string;
  readonly model: string;
  readonly gpu: string;
  readonly source: string;
  readonly regions: readonly string[];
  readonly inputs: SlaInputs;
  readonly cohort: SlaCohort;
  readonly breakdown: SlaBreakdown;
}

export interface HourReport {
  readonly hour: Date;
  readonly scored: number;
  /** Rows whose inputs the formula refused (counted, never fatal). */
  readonly refused: number;
}

/**
 * The hour's cohorts: the stored ones, those missing computed and stored.
 * With `refresh`, all are recomputed if input rows of their week arrived
 * after the ones they saw (see cohort-freshness.ts).
 */
async function cohortsFor(
  store: Store,
  hour: Date,
  keys: readonly CohortKey[],
  refresh: boolean,
): Promise<Map<string, SlaCohort>> {
  const seen = refresh ? await lastTouchedBefore(store, hour.getTime()) : 0;
  const before = refresh ? await cohortInputsSeen(store, hour.getTime()) : null;
  const renew = refresh && (before === null || seen > before);
  const stored = renew ? new Map<string, SlaCohort>() : await loadCohorts(store, hour);
  const missing = keys.filter((k) => !stored.has(cohortKey(k)));
  if (missing.length === 0) return stored;
  const computed = await computeCohorts(store, hour);
  await saveCohorts(store, hour, computed, missing);
  if (renew) await recordCohortInputsSeen(store, hour.getTime(), seen);
  for (const k of missing) stored.set(cohortKey(k), computed.get(cohortKey(k)) ?? EMPTY_COHORT);
  return stored;
}

function keyOf(a: InputAggregate): CohortKey & { orchestrator: string; gpu: string } {
  const g = a.group;
  return {
    orchestrator: g.orchestrator ?? '',
    pipeline: g.pipeline ?? '',
    model: g.model ?? '',
    gpu: g.gpu ?? '',
    source: g.source ?? '',
  };
}

async function agentCoverage(
  store: Store,
  hour: Date,
  orchestrators: readonly string[],
  now: number,
): Promise<(o: string) => { received: number; expected: number }> {
  const from = hour.getTime();
  const to = Math.min(from + HOUR_MS, Math.max(from, now));
  const range = { from: hour, to: new Date(from + HOUR_MS) };
  const windows =
    orchestrators.length === 0 ? [] : await maintenanceWindows(store, { orchestrators, ...range });
  const totals: NodeTotals =
    orchestrators.length === 0
      ? { hosts: [], probes: [], feesGwei: new Map() }
      : await nodeTotals(store, { ...range, orchestrators, maintenance: windows });
  return (o) =>
    heartbeatCoverage(totals, o, (to - from) / 1000, maintenanceSecondsOf(windows, o, from, to));
}

/** Computes (without storing) the scores of one hour. */
export async function computeHour(
  store: Store,
  hour: Date,
  options: ScoreHourOptions = {},
): Promise<{ rows: ScoredRow[]; refused: number }> {
  const start = new Date(Math.floor(hour.getTime() / HOUR_MS) * HOUR_MS);
  const aggregates = await inputAggregates(store, {
    range: { from: start, to: new Date(start.getTime() + HOUR_MS) },
    ...(options.orchestrators ? { filter: { orchestrator: options.orchestrators } } : {}),
    groupBy: ['orchestrator', 'pipeline', 'model', 'gpu', 'source'],
    daily: false,
  });
  const keys = new Map(aggregates.map((a) => [cohortKey(keyOf(a)), keyOf(a)]));
  const cohorts = await cohortsFor(
    store,
    start,
    [...keys.values()],
    options.refreshCohorts ?? false,
  );
  const agents = [
    ...new Set(
      aggregates.filter((a) => a.group.source === SOURCE.agent).map((a) => keyOf(a).orchestrator),
    ),
  ];
  const coverage = await agentCoverage(store, start, agents, options.now ?? Date.now());
  const rows: ScoredRow[] = [];
  let refused = 0;
  for (const a of aggregates) {
    const k = keyOf(a);
    const inputs = slaInputsOf(a, k.pipeline, k.source, coverage(k.orchestrator));
    if (inputs === null) continue;
    const cohort = cohorts.get(cohortKey(k)) ?? EMPTY_COHORT;
    try {
      const breakdown = slaScoreV1(inputs, cohort);
      rows.push({ hour: start, ...k, regions: a.regions, inputs, cohort, breakdown });
    } catch {
      refused++;
    }
  }
  return { rows, refused };
}

const timeText = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export async function saveScores(store: Store, rows: readonly ScoredRow[]): Promise<void> {
  if (rows.length === 0) return;
  const at = timeText(Date.now());
  await store.client.insert({
    table: store.table(ANALYTICS_TABLES.scores),
    values: rows.map((r) => ({
      Bucket: Math.floor(r.hour.getTime() / 1000),
      OrchestratorAddress: r.orchestrator,
      Pipeline: r.pipeline,
      ModelId: r.model,
      GpuId: r.gpu,
      Source: r.source,
      Version: SLA_VERSION,
      Score: r.breakdown.score,
      Reason: r.breakdown.reason ?? '',
      Coverage: r.breakdown.coverage,
      Reliability: r.breakdown.reliability,
      Quality: r.breakdown.quality,
      Jobs: r.inputs.jobs.success + r.inputs.jobs.failure + r.inputs.jobs.excused,
      Regions: r.regions,
      Inputs: JSON.stringify(r.inputs),
      Cohort: JSON.stringify(r.cohort),
      Breakdown: JSON.stringify(r.breakdown),
      ComputedAt: at,
    })),
    format: 'JSONEachRow',
  });
}

/** Scores one hour and stores the result. */
export async function scoreHour(
  store: Store,
  hour: Date,
  options: ScoreHourOptions = {},
): Promise<HourReport> {
  const { rows, refused } = await computeHour(store, hour, options);
  await saveScores(store, rows);
  return { hour: rows[0]?.hour ?? hour, scored: rows.length, refused };
}
