import { counterIncreases } from '../../storage/rollups/counters.js';
import {
  filterConditions,
  type Dimension,
  type RollupFilters,
  type SeriesKey,
} from '../../storage/rollups/query.js';
import { NAAP_COLUMNS } from '../../storage/schema/raw-tables.js';
import { ROLLUP_TABLES } from '../../storage/rollups/tables.js';
import type { Range } from '../params/time.js';
import { stepMsOf, type Step } from './buckets.js';
import { QueryParams, bounded, num, text, type Db } from './db.js';

/**
 * Counter increases summed per group over a range, from the sum rollups.
 * DELTA points (what agents and test-load gateways export) are summed in
 * ClickHouse. Series with CUMULATIVE points (third-party producers) are
 * rare: when a range has any, their increases come from the shared counter
 * logic (restarts and resets handled) and are added to their groups.
 */
export interface CounterQuery {
  readonly metric: string;
  readonly step: Step;
  /** Bucket-aligned range. */
  readonly range: Range;
  readonly filters?: RollupFilters;
  readonly dims: readonly Dimension[];
  /** Point attributes to group by (e.g. the outcome). */
  readonly attributes?: readonly string[];
  /** One group per bucket too. */
  readonly perBucket?: boolean;
}

export interface CounterGroup {
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
  readonly attributes: Readonly<Record<string, string>>;
  /** Bucket start (ms) when perBucket. */
  readonly bucketMs: number | null;
  readonly value: number;
}

interface Row {
  readonly [column: string]: unknown;
  readonly delta: number;
  readonly cum: number | string;
  readonly bucket?: number | string;
}

const groupId = (
  dims: Partial<Record<Dimension, string>>,
  attrs: Record<string, string>,
  bucket: number | null,
): string => JSON.stringify([dims, attrs, bucket]);

export async function counterTotals(
  db: Db,
  q: CounterQuery,
  timeoutMs: number,
): Promise<CounterGroup[]> {
  const p = new QueryParams();
  const attrs = q.attributes ?? [];
  const select = [
    ...q.dims.map((d) => `${NAAP_COLUMNS[d]} AS d_${d}`),
    ...attrs.map((a, i) => `Attributes[${p.add('String', a)}] AS a${i}`),
    ...(q.perBucket ? ['toUnixTimestamp(Bucket) AS bucket'] : []),
  ];
  const keys = [
    ...q.dims.map((d) => `d_${d}`),
    ...attrs.map((_, i) => `a${i}`),
    ...(q.perBucket ? ['bucket'] : []),
  ];
  const where = [
    `MetricName = ${p.add('String', q.metric)}`,
    `Bucket >= ${p.time(new Date(q.range.fromMs))}`,
    `Bucket < ${p.time(new Date(q.range.toMs))}`,
    ...filterConditions(q.filters, p),
  ];
  const sql = `SELECT ${[...select, 'sum(DeltaSum) AS delta', 'sum(CumSamples) AS cum'].join(', ')}
FROM ${db.table(ROLLUP_TABLES.sum[q.step])}
WHERE ${where.join(' AND ')}
${keys.length > 0 ? `GROUP BY ${keys.join(', ')}` : ''}`;
  const rows = await db.rows<Row>(sql, p);
  const groups = new Map<string, CounterGroup>();
  const add = (g: Omit<CounterGroup, 'value'>, value: number): void => {
    const id = groupId(g.dims, g.attributes, g.bucketMs);
    const prev = groups.get(id);
    groups.set(id, { ...g, value: (prev?.value ?? 0) + value });
  };
  for (const r of rows) {
    const dims: Partial<Record<Dimension, string>> = {};
    for (const d of q.dims) dims[d] = text(r[`d_${d}`]);
    const a: Record<string, string> = {};
    attrs.forEach((name, i) => {
      a[name] = text(r[`a${i}`]);
    });
    const bucketMs = q.perBucket ? num(r.bucket) * 1000 : null;
    add({ dims, attributes: a, bucketMs }, num(r.delta));
  }
  if (rows.some((r) => num(r.cum) > 0)) {
    await addCumulative(db, q, timeoutMs, add);
  }
  return [...groups.values()];
}

const DIM_FIELD: Readonly<Record<Dimension, keyof SeriesKey>> = {
  orchestrator: 'orchestratorAddress',
  region: 'region',
  source: 'source',
  gpu: 'gpuId',
  pipeline: 'pipeline',
  model: 'modelId',
};

async function addCumulative(
  db: Db,
  q: CounterQuery,
  timeoutMs: number,
  add: (g: Omit<CounterGroup, 'value'>, value: number) => void,
): Promise<void> {
  const series = await bounded(
    counterIncreases(db.store, {
      metric: q.metric,
      step: q.step,
      from: new Date(q.range.fromMs),
      to: new Date(q.range.toMs),
      ...(q.filters ? { filters: q.filters } : {}),
    }),
    timeoutMs,
  );
  const bucketStep = stepMsOf(q.step);
  for (const s of series) {
    // Mixed series (delta and cumulative points) are already counted by their delta sums.
    if (s.cumulativeSamples === 0 || s.deltaSamples > 0) continue;
    const dims: Partial<Record<Dimension, string>> = {};
    for (const d of q.dims) dims[d] = text(s[DIM_FIELD[d]]);
    const a: Record<string, string> = {};
    for (const name of q.attributes ?? []) a[name] = s.attributes[name] ?? '';
    const bucketMs = q.perBucket ? Math.floor(s.bucket.getTime() / bucketStep) * bucketStep : null;
    add({ dims, attributes: a, bucketMs }, s.increase);
  }
}
