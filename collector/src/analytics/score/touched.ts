import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';

/**
 * What changed since the scorer last ran: (hour, O) pairs that views on the
 * hourly input and node tables record whenever rows arrive — also rows for
 * old hours (an agent that was offline delivers its buffer late), which is
 * how late data reaches the scorer. The watermark is the start of the last
 * run; a run re-reads a margin before it, since an insert that began before
 * the run may become visible only after it (re-scoring is idempotent).
 */

export const SCORER_NAME = 'naap-sla-v1';
export const WATERMARK_MARGIN_MS = 120_000;

type Num = string | number;

const text = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const parse = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

export async function readWatermark(store: Store, name = SCORER_NAME): Promise<number | null> {
  const p = new QueryParams();
  const rows = await queryRows<{ w: string }>(
    store,
    `SELECT toString(Watermark) AS w FROM ${store.merged(ANALYTICS_TABLES.scorerState)}
     WHERE Name = ${p.add('String', name)}`,
    p,
  );
  const w = rows[0]?.w;
  return w === undefined ? null : parse(w);
}

/** The storage's clock: `TouchedAt` is written by it, so the watermark is read from it too. */
export async function storageNow(store: Store): Promise<number> {
  const rows = await queryRows<{ now: string }>(
    store,
    "SELECT toString(now64(3, 'UTC')) AS now",
    new QueryParams(),
  );
  const now = rows[0]?.now;
  return now === undefined ? Date.now() : parse(now);
}

export async function writeWatermark(store: Store, ms: number, name = SCORER_NAME): Promise<void> {
  await store.client.insert({
    table: store.table(ANALYTICS_TABLES.scorerState),
    values: [{ Name: name, Watermark: text(ms), UpdatedAt: text(Date.now()) }],
    format: 'JSONEachRow',
  });
}

/** Orchestrators touched per hour (hour start ms → addresses) since `since`. */
export async function touchedSince(
  store: Store,
  since: number | null,
  marginMs = WATERMARK_MARGIN_MS,
): Promise<Map<number, string[]>> {
  const p = new QueryParams();
  const where = since === null ? '1' : `TouchedAt >= ${p.time(new Date(since - marginMs))}`;
  const rows = await queryRows<{ bucket: Num; orchestrators: string[] }>(
    store,
    `SELECT toUnixTimestamp(Bucket) AS bucket, groupUniqArray(OrchestratorAddress) AS orchestrators
     FROM ${store.table(ANALYTICS_TABLES.touched)}
     WHERE ${where}
     GROUP BY bucket ORDER BY bucket`,
    p,
  );
  return new Map(rows.map((r) => [Number(r.bucket) * 1000, [...r.orchestrators].sort()]));
}
