import { ATTR, EVENT } from '@naap/otel';
import { filterConditions, type RollupFilters } from '../../storage/rollups/query.js';
import { RAW_LOGS_TABLE } from '../../storage/schema/raw-tables.js';
import type { Range } from '../params/time.js';
import { QueryParams, msOf, text, type Db } from './db.js';

/**
 * Test-load job records (`naap.testload.job` log records) from the raw log
 * table: newest first with keyset paging, and figures per (gateway region,
 * pipeline, model). Attribute values are stored as text.
 */
export interface TestloadFilters {
  readonly dims?: RollupFilters;
  readonly outcome?: string;
  readonly caseKind?: string;
}

export interface StoredJob {
  readonly timeMs: number;
  readonly address: string;
  readonly region: string;
  readonly pipeline: string;
  readonly model: string;
  readonly attributes: Readonly<Record<string, string>>;
}

function conditions(p: QueryParams, range: Range, f: TestloadFilters): string[] {
  const attr = (key: string): string => `LogAttributes[${p.add('String', key)}]`;
  return [
    `EventName = ${p.add('String', EVENT.testloadJob)}`,
    `Timestamp >= ${p.time(new Date(range.fromMs))}`,
    `Timestamp < ${p.time(new Date(range.toMs))}`,
    ...filterConditions(f.dims, p),
    ...(f.outcome ? [`${attr(ATTR.outcome)} = ${p.add('String', f.outcome)}`] : []),
    ...(f.caseKind ? [`${attr(ATTR.caseKind)} = ${p.add('String', f.caseKind)}`] : []),
  ];
}

interface JobRow {
  readonly t: string | number;
  readonly address: string;
  readonly region: string;
  readonly pipeline: string;
  readonly model: string;
  readonly attrs: Record<string, string>;
}

/** Jobs newest first; `before` = [timeMs, jobId] of the last job of the previous page. */
export async function testloadJobs(
  db: Db,
  q: {
    range: Range;
    filters: TestloadFilters;
    limit: number;
    before?: readonly [number, string];
  },
): Promise<StoredJob[]> {
  const p = new QueryParams();
  const where = conditions(p, q.range, q.filters);
  const id = `LogAttributes[${p.add('String', ATTR.jobId)}]`;
  if (q.before)
    where.push(
      `(toUnixTimestamp64Milli(Timestamp), ${id}) < (${p.add('Int64', q.before[0])}, ${p.add('String', q.before[1])})`,
    );
  const sql = `SELECT toUnixTimestamp64Milli(Timestamp) AS t, OrchestratorAddress AS address,
  Region AS region, Pipeline AS pipeline, ModelId AS model, LogAttributes AS attrs
FROM ${db.table(RAW_LOGS_TABLE)}
WHERE ${where.join(' AND ')}
ORDER BY t DESC, ${id} DESC
LIMIT ${p.add('UInt32', q.limit)}`;
  const rows = await db.rows<JobRow>(sql, p);
  return rows.map((r) => ({
    timeMs: msOf(r.t),
    address: r.address,
    region: r.region,
    pipeline: r.pipeline,
    model: r.model,
    attributes: r.attrs,
  }));
}

/** Figures of a set of test-load jobs; latencies of successful jobs only. */
export interface TestloadAggregate {
  readonly region: string;
  readonly pipeline: string;
  readonly model: string;
  readonly success: number;
  readonly failure: number;
  readonly excused: number;
  readonly orchestrators: number;
  readonly swapped: number;
  readonly expectedRejections: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly ptffP50Ms: number | null;
  readonly fpsSamples: number;
  readonly fpsMean: number | null;
  readonly jitter: number | null;
  readonly lastJobMs: number | null;
}

interface AggRow {
  readonly [k: string]: unknown;
}

const n = (x: unknown): number => Number(x ?? 0);
const nn = (x: unknown): number | null => {
  if (x === null || x === undefined) return null;
  const v = Number(x);
  return Number.isFinite(v) ? v : null;
};

export type TestloadGroupColumn = 'Region' | 'Pipeline' | 'ModelId';

export async function testloadAggregates(
  db: Db,
  q: { range: Range; filters: TestloadFilters; groupBy: readonly TestloadGroupColumn[] },
): Promise<TestloadAggregate[]> {
  const p = new QueryParams();
  const attr = (key: string): string => `LogAttributes[${p.add('String', key)}]`;
  const num = (key: string): string => `toFloat64OrNull(${attr(key)})`;
  const outcome = attr(ATTR.outcome);
  const fpsN = `ifNull(${num(ATTR.fpsCount)}, 0)`;
  const where = conditions(p, q.range, q.filters);
  const keys = [...new Set(q.groupBy)];
  const alias = { Region: 'region', Pipeline: 'pipeline', ModelId: 'model' } as const;
  const sql = `SELECT ${keys.map((k) => `${k} AS ${alias[k]},`).join(' ')}
  countIf(${outcome} = 'success') AS success,
  countIf(${outcome} = 'failure') AS failure,
  countIf(${outcome} = 'excused') AS excused,
  uniqExact(OrchestratorAddress) AS orchestrators,
  countIf(${attr(ATTR.swapped)} = 'true') AS swapped,
  countIf(${attr(ATTR.expectedRejection)} = 'true') AS rejections,
  quantilesExactInclusiveIf(0.5, 0.95)(${num(ATTR.latencyMs)}, ${outcome} = 'success' AND ${num(ATTR.latencyMs)} IS NOT NULL) AS lat,
  quantileExactInclusiveIf(0.5)(${num(ATTR.ptffMs)}, ${outcome} = 'success' AND ${num(ATTR.ptffMs)} IS NOT NULL) AS ptff,
  sum(${fpsN}) AS fpsN,
  sumIf(${num(ATTR.fpsMean)} * ${fpsN}, ${num(ATTR.fpsMean)} IS NOT NULL) AS fpsSum,
  sumIf(${fpsN}, ${num(ATTR.jitter)} IS NOT NULL) AS jitterN,
  sumIf(${num(ATTR.jitter)} * ${fpsN}, ${num(ATTR.jitter)} IS NOT NULL) AS jitterSum,
  toUnixTimestamp64Milli(max(Timestamp)) AS last,
  count() AS jobs
FROM ${db.table(RAW_LOGS_TABLE)}
WHERE ${where.join(' AND ')}
${keys.length > 0 ? `GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}` : ''}`;
  const rows = await db.rows<AggRow>(sql, p);
  return rows
    .filter((r) => n(r['jobs']) > 0)
    .map((r) => {
      const lat = Array.isArray(r['lat']) ? (r['lat'] as unknown[]) : [];
      const fpsSamples = n(r['fpsN']);
      const jitterN = n(r['jitterN']);
      return {
        region: text(r['region']),
        pipeline: text(r['pipeline']),
        model: text(r['model']),
        success: n(r['success']),
        failure: n(r['failure']),
        excused: n(r['excused']),
        orchestrators: n(r['orchestrators']),
        swapped: n(r['swapped']),
        expectedRejections: n(r['rejections']),
        latencyP50Ms: nn(lat[0]),
        latencyP95Ms: nn(lat[1]),
        ptffP50Ms: nn(r['ptff']),
        fpsSamples,
        fpsMean: fpsSamples > 0 ? n(r['fpsSum']) / fpsSamples : null,
        jitter: jitterN > 0 ? n(r['jitterSum']) / jitterN : null,
        lastJobMs: nn(r['last']),
      };
    });
}
