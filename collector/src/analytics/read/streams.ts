import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import {
  INPUT_DIMENSIONS,
  filterSql,
  type HourRange,
  type InputDimension,
  type InputFilter,
} from './filters.js';
import { BUCKET_EXPR, type TimeBucket } from './inputs.js';

/**
 * Jitter and live stream time per group over a range, from the per-stream
 * FPS moments. Each stream's moments are summed over the range first (they
 * add across hours), its jitter is σ/μ with the population σ — exactly
 * `jitterFromMoments` — and a group's jitter is the sample-weighted mean over
 * its streams (`weightedJitter`), computed in ClickHouse so a month of
 * streams never leaves the database. Stream time is the span between a
 * stream's first and last FPS report in the range.
 */

export interface StreamFigures {
  /** Bucket start, when grouped by time. */
  readonly bucket: Date | null;
  readonly group: Partial<Record<InputDimension, string>>;
  /** Sample-weighted mean jitter coefficient; null without a stream with mean FPS > 0. */
  readonly jitter: number | null;
  readonly streams: number;
  readonly samples: number;
  readonly streamMinutes: number;
}

type Num = string | number;
interface Row {
  readonly [dimension: string]: unknown;
  readonly b?: Num;
  readonly weighted: number;
  readonly weight: Num;
  readonly streams: Num;
  readonly samples: Num;
  readonly minutes: number;
}

export async function streamFigures(
  store: Store,
  q: {
    range: HourRange;
    filter?: InputFilter;
    groupBy?: readonly InputDimension[];
    bucket?: TimeBucket;
  },
): Promise<StreamFigures[]> {
  const p = new QueryParams();
  const dims: string[] = [...new Set(q.groupBy ?? [])];
  const cols = dims.map((d) => `${INPUT_DIMENSIONS[d as InputDimension]} AS ${d}`);
  if (q.bucket) {
    dims.unshift('b');
    cols.unshift(`toUnixTimestamp(${BUCKET_EXPR[q.bucket]}) AS b`);
  }
  const where = [
    `Bucket >= ${p.time(q.range.from)}`,
    `Bucket < ${p.time(q.range.to)}`,
    ...filterSql(q.filter, p),
  ];
  const keys = [...dims, 'StreamId'].join(', ');
  const rows = await queryRows<Row>(
    store,
    `SELECT ${[...dims, ''].join(', ')}
       sumIf(n * j, ok) AS weighted, sumIf(n, ok) AS weight, count() AS streams, sum(n) AS samples,
       sum(dateDiff('millisecond', first, last)) / 60000 AS minutes
     FROM (
       SELECT ${[...cols, ''].join(', ')} StreamId, sum(FpsCount) AS n, sum(FpsSum) AS s,
         sum(FpsSumSquares) AS ss, min(FirstAt) AS first, max(LastAt) AS last,
         n > 0 AND s > 0 AS ok,
         if(ok, sqrt(greatest(0, ss / n - (s / n) * (s / n))) / (s / n), 0) AS j
       FROM ${store.table(ANALYTICS_TABLES.streamsHour)}
       WHERE ${where.join(' AND ')}
       GROUP BY ${keys}
     )
     ${dims.length > 0 ? `GROUP BY ${dims.join(', ')} ORDER BY ${dims.join(', ')}` : ''}`,
    p,
  );
  return rows
    .filter((r) => Number(r.streams) > 0)
    .map((r) => {
      const group: Partial<Record<InputDimension, string>> = {};
      for (const d of q.groupBy ?? []) group[d] = String(r[d]);
      const weight = Number(r.weight);
      return {
        bucket: r.b === undefined ? null : new Date(Number(r.b) * 1000),
        group,
        jitter: weight > 0 ? r.weighted / weight : null,
        streams: Number(r.streams),
        samples: Number(r.samples),
        streamMinutes: r.minutes,
      };
    });
}
