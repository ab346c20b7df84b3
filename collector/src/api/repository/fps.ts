import { ATTR, METRIC, jitterFromMoments, weightedJitter, type StreamJitter } from '@naap/otel';
import { filterConditions, type Dimension } from '../../storage/rollups/query.js';
import { ROLLUP_TABLES } from '../../storage/rollups/tables.js';
import { NAAP_COLUMNS } from '../../storage/schema/raw-tables.js';
import { counterTotals } from './counters.js';
import { QueryParams, num, text, type Db } from './db.js';
import type { GroupQuery } from './jobs.js';

/**
 * Live FPS per group: the mean of every sample (Σx / n from the histogram
 * rollups) and the jitter coefficient, σ/μ per stream from its moments
 * (n, Σx, Σx² — the squares counter), sample-weighted over the streams.
 */
export interface FpsGroup {
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
  readonly bucketMs: number | null;
  readonly samples: number;
  readonly mean: number | null;
  readonly jitter: number | null;
}

interface Row {
  readonly [column: string]: unknown;
  readonly stream: string;
  readonly n: number | string;
  readonly s: number;
  readonly bucket?: number | string;
}

interface Acc {
  dims: Partial<Record<Dimension, string>>;
  bucketMs: number | null;
  samples: number;
  sum: number;
  streams: StreamJitter[];
}

export async function fpsBy(db: Db, q: GroupQuery, timeoutMs: number): Promise<FpsGroup[]> {
  const p = new QueryParams();
  const stream = p.add('String', ATTR.streamId);
  const keys = [...q.dims.map((d) => `d_${d}`), 'stream', ...(q.perBucket ? ['bucket'] : [])];
  const where = [
    `MetricName = ${p.add('String', METRIC.liveFps)}`,
    `Bucket >= ${p.time(new Date(q.range.fromMs))}`,
    `Bucket < ${p.time(new Date(q.range.toMs))}`,
    ...filterConditions(q.filters, p),
  ];
  const sql = `SELECT ${[
    ...q.dims.map((d) => `${NAAP_COLUMNS[d]} AS d_${d}`),
    `Attributes[${stream}] AS stream`,
    ...(q.perBucket ? ['toUnixTimestamp(Bucket) AS bucket'] : []),
    'sum(Count) AS n',
    'sum(Sum) AS s',
  ].join(', ')}
FROM ${db.table(ROLLUP_TABLES.histogram[q.step])}
WHERE ${where.join(' AND ')}
GROUP BY ${keys.join(', ')}`;
  const [rows, squares] = await Promise.all([
    db.rows<Row>(sql, p),
    counterTotals(
      db,
      { ...q, metric: METRIC.liveFpsSquares, attributes: [ATTR.streamId] },
      timeoutMs,
    ),
  ]);
  const squareOf = new Map(
    squares.map((g) => [
      JSON.stringify([g.dims, g.attributes[ATTR.streamId] ?? '', g.bucketMs]),
      g.value,
    ]),
  );
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const dims: Partial<Record<Dimension, string>> = {};
    for (const d of q.dims) dims[d] = text(r[`d_${d}`]);
    const bucketMs = q.perBucket ? num(r.bucket) * 1000 : null;
    const n = num(r.n);
    if (n === 0) continue;
    const id = JSON.stringify([dims, bucketMs]);
    let acc = groups.get(id);
    if (acc === undefined) {
      acc = { dims, bucketMs, samples: 0, sum: 0, streams: [] };
      groups.set(id, acc);
    }
    acc.samples += n;
    acc.sum += r.s;
    const sq = squareOf.get(JSON.stringify([dims, r.stream, bucketMs]));
    if (sq === undefined || sq < 0 || r.s < 0) continue;
    const j = jitterFromMoments({ count: n, sum: r.s, sumSquares: sq });
    if (j !== null) acc.streams.push({ jitter: j, samples: n });
  }
  return [...groups.values()].map((a) => ({
    dims: a.dims,
    bucketMs: a.bucketMs,
    samples: a.samples,
    mean: a.samples > 0 ? a.sum / a.samples : null,
    jitter: weightedJitter(a.streams),
  }));
}
