import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import type { MaintenanceWindow } from '../maintenance.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { DAY_MS, HOUR_MS } from './filters.js';
import { findSpan, spanConditions, type Span } from './spans.js';

/**
 * Where node totals' rows come from: the hourly node table (one merged row
 * per stored hour and key, capped), a span of the range, the minute table
 * for maintenance windows. `node.ts` adds them up per bucket and host.
 */

/** Export interval assumed for a host that never reported one (the agent's default). */
export const DEFAULT_EXPORT_INTERVAL_S = 5;
/** How far back a host that sent heartbeats is still expected. */
export const HOST_LOOKBACK_MS = DAY_MS;

export type NodeBucket = 'hour' | 'day' | 'week';

const BUCKET_EXPR: Readonly<Record<NodeBucket, string>> = {
  hour: "toStartOfHour(Bucket, 'UTC')",
  day: "toStartOfDay(Bucket, 'UTC')",
  week: "toMonday(Bucket, 'UTC')",
};

type Num = string | number;
/** A result row: b is the result bucket (s), 0 for the host look-back. */
export interface NodeRow {
  readonly b: Num;
  readonly o: string;
  readonly host: string;
  readonly source: string;
  readonly hb: Num;
  readonly live: number;
  readonly ivSum: number;
  readonly ivN: Num;
  readonly probes: Num;
  readonly ok: Num;
  readonly fees: number;
}

/**
 * One row per stored bucket and key (`FINAL`: parts may not be merged yet),
 * each capped at the bucket's length, then summed per (result bucket, O,
 * host, source); rows before the range (the host look-back) come back with
 * b = 0 and count only for hosts and intervals. The cap applies per host and
 * region (the table's key): an agent that moved region within an hour has
 * each region's seconds capped on their own.
 */
function totalsSql(table: string, bucketSeconds: number, key: string, where: string): string {
  const interval = `if(IntervalSamples > 0, IntervalSum / IntervalSamples, ${DEFAULT_EXPORT_INTERVAL_S})`;
  return `
SELECT ${key} AS b, OrchestratorAddress AS o, HostName AS host, Source AS source,
  sum(Heartbeats) AS hb, sum(least(Heartbeats * ${interval}, ${bucketSeconds})) AS live,
  sum(IntervalSum) AS ivSum, sum(IntervalSamples) AS ivN, sum(Probes) AS probes,
  sum(ProbeSuccesses) AS ok, sum(FeesGwei) AS fees
FROM ${table}
WHERE ${where}
GROUP BY b, o, host, source`;
}

export interface NodeQuery {
  readonly from: Date;
  readonly to: Date;
  readonly orchestrators?: readonly string[];
  readonly maintenance: readonly MaintenanceWindow[];
  /** Totals per bucket (default: one total over the range). */
  readonly bucket?: NodeBucket;
  /** Read a span of the range when there is one (default true). */
  readonly spans?: boolean;
}

function bucketKey(q: NodeQuery, p: QueryParams): string {
  const inRange = `Bucket >= ${p.time(q.from)}`;
  const value = q.bucket
    ? `toUnixTimestamp(${BUCKET_EXPR[q.bucket]})`
    : String(Math.floor(q.from.getTime() / 1000));
  return `if(${inRange}, ${value}, 0)`;
}

/**
 * The SELECT of the hourly totals of [from, to) keyed as `q` asks, with the
 * host look-back (the day before `from`) unless `lookback` is off.
 */
export function hourlySql(
  store: Store,
  q: NodeQuery,
  p: QueryParams,
  part: { from: Date; to: Date; lookback: boolean },
): string {
  const since = part.lookback ? part.from.getTime() - HOST_LOOKBACK_MS : part.from.getTime();
  const where = [
    `Bucket >= ${p.time(new Date(since))}`,
    `Bucket < ${p.time(part.to)}`,
    ...(q.orchestrators
      ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
      : []),
  ].join(' AND ');
  return totalsSql(store.merged(ANALYTICS_TABLES.nodeHour), 3600, bucketKey(q, p), where);
}

/**
 * The hourly totals, or, for one total over a range that starts where a
 * span starts, the span's totals (look-back included) and the hours after it.
 */
export async function nodeRows(store: Store, q: NodeQuery): Promise<NodeRow[]> {
  const span = spanOf(q) ? await findSpan(store, q) : null;
  const p = new QueryParams();
  if (span === null) {
    const sql = hourlySql(store, q, p, { from: q.from, to: q.to, lookback: true });
    return queryRows<NodeRow>(store, sql, p);
  }
  const rest = new Date(span.to);
  const [inSpan, after] = await Promise.all([
    fromSpan(store, q, span),
    rest < q.to
      ? queryRows<NodeRow>(
          store,
          hourlySql(store, q, p, { from: rest, to: q.to, lookback: false }),
          p,
        )
      : [],
  ]);
  return [...inSpan, ...after];
}

/** Spans hold one total per host from an hour boundary: only those ranges read them. */
const spanOf = (q: NodeQuery): boolean =>
  q.spans !== false && q.bucket === undefined && q.from.getTime() % HOUR_MS === 0;

async function fromSpan(store: Store, q: NodeQuery, span: Span): Promise<NodeRow[]> {
  const p = new QueryParams();
  const where = [
    ...spanConditions(p, span),
    ...(q.orchestrators
      ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
      : []),
  ];
  const key = Math.floor(q.from.getTime() / 1000);
  return queryRows<NodeRow>(
    store,
    `SELECT if(Lookback, 0, ${key}) AS b, OrchestratorAddress AS o, HostName AS host,
       Source AS source, Heartbeats AS hb, LiveSeconds AS live, IntervalSum AS ivSum,
       IntervalSamples AS ivN, Probes AS probes, ProbeSuccesses AS ok, FeesGwei AS fees
     FROM ${store.table(ANALYTICS_TABLES.nodeSpan)}
     WHERE ${where.join(' AND ')}`,
    p,
  );
}

/** Rows inside maintenance windows (minute precision), to subtract. */
export async function maintenanceRows(store: Store, q: NodeQuery): Promise<NodeRow[]> {
  const p = new QueryParams();
  const cuts = q.maintenance
    .map((w) => ({
      o: w.orchestrator,
      from: Math.max(w.startsAt.getTime(), q.from.getTime()),
      to: Math.min(w.endsAt.getTime(), q.to.getTime()),
    }))
    .filter((s) => s.to > s.from)
    .map(
      (s) =>
        `(OrchestratorAddress = ${p.add('String', s.o)} AND Bucket >= ${p.time(new Date(s.from))}` +
        ` AND Bucket < ${p.time(new Date(s.to))})`,
    );
  if (cuts.length === 0) return [];
  const key = bucketKey(q, p);
  const sql = totalsSql(
    store.merged(ANALYTICS_TABLES.nodeMinute),
    60,
    key,
    `(${cuts.join(' OR ')})`,
  );
  return queryRows<NodeRow>(store, sql, p);
}
