import { slaScoreV1, type SlaBreakdown, type SlaCohort, type SlaInputs } from '@naap/otel';
import type { Store } from '../../storage/store.js';
import { maintenanceWindows } from '../maintenance.js';
import { heartbeatCoverage, maintenanceSecondsOf } from '../read/availability.js';
import {
  DAY_MS,
  HOUR_MS,
  type HourRange,
  type InputDimension,
  type InputFilter,
} from '../read/filters.js';
import { inputAggregates, type InputAggregate, type TimeBucket } from '../read/inputs.js';
import { nodeTotalsByBucket, type NodeTotalsByBucket } from '../read/node.js';
import { SOURCE } from '../schema/names.js';
import { cohortsBetween, type StoredCohort } from './cohort-store.js';
import { COHORT_DAYS, EMPTY_COHORT, cohortKey, computeCohorts } from './cohorts.js';
import { slaInputsOf } from './inputs.js';

/**
 * `naap-sla-v1` over any window (a day, a week, the 30 days of a
 * leaderboard): the formula applied to the window's merged additive inputs —
 * never an average of hourly scores. Each (O, pipeline, model, source) is
 * judged against the cohort stored for the last hour of its bucket (the one
 * the scorer used), computed on the spot when none was stored; coverage is
 * the heartbeats received over those expected in the bucket.
 */

export interface WindowScoreQuery {
  readonly range: HourRange;
  readonly filter?: InputFilter;
  /** Extra groups; orchestrator, pipeline, model and source always are. */
  readonly groupBy?: readonly InputDimension[];
  /** Buckets (default: the whole range). */
  readonly bucket?: TimeBucket;
  readonly now: number;
}

export interface WindowScore {
  readonly fromMs: number;
  readonly toMs: number;
  readonly group: Partial<Record<InputDimension, string>>;
  readonly orchestrator: string;
  readonly pipeline: string;
  readonly model: string;
  readonly source: string;
  readonly aggregate: InputAggregate;
  readonly inputs: SlaInputs;
  readonly cohort: SlaCohort;
  readonly breakdown: SlaBreakdown;
}

const BUCKET_MS: Readonly<Record<TimeBucket, number>> = {
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
};

/** Start and end of the bucket of an aggregate, clipped to the range. */
function span(a: InputAggregate, q: WindowScoreQuery): { from: number; to: number } {
  const from = q.range.from.getTime();
  const to = q.range.to.getTime();
  if (q.bucket === undefined || a.bucket === null) return { from, to };
  const start = a.bucket.getTime();
  return { from: Math.max(from, start), to: Math.min(to, start + BUCKET_MS[q.bucket]) };
}

class CohortPicker {
  private readonly byKey = new Map<string, StoredCohort[]>();
  private readonly computed = new Map<number, Promise<Map<string, SlaCohort>>>();

  constructor(
    private readonly store: Store,
    stored: readonly StoredCohort[],
  ) {
    for (const c of stored) {
      const k = cohortKey(c);
      const list = this.byKey.get(k) ?? [];
      list.push(c);
      this.byKey.set(k, list);
    }
  }

  /** The latest cohort stored at or before `hourMs` (within a week), else computed for it. */
  async at(
    key: { pipeline: string; model: string; source: string },
    hourMs: number,
  ): Promise<SlaCohort> {
    const list = this.byKey.get(cohortKey(key)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i];
      if (c !== undefined && c.hourMs <= hourMs && c.hourMs > hourMs - COHORT_DAYS * DAY_MS) {
        return c.cohort;
      }
    }
    let computed = this.computed.get(hourMs);
    if (computed === undefined) {
      computed = computeCohorts(this.store, new Date(hourMs));
      this.computed.set(hourMs, computed);
    }
    return (await computed).get(cohortKey(key)) ?? EMPTY_COHORT;
  }
}

async function coverageOf(
  store: Store,
  q: WindowScoreQuery,
  aggregates: readonly InputAggregate[],
): Promise<(a: InputAggregate) => { received: number; expected: number }> {
  const agents = [
    ...new Set(
      aggregates
        .filter((a) => a.group.source === SOURCE.agent)
        .map((a) => a.group.orchestrator ?? ''),
    ),
  ];
  const until = Math.min(q.range.to.getTime(), Math.max(q.range.from.getTime(), q.now));
  const range = { from: q.range.from, to: new Date(Math.max(q.range.from.getTime() + 1, until)) };
  const windows =
    agents.length === 0 ? [] : await maintenanceWindows(store, { orchestrators: agents, ...range });
  const totals: NodeTotalsByBucket | null =
    agents.length === 0
      ? null
      : await nodeTotalsByBucket(store, {
          ...range,
          orchestrators: agents,
          maintenance: windows,
          ...(q.bucket ? { bucket: q.bucket } : {}),
        });
  return (a) => {
    const { from, to } = span(a, q);
    const end = Math.min(to, until);
    const o = a.group.orchestrator ?? '';
    const bucket = q.bucket && a.bucket ? a.bucket.getTime() : q.range.from.getTime();
    const t = totals?.get(bucket) ?? { hosts: [], probes: [], feesGwei: new Map() };
    return heartbeatCoverage(
      t,
      o,
      Math.max(0, end - from) / 1000,
      maintenanceSecondsOf(windows, o, from, end),
    );
  };
}

export async function windowScores(store: Store, q: WindowScoreQuery): Promise<WindowScore[]> {
  const groupBy: InputDimension[] = [
    ...new Set<InputDimension>([
      'orchestrator',
      'pipeline',
      'model',
      'source',
      ...(q.groupBy ?? []),
    ]),
  ];
  const aggregates = await inputAggregates(store, {
    range: q.range,
    ...(q.filter ? { filter: q.filter } : {}),
    groupBy,
    ...(q.bucket ? { bucket: q.bucket } : {}),
  });
  if (aggregates.length === 0) return [];
  const stored = await cohortsBetween(
    store,
    new Date(q.range.from.getTime() - COHORT_DAYS * DAY_MS),
    q.range.to,
  );
  const cohorts = new CohortPicker(store, stored);
  const coverage = await coverageOf(store, q, aggregates);
  const out: WindowScore[] = [];
  for (const a of aggregates) {
    const key = {
      orchestrator: a.group.orchestrator ?? '',
      pipeline: a.group.pipeline ?? '',
      model: a.group.model ?? '',
      source: a.group.source ?? '',
    };
    const inputs = slaInputsOf(a, key.pipeline, key.source, coverage(a));
    if (inputs === null) continue;
    const { from, to } = span(a, q);
    const lastHour = Math.floor((Math.min(to, Math.max(from + 1, q.now)) - 1) / HOUR_MS) * HOUR_MS;
    const cohort = await cohorts.at(key, lastHour);
    try {
      out.push({
        fromMs: from,
        toMs: to,
        group: a.group,
        ...key,
        aggregate: a,
        inputs,
        cohort,
        breakdown: slaScoreV1(inputs, cohort),
      });
    } catch {
      // inputs the formula refuses (inconsistent counts) are left out
    }
  }
  return out;
}
