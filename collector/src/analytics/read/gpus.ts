import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import type { HourRange } from './filters.js';
import type { TimeBucket } from './inputs.js';

/**
 * GPUs each orchestrator reported per hour (from its agent's GPU metrics):
 * GPU count and GPU-hours (the capacity-rate denominator), and each GPU's
 * model (demand by GPU model).
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
  const where = [
    `Bucket >= ${p.time(q.range.from)}`,
    `Bucket < ${p.time(q.range.to)}`,
    ...(q.orchestrators
      ? [`OrchestratorAddress IN ${p.add('Array(String)', [...q.orchestrators])}`]
      : []),
  ];
  const bucket = q.bucket ? `toUnixTimestamp(${BUCKET[q.bucket]})` : '0';
  const rows = await queryRows<{ b: Num; o: string; gpu: string; model: string; hours: Num }>(
    store,
    `SELECT ${bucket} AS b, OrchestratorAddress AS o, GpuId AS gpu, anyLast(GpuModel) AS model,
       uniqExact(Bucket) AS hours
     FROM ${store.table(ANALYTICS_TABLES.gpusHour)}
     WHERE ${where.join(' AND ')}
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
