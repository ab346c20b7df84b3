import { randomUUID } from 'node:crypto';
import { normalizeAddress } from '@naap/otel';
import { QueryParams, queryRows } from '../storage/rollups/query.js';
import type { Store } from '../storage/store.js';
import { HOUR_MS, floorTo } from './read/filters.js';
import { ANALYTICS_TABLES } from './schema/names.js';

/**
 * Announced maintenance windows of orchestrators. They are excluded from
 * both availabilities and from the heartbeats a score's coverage expects.
 * Adding or withdrawing one marks the hours it overlaps as touched, so the
 * scorer re-scores them.
 */

export interface MaintenanceWindow {
  readonly id: string;
  readonly orchestrator: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly reason: string;
}

export interface NewMaintenanceWindow {
  readonly orchestrator: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly reason?: string;
  /** Reuse an id to change a window. */
  readonly id?: string;
}

/** Longest window accepted (a year). */
export const MAX_MAINTENANCE_MS = 366 * 86_400_000;
const MAX_REASON = 512;

const ms = (d: Date): number => d.getTime();

function checked(w: NewMaintenanceWindow): MaintenanceWindow {
  const orchestrator = normalizeAddress(w.orchestrator);
  if (orchestrator === null) throw new RangeError('orchestrator must be a 0x… ETH address');
  const [s, e] = [ms(w.startsAt), ms(w.endsAt)];
  if (!Number.isFinite(s) || !Number.isFinite(e)) throw new RangeError('startsAt/endsAt invalid');
  if (e <= s) throw new RangeError('endsAt must be after startsAt');
  if (e - s > MAX_MAINTENANCE_MS) throw new RangeError('a maintenance window lasts a year at most');
  const id = w.id ?? randomUUID();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new RangeError('id must be 1–64 of [A-Za-z0-9_-]');
  return {
    id,
    orchestrator,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    reason: (w.reason ?? '').slice(0, MAX_REASON),
  };
}

const dt = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

async function touch(store: Store, w: MaintenanceWindow): Promise<void> {
  const rows = [];
  const now = dt(new Date());
  for (let h = floorTo(ms(w.startsAt), HOUR_MS); h < ms(w.endsAt); h += HOUR_MS) {
    rows.push({
      Bucket: Math.floor(h / 1000),
      OrchestratorAddress: w.orchestrator,
      TouchedAt: now,
    });
  }
  await store.client.insert({
    table: store.table(ANALYTICS_TABLES.touched),
    values: rows,
    format: 'JSONEachRow',
  });
}

async function write(store: Store, w: MaintenanceWindow, deleted: boolean): Promise<void> {
  await store.client.insert({
    table: store.table(ANALYTICS_TABLES.maintenance),
    values: [
      {
        OrchestratorAddress: w.orchestrator,
        Id: w.id,
        StartsAt: dt(w.startsAt),
        EndsAt: dt(w.endsAt),
        Reason: w.reason,
        Deleted: deleted ? 1 : 0,
        UpdatedAt: dt(new Date()),
      },
    ],
    format: 'JSONEachRow',
  });
  await touch(store, w);
}

/** Records (or changes, with the same id) a maintenance window; returns it. */
export async function addMaintenanceWindow(
  store: Store,
  window: NewMaintenanceWindow,
): Promise<MaintenanceWindow> {
  const w = checked(window);
  await write(store, w, false);
  return w;
}

/** Withdraws a window; false when there was none with that id. */
export async function withdrawMaintenanceWindow(
  store: Store,
  orchestrator: string,
  id: string,
): Promise<boolean> {
  const current = await maintenanceWindows(store, {
    orchestrators: [orchestrator],
    from: new Date(0),
    to: new Date(8.64e15),
  });
  const w = current.find((x) => x.id === id);
  if (w === undefined) return false;
  await write(store, w, true);
  return true;
}

interface Row {
  readonly id: string;
  readonly orchestrator: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly reason: string;
}

const parseTime = (s: string): Date => new Date(`${s.replace(' ', 'T')}Z`);

/** Current windows overlapping [from, to), optionally of some orchestrators only. */
export async function maintenanceWindows(
  store: Store,
  q: { readonly orchestrators?: readonly string[]; readonly from: Date; readonly to: Date },
): Promise<MaintenanceWindow[]> {
  const p = new QueryParams();
  const where = [
    'Deleted = 0',
    `StartsAt < ${p.time(q.to)}`,
    `EndsAt > ${p.time(q.from)}`,
    ...(q.orchestrators
      ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
      : []),
  ];
  const rows = await queryRows<Row>(
    store,
    `SELECT Id AS id, OrchestratorAddress AS orchestrator, toString(StartsAt) AS startsAt,
       toString(EndsAt) AS endsAt, Reason AS reason
     FROM ${store.merged(ANALYTICS_TABLES.maintenance)}
     WHERE ${where.join(' AND ')}
     ORDER BY orchestrator, startsAt, id`,
    p,
  );
  return rows.map((r) => ({
    id: r.id,
    orchestrator: r.orchestrator,
    startsAt: parseTime(r.startsAt),
    endsAt: parseTime(r.endsAt),
    reason: r.reason,
  }));
}
