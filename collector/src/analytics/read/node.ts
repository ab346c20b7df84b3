import type { Store } from '../../storage/store.js';
import { SOURCE } from '../schema/names.js';
import {
  DEFAULT_EXPORT_INTERVAL_S,
  maintenanceRows,
  nodeRows,
  type NodeQuery,
  type NodeRow,
} from './node-rows.js';

export {
  DEFAULT_EXPORT_INTERVAL_S,
  HOST_LOOKBACK_MS,
  type NodeBucket,
  type NodeQuery,
} from './node-rows.js';

/**
 * Heartbeats, probes and fees per orchestrator and host over a range (whole,
 * or per hour, day or week), from the hourly node table (or a span of the
 * range, read/node-rows.ts), minus what fell
 * inside maintenance windows (read from the minute table, so windows are cut
 * at minute precision). A host that sent a heartbeat in the day before the
 * range is expected in every bucket, one that first reported inside the range
 * from that bucket on, so an agent that stayed silent still counts against
 * its orchestrator (but not before it existed).
 */

export interface HostTotals {
  readonly orchestrator: string;
  readonly host: string;
  readonly heartbeats: number;
  /** Seconds with a live heartbeat (heartbeats × interval, at most the bucket per bucket). */
  readonly liveSeconds: number;
  /** The export interval (s) the host reported in the bucket, else over the range and look-back. */
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

interface Acc {
  hb: number;
  live: number;
  probes: number;
  ok: number;
  fees: number;
  /** Export intervals the host reported in the bucket (maintenance included): Σ and n. */
  ivSum: number;
  ivN: number;
}

/** Totals per bucket; every bucket expects every host seen, also a bucket without rows. */
export interface NodeTotalsByBucket {
  /** Buckets (start ms) with rows. */
  readonly buckets: readonly number[];
  get(bucketMs: number): NodeTotals;
}

/** Totals per bucket start (ms) over [from, to), maintenance cut out. */
export async function nodeTotalsByBucket(store: Store, q: NodeQuery): Promise<NodeTotalsByBucket> {
  const [all, maint] = await Promise.all([nodeRows(store, q), maintenanceRows(store, q)]);
  // Hosts, their export interval over the range and the look-back, and the
  // first bucket they reported in (0: the look-back).
  const hosts = new Map<string, Host>();
  for (const r of all) {
    if (r.source !== SOURCE.agent) continue;
    const k = `${r.o}|${r.host}`;
    const h = hosts.get(k) ?? { o: r.o, host: r.host, ivSum: 0, ivN: 0, firstMs: Infinity };
    hosts.set(k, {
      ...h,
      ivSum: h.ivSum + r.ivSum,
      ivN: h.ivN + Number(r.ivN),
      firstMs: Math.min(h.firstMs, Number(r.b) * 1000),
    });
  }
  const acc = new Map<number, Map<string, Acc>>();
  const add = (r: NodeRow, sign: 1 | -1): void => {
    const b = Number(r.b) * 1000;
    if (b === 0) return;
    const perBucket = acc.get(b) ?? new Map<string, Acc>();
    acc.set(b, perBucket);
    const k = `${r.o}|${r.host}|${r.source}`;
    const a = perBucket.get(k) ?? { hb: 0, live: 0, probes: 0, ok: 0, fees: 0, ivSum: 0, ivN: 0 };
    perBucket.set(k, {
      hb: a.hb + sign * Number(r.hb),
      live: a.live + sign * r.live,
      probes: a.probes + sign * Number(r.probes),
      ok: a.ok + sign * Number(r.ok),
      fees: a.fees + sign * r.fees,
      ivSum: a.ivSum + (sign > 0 ? r.ivSum : 0),
      ivN: a.ivN + (sign > 0 ? Number(r.ivN) : 0),
    });
  };
  for (const r of all) add(r, 1);
  for (const r of maint) add(r, -1);
  const empty = new Map<string, Acc>();
  // Callers ask per score (a leaderboard: once per orchestrator and source),
  // and one bucket's totals cover every host: compute each bucket once.
  const done = new Map<number, NodeTotals>();
  return {
    buckets: [...acc.keys()].sort((a, b) => a - b),
    get: (b) => {
      let t = done.get(b);
      if (t === undefined) {
        t = totalsOf(acc.get(b) ?? empty, hosts, b);
        done.set(b, t);
      }
      return t;
    },
  };
}

interface Host {
  readonly o: string;
  readonly host: string;
  readonly ivSum: number;
  readonly ivN: number;
  /** Start of the first bucket with a row of the host; 0 when it reported in the look-back. */
  readonly firstMs: number;
}

/** A bucket's totals: every host that reported in it or before (not one that appeared later). */
function totalsOf(
  perKey: ReadonlyMap<string, Acc>,
  hosts: ReadonlyMap<string, Host>,
  bucketMs: number,
): NodeTotals {
  const expected = [...hosts.values()].filter((h) => h.firstMs <= bucketMs);
  const hostTotals: HostTotals[] = expected.map((h) => {
    const a = perKey.get(`${h.o}|${h.host}|${SOURCE.agent}`);
    return {
      orchestrator: h.o,
      host: h.host,
      heartbeats: Math.max(0, a?.hb ?? 0),
      liveSeconds: Math.max(0, a?.live ?? 0),
      // The interval it reported in the bucket (a host may change it), else
      // the one it reported over the range and the look-back.
      intervalSeconds:
        a !== undefined && a.ivN > 0
          ? a.ivSum / a.ivN
          : h.ivN > 0
            ? h.ivSum / h.ivN
            : DEFAULT_EXPORT_INTERVAL_S,
    };
  });
  const probes = new Map<string, ProbeTotals>();
  const feesGwei = new Map<string, number>();
  for (const [key, a] of perKey) {
    const o = key.split('|')[0] ?? '';
    const pr = probes.get(o) ?? { orchestrator: o, probes: 0, successes: 0 };
    probes.set(o, {
      orchestrator: o,
      probes: pr.probes + Math.max(0, a.probes),
      successes: pr.successes + Math.max(0, a.ok),
    });
    feesGwei.set(o, (feesGwei.get(o) ?? 0) + a.fees);
  }
  return { hosts: hostTotals, probes: [...probes.values()], feesGwei };
}

/** Totals over the whole range [from, to). */
export async function nodeTotals(store: Store, q: Omit<NodeQuery, 'bucket'>): Promise<NodeTotals> {
  return (await nodeTotalsByBucket(store, q)).get(q.from.getTime());
}
