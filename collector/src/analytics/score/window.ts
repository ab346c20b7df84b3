import { slaScoreV1, type SlaBreakdown, type SlaCohort, type SlaInputs } from '@naap/otel';
import type { Store } from '../../storage/store.js';
import { maintenanceWindows, type MaintenanceWindow } from '../maintenance.js';
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

/** Heartbeats, probes and maintenance of a window's orchestrators (shared with availability). */
export interface WindowNode {
  /** Node totals per bucket (the range start without buckets); null without orchestrators. */
  readonly totals: NodeTotalsByBucket | null;
  readonly windows: readonly MaintenanceWindow[];
  readonly fromMs: number;
  /** End of the range, or now when earlier. */
  readonly untilMs: number;
}

async function nodeOf(
  store: Store,
  q: WindowScoreQuery,
  orchestrators: readonly string[],
): Promise<WindowNode> {
  const fromMs = q.range.from.getTime();
  const untilMs = Math.min(q.range.to.getTime(), Math.max(fromMs, q.now));
  const range = { from: q.range.from, to: new Date(Math.max(fromMs + 1, untilMs)) };
  if (orchestrators.length === 0) return { totals: null, windows: [], fromMs, untilMs };
  const windows = await maintenanceWindows(store, { orchestrators, ...range });
  const totals = await nodeTotalsByBucket(store, {
    ...range,
    orchestrators,
    maintenance: windows,
    ...(q.bucket ? { bucket: q.bucket } : {}),
  });
  return { totals, windows, fromMs, untilMs };
}

function coverageOf(
  q: WindowScoreQuery,
  node: WindowNode,
): (a: InputAggregate) => { received: number; expected: number } {
  return (a) => {
    const { from, to } = span(a, q);
    const end = Math.min(to, node.untilMs);
    const o = a.group.orchestrator ?? '';
    const bucket = q.bucket && a.bucket ? a.bucket.getTime() : node.fromMs;
    const t = node.totals?.get(bucket) ?? { hosts: [], probes: [], feesGwei: new Map() };
    return heartbeatCoverage(
      t,
      o,
      Math.max(0, end - from) / 1000,
      maintenanceSecondsOf(node.windows, o, from, end),
    );
  };
}

/** The stored cohorts a query needs: those of its bucket ends, a week back. */
function cohortRange(q: WindowScoreQuery): { from: Date; to: Date } {
  const last = Math.floor((Math.min(q.range.to.getTime(), q.now) - 1) / HOUR_MS) * HOUR_MS;
  const first = q.bucket === undefined ? last : q.range.from.getTime();
  return {
    from: new Date(first - COHORT_DAYS * DAY_MS + HOUR_MS),
    to: new Date(Math.max(first, last) + HOUR_MS),
  };
}

export interface WindowResult {
  readonly scores: WindowScore[];
  readonly node: WindowNode;
}

/**
 * Window scores, and the node totals they used. With `nodeForAll`, node
 * totals cover every orchestrator of the window (probes, fees), not only
 * those with agent scores, so callers can reuse them for availability.
 */
export async function windowScoresWithNode(
  store: Store,
  q: WindowScoreQuery,
  options: { nodeForAll?: boolean } = {},
): Promise<WindowResult> {
  const groupBy: InputDimension[] = [
    ...new Set<InputDimension>([
      'orchestrator',
      'pipeline',
      'model',
      'source',
      ...(q.groupBy ?? []),
    ]),
  ];
  const cohortSpan = cohortRange(q);
  // Independent reads run concurrently (the engine serves them in parallel).
  const [aggregates, cohortRows] = await Promise.all([
    inputAggregates(store, {
      range: q.range,
      ...(q.filter ? { filter: q.filter } : {}),
      groupBy,
      ...(q.bucket ? { bucket: q.bucket } : {}),
    }),
    cohortsBetween(store, cohortSpan.from, cohortSpan.to),
  ]);
  const wanted = aggregates.filter(
    (a) => options.nodeForAll === true || a.group.source === SOURCE.agent,
  );
  const node = await nodeOf(store, q, [...new Set(wanted.map((a) => a.group.orchestrator ?? ''))]);
  if (aggregates.length === 0) return { scores: [], node };
  const cohorts = new CohortPicker(store, cohortRows);
  const coverage = coverageOf(q, node);
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
  return { scores: out, node };
}

export async function windowScores(store: Store, q: WindowScoreQuery): Promise<WindowScore[]> {
  return (await windowScoresWithNode(store, q)).scores;
}
