/**
 * What `pnpm bench:query` measures: each endpoint's query, answered from the
 * rollups / analytics tables, and the same answer computed from the raw
 * tables (the analytics tables' views evaluated over raw rows, or raw GPU
 * points), with a check that both answers agree.
 */
import { METRIC } from '@naap/otel';
import { leaderboard, orchestratorSla, slaCompliance } from '../src/analytics/queries.js';
import { rawStore } from '../src/analytics/raw.js';
import { windowScores } from '../src/analytics/score/window.js';
import { createRepository } from '../src/api/repository/index.js';
import { planSeries } from '../src/api/params/resolution.js';
import type { MigrationContext } from '../src/storage/migrations/types.js';
import type { Store } from '../src/storage/store.js';
import { addressOf } from './query-data.js';

export interface BenchCase {
  readonly name: string;
  /** The answer from rollups / analytics tables, for a random orchestrator index. */
  rollup(o: number): Promise<unknown>;
  /** The same answer from the raw tables. */
  raw(o: number): Promise<unknown>;
  /** The part of an answer compared between the two. */
  compare(answer: unknown): unknown;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Series = { gpuId: string; tMs: number; value: number | null }[];

/**
 * Largest relative difference between two answers of the same shape (0 when
 * equal; 1 when they differ in anything but numbers). Float sums added in
 * another order (whole days vs hours) may differ in their last bits, and
 * quantile states of the first input tables (t-digests) merged in another
 * grouping gave slightly different quantiles.
 */
export function difference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return 1;
    return a.reduce((m: number, x, i) => Math.max(m, difference(x, b[i])), 0);
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let m = 0;
    for (const k of keys) {
      m = Math.max(
        m,
        difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      );
    }
    return m;
  }
  return a === b ? 0 : 1;
}

/** Where two answers differ most (a path like `[3].score`) and the two values there, for a report. */
export function whereDifferent(a: unknown, b: unknown, path = ''): string | null {
  const d = difference(a, b);
  if (d === 0) return null;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    let worst: [number, string | null] = [0, null];
    a.forEach((x, i) => {
      const di = difference(x, b[i]);
      if (di > worst[0]) worst = [di, whereDifferent(x, b[i], `${path}[${i}]`)];
    });
    return worst[1];
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    let worst: [number, string | null] = [0, null];
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      const dk = difference(ra[k], rb[k]);
      if (dk > worst[0]) worst = [dk, whereDifferent(ra[k], rb[k], `${path}.${k}`)];
    }
    return worst[1];
  }
  const show = (v: unknown): string =>
    v === undefined ? 'undefined' : JSON.stringify(v).slice(0, 120);
  return `${path || '(answer)'}: ${show(a)} vs ${show(b)}`;
}

export function benchCases(
  store: Store,
  ctx: MigrationContext,
  nowMs: number,
  days: number,
): BenchCase[] {
  const raw = rawStore(store, ctx);
  const repo = createRepository(store, 600_000);
  const window = (ms: number) => ({ fromMs: nowMs - ms, toMs: nowMs });
  const board = (ms: number, s: Store) => leaderboard(s, { range: window(ms), now: nowMs });
  const gpuSeries = (ms: number, o: number, rawPoints: boolean) => {
    // The endpoint reads raw points for the last hour; here the rollup path reads
    // minute rollups for it, in steps of at least a minute, and raw points in the same steps.
    const plan = planSeries(window(ms), MINUTE, nowMs, 90 * DAY);
    const resolution = rawPoints ? 'raw' : plan.resolution === 'raw' ? 'minute' : plan.resolution;
    return repo.gpuSeries({
      address: addressOf(o),
      metric: METRIC.gpuUtilization,
      range: plan.range,
      stepMs: plan.stepMs,
      resolution,
      stat: 'avg',
    });
  };
  const sameSeries = (a: unknown) => (a as Series).map((p) => [p.gpuId, p.tMs, p.value]);
  const history = days * DAY;
  const cases: BenchCase[] = [
    {
      name: 'leaderboard 24 h',
      rollup: () => board(DAY, store),
      raw: () => board(DAY, raw),
      compare: (a) => a,
    },
    {
      name: days === 1 ? 'leaderboard 24 h' : `leaderboard ${days} d`,
      rollup: () => board(history, store),
      raw: () => board(history, raw),
      compare: (a) => a,
    },
    {
      name: 'orchestrator detail 24 h',
      rollup: (o) =>
        orchestratorSla(store, { address: addressOf(o), range: window(DAY), now: nowMs }),
      raw: (o) => orchestratorSla(raw, { address: addressOf(o), range: window(DAY), now: nowMs }),
      compare: (a) => a,
    },
    ...[HOUR, DAY, history].map((ms): BenchCase => ({
      name: `GPU series ${ms === HOUR ? '1 h' : ms === DAY ? '24 h' : `${days} d`}`,
      rollup: (o) => gpuSeries(ms, o, false),
      raw: (o) => gpuSeries(ms, o, true),
      compare: sameSeries,
    })),
    {
      name: `SLA history ${days} d (hourly)`,
      rollup: async (o) => {
        const page = await slaCompliance(store, {
          range: window(history),
          granularity: 'hour',
          orchestrator: addressOf(o),
          source: 'agent',
          limit: 24 * days + 1,
          now: nowMs,
        });
        return page.items.map((r) => [r.startMs, r.score]);
      },
      raw: async (o) => {
        const scores = await windowScores(raw, {
          range: { from: new Date(nowMs - history), to: new Date(nowMs) },
          filter: { orchestrator: addressOf(o), source: 'agent' },
          bucket: 'hour',
          now: nowMs,
        });
        return scores
          .map((s) => [s.fromMs, s.breakdown.score])
          .sort((a, b) => Number(a[0]) - Number(b[0]));
      },
      compare: (a) => a,
    },
  ];
  // With one day of history, the whole-history cases repeat the 24 h ones.
  return cases.filter((c, i) => cases.findIndex((x) => x.name === c.name) === i);
}
