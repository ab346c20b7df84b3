import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { DAY_MS, ceilTo, floorTo, type HourRange } from './filters.js';
import type { TimeBucket } from './inputs.js';

/**
 * GPUs each orchestrator reported per hour (from its agent's GPU metrics):
 * GPU count and GPU-hours (the capacity-rate denominator), and each GPU's
 * model (demand by GPU model). Long windows read whole days from the daily
 * GPU table.
 */

export interface GpuHours {
  /** Bucket start (ms), or the range start without buckets. */
  readonly bucketMs: number;
  readonly orchestrator: string;
  readonly gpuId: string;
  readonly gpuModel: string;
  /** Hours of the bucket in which the GPU reported. */
  readonly hours: number;
}

const BUCKET: Readonly<Record<TimeBucket, string>> = {
  hour: 'Bucket',
  day: "toStartOfDay(Bucket, 'UTC')",
  week: "toMonday(Bucket, 'UTC')",
};

type Num = string | number;

export async function gpuHours(
  store: Store,
  q: { range: HourRange; orchestrators?: readonly string[]; bucket?: TimeBucket },
): Promise<GpuHours[]> {
  const p = new QueryParams();
  const orchestrators = q.orchestrators
    ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
    : [];
  const bucket = q.bucket ? `toUnixTimestamp(${BUCKET[q.bucket]})` : '0';
  const part = (table: string, from: number, to: number, hours: string): string =>
    `SELECT ${bucket} AS b, OrchestratorAddress AS o, GpuId AS gpu, anyLast(GpuModel) AS model,
       ${hours} AS h
     FROM ${store.table(table)}
     WHERE ${[`Bucket >= ${p.time(new Date(from))}`, `Bucket < ${p.time(new Date(to))}`, ...orchestrators].join(' AND ')}
     GROUP BY b, o, gpu`;
  // Whole days from the daily table (hours as exact sets), the edges from the
  // hourly one; the parts cover disjoint hours, so their counts add.
  const parts = splitDays(q.range, q.bucket !== 'hour').map((s) =>
    s.daily
      ? part(ANALYTICS_TABLES.gpusDay, s.from, s.to, 'uniqExactMerge(Hours)')
      : part(ANALYTICS_TABLES.gpusHour, s.from, s.to, 'uniqExact(Bucket)'),
  );
  const rows = await queryRows<{ b: Num; o: string; gpu: string; model: string; hours: Num }>(
    store,
    `SELECT b, o, gpu, anyLast(model) AS model, sum(h) AS hours
     FROM (${parts.join('\n     UNION ALL\n     ')})
     GROUP BY b, o, gpu ORDER BY b, o, gpu`,
    p,
  );
  return rows.map((r) => ({
    bucketMs: q.bucket ? Number(r.b) * 1000 : q.range.from.getTime(),
    orchestrator: r.o,
    gpuId: r.gpu,
    gpuModel: r.model,
    hours: Number(r.hours),
  }));
}

/** [from, to) as whole UTC days (when `daily`) between the hours at either edge. */
export function splitDays(
  range: HourRange,
  daily: boolean,
): { daily: boolean; from: number; to: number }[] {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const dayFrom = ceilTo(from, DAY_MS);
  const dayTo = floorTo(to, DAY_MS);
  if (!daily || dayTo <= dayFrom) return [{ daily: false, from, to }];
  return [
    ...(from < dayFrom ? [{ daily: false, from, to: dayFrom }] : []),
    { daily: true, from: dayFrom, to: dayTo },
    ...(dayTo < to ? [{ daily: false, from: dayTo, to }] : []),
  ];
}
