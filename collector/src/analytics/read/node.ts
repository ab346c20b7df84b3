import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import type { MaintenanceWindow } from '../maintenance.js';
import { ANALYTICS_TABLES, SOURCE } from '../schema/names.js';
import { DAY_MS } from './filters.js';

/**
 * Heartbeats, probes and fees per orchestrator and host over a range, from
 * the hourly node table, minus what fell inside maintenance windows (read
 * from the minute table, so windows are cut at minute precision). Hosts are
 * those that sent a heartbeat in the range or the day before it, so an agent
 * that stayed silent the whole range still counts as expected.
 */

/** Export interval assumed for a host that never reported one (the agent's default). */
export const DEFAULT_EXPORT_INTERVAL_S = 5;
/** How far back a host that sent heartbeats is still expected. */
export const HOST_LOOKBACK_MS = DAY_MS;

export interface HostTotals {
  readonly orchestrator: string;
  readonly host: string;
  readonly heartbeats: number;
  /** Seconds with a live heartbeat (heartbeats × interval, at most the bucket per bucket). */
  readonly liveSeconds: number;
  readonly intervalSeconds: number;
}

export interface ProbeTotals {
  readonly orchestrator: string;
  readonly probes: number;
  readonly successes: number;
}

export interface NodeTotals {
  readonly hosts: readonly HostTotals[];
  readonly probes: readonly ProbeTotals[];
  /** Fees per orchestrator, gwei. */
  readonly feesGwei: ReadonlyMap<string, number>;
}

type Num = string | number;
interface Row {
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

const live = (bucketSeconds: number): string =>
  `least(bHb * if(bIvN > 0, bIvSum / bIvN, ${DEFAULT_EXPORT_INTERVAL_S}), ${bucketSeconds})`;

/** Per-bucket totals first (parts may not be merged yet), then per (O, host, source). */
function totalsSql(table: string, bucketSeconds: number, inRange: string, where: string): string {
  return `
SELECT o, host, source, sumIf(bHb, inRange) AS hb, sumIf(${live(bucketSeconds)}, inRange) AS live,
  sum(bIvSum) AS ivSum, sum(bIvN) AS ivN, sumIf(bProbes, inRange) AS probes,
  sumIf(bOk, inRange) AS ok, sumIf(bFees, inRange) AS fees
FROM (
  SELECT OrchestratorAddress AS o, HostName AS host, Source AS source, ${inRange} AS inRange,
    sum(Heartbeats) AS bHb, sum(IntervalSum) AS bIvSum, sum(IntervalSamples) AS bIvN,
    sum(Probes) AS bProbes, sum(ProbeSuccesses) AS bOk, sum(FeesGwei) AS bFees
  FROM ${table}
  WHERE ${where}
  GROUP BY o, host, source, Bucket
)
GROUP BY o, host, source`;
}

function fold(rows: readonly Row[], sign: 1 | -1, into: Map<string, Acc>): void {
  for (const r of rows) {
    const key = `${r.o}|${r.host}|${r.source}`;
    const a = into.get(key) ?? { ...r, hb: 0, live: 0, probes: 0, ok: 0, fees: 0 };
    into.set(key, {
      ...a,
      hb: Number(a.hb) + sign * Number(r.hb),
      live: a.live + sign * r.live,
      probes: Number(a.probes) + sign * Number(r.probes),
      ok: Number(a.ok) + sign * Number(r.ok),
      fees: a.fees + sign * r.fees,
      ivSum: sign > 0 ? r.ivSum : a.ivSum,
      ivN: sign > 0 ? r.ivN : a.ivN,
    });
  }
}
type Acc = Row;

export interface NodeQuery {
  readonly from: Date;
  readonly to: Date;
  readonly orchestrators?: readonly string[];
  readonly maintenance: readonly MaintenanceWindow[];
}

async function hourly(store: Store, q: NodeQuery): Promise<Row[]> {
  const p = new QueryParams();
  const from = p.time(q.from);
  const where = [
    `Bucket >= ${p.time(new Date(q.from.getTime() - HOST_LOOKBACK_MS))}`,
    `Bucket < ${p.time(q.to)}`,
    ...(q.orchestrators
      ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
      : []),
  ].join(' AND ');
  const sql = totalsSql(store.table(ANALYTICS_TABLES.nodeHour), 3600, `Bucket >= ${from}`, where);
  return queryRows<Row>(store, sql, p);
}

async function inMaintenance(store: Store, q: NodeQuery): Promise<Row[]> {
  const p = new QueryParams();
  const spans = q.maintenance
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
  if (spans.length === 0) return [];
  const sql = totalsSql(
    store.table(ANALYTICS_TABLES.nodeMinute),
    60,
    '1',
    `(${spans.join(' OR ')})`,
  );
  return queryRows<Row>(store, sql, p);
}

/** Totals per host and orchestrator over [from, to), maintenance cut out. */
export async function nodeTotals(store: Store, q: NodeQuery): Promise<NodeTotals> {
  const [all, maint] = await Promise.all([hourly(store, q), inMaintenance(store, q)]);
  const acc = new Map<string, Acc>();
  fold(all, 1, acc);
  fold(maint, -1, acc);
  const hosts: HostTotals[] = [];
  const probes = new Map<string, { probes: number; successes: number }>();
  const feesGwei = new Map<string, number>();
  for (const r of acc.values()) {
    if (r.source === SOURCE.agent && Number(r.ivN) + Number(r.hb) > 0) {
      const n = Number(r.ivN);
      hosts.push({
        orchestrator: r.o,
        host: r.host,
        heartbeats: Math.max(0, Number(r.hb)),
        liveSeconds: Math.max(0, r.live),
        intervalSeconds: n > 0 ? r.ivSum / n : DEFAULT_EXPORT_INTERVAL_S,
      });
    }
    const pr = probes.get(r.o) ?? { probes: 0, successes: 0 };
    probes.set(r.o, {
      probes: pr.probes + Math.max(0, Number(r.probes)),
      successes: pr.successes + Math.max(0, Number(r.ok)),
    });
    feesGwei.set(r.o, (feesGwei.get(r.o) ?? 0) + r.fees);
  }
  return {
    hosts,
    probes: [...probes].map(([orchestrator, v]) => ({ orchestrator, ...v })),
    feesGwei,
  };
}
