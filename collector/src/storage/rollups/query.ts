import { NAAP_COLUMNS } from '../schema/raw-tables.js';
import type { Store } from '../store.js';
import { DIMENSION_COLUMNS, STEP_SECONDS, type Step } from './tables.js';

/**
 * Shared pieces of the rollup query helpers: filters and time ranges become
 * `{name:Type}` query parameters (never text in the SQL), rows come back as
 * JSON, series keys are mapped to plain objects.
 */

/** A NaaP dimension a query can filter or group on. */
export type Dimension = keyof typeof NAAP_COLUMNS;

/** Optional filters: one value, or any of several values. */
export type RollupFilters = { readonly [K in Dimension]?: string | readonly string[] };

export interface RangeQuery {
  readonly metric: string;
  /** Buckets whose start lies in [from, to) are included. */
  readonly from: Date;
  readonly to: Date;
  readonly filters?: RollupFilters;
}

/** Identity of one rolled-up series. */
export interface SeriesKey {
  readonly metric: string;
  readonly orchestratorAddress: string;
  readonly gpuId: string;
  readonly pipeline: string;
  readonly modelId: string;
  readonly region: string;
  readonly source: string;
  readonly serviceName: string;
  readonly hostName: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Collects query parameters and hands out their placeholders. */
export class QueryParams {
  readonly values: Record<string, unknown> = {};
  #next = 0;

  add(type: string, value: unknown): string {
    const name = `p${this.#next++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  /** A UTC instant, as `DateTime64(3, 'UTC')` (the same text on chDB and a server). */
  time(d: Date): string {
    return this.add("DateTime64(3, 'UTC')", d.toISOString().replace('T', ' ').replace('Z', ''));
  }
}

export const DIMENSION_KEYS = Object.keys(NAAP_COLUMNS) as Dimension[];

/** `Column = {p}` / `Column IN {p}` for each filter given. */
export function filterConditions(filters: RollupFilters | undefined, p: QueryParams): string[] {
  const out: string[] = [];
  for (const key of DIMENSION_KEYS) {
    const v = filters?.[key];
    if (v === undefined) continue;
    const col = NAAP_COLUMNS[key];
    if (typeof v === 'string') out.push(`${col} = ${p.add('String', v)}`);
    else out.push(`${col} IN ${p.add('Array(String)', [...v])}`);
  }
  return out;
}

export function checkRange(q: RangeQuery): void {
  if (q.metric === '') throw new RangeError('metric must not be empty');
  const [from, to] = [q.from.getTime(), q.to.getTime()];
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('invalid from/to');
  if (from >= to) throw new RangeError('from must be before to');
}

/** Metric, bucket range [from, to) and filters, as WHERE conditions. */
export function rangeConditions(q: RangeQuery, p: QueryParams, from: Date = q.from): string[] {
  return [
    `MetricName = ${p.add('String', q.metric)}`,
    `Bucket >= ${p.time(from)}`,
    `Bucket < ${p.time(q.to)}`,
    ...filterConditions(q.filters, p),
  ];
}

/** The key columns of a series, in sort-key order. */
export const SERIES_COLUMNS = ['MetricName', ...DIMENSION_COLUMNS, 'Attributes'] as const;

type SeriesRow = Record<(typeof SERIES_COLUMNS)[number], unknown>;

export function seriesKey(row: SeriesRow): SeriesKey {
  return {
    metric: String(row.MetricName),
    orchestratorAddress: String(row.OrchestratorAddress),
    gpuId: String(row.GpuId),
    pipeline: String(row.Pipeline),
    modelId: String(row.ModelId),
    region: String(row.Region),
    source: String(row.Source),
    serviceName: String(row.ServiceName),
    hostName: String(row.HostName),
    attributes: { ...(row.Attributes as Record<string, string>) },
  };
}

export function stepMs(step: Step): number {
  return STEP_SECONDS[step] * 1000;
}

/** Bucket start as returned by `toUnixTimestamp(Bucket) AS bucket`. */
export function bucketDate(seconds: unknown): Date {
  return new Date(Number(seconds) * 1000);
}

export async function queryRows<T>(store: Store, query: string, p: QueryParams): Promise<T[]> {
  const rs = await store.client.query({ query, query_params: p.values, format: 'JSONEachRow' });
  return rs.json<T>();
}
