// The end-to-end test's reads of the collector's storage: the figures through
// the collector's own read path (rollups), and the agent's self-observation.
import { ATTR, METRIC } from '@naap/otel';
import { counterIncreases, histogramQuantiles, type Store } from '@naap/collector';
import { GPU_TUPLE_METRICS, type StoredGpuTuple } from './e2e-truth.js';

export interface StoredWindow {
  readonly store: Store;
  readonly address: string;
  /** Wall-clock range holding every point the agent exported (whole minutes). */
  readonly from: Date;
  readonly to: Date;
}

/** The same key from the counter increases the collector reads from its rollups. */
export async function storedJobCounts(w: StoredWindow): Promise<Map<string, number>> {
  const increases = await counterIncreases(w.store, {
    metric: METRIC.jobs,
    from: w.from,
    to: w.to,
    step: 'minute',
    filters: { orchestrator: w.address },
  });
  const out = new Map<string, number>();
  for (const r of increases) {
    const a = r.attributes;
    const key = [ATTR.pipeline, ATTR.modelId, ATTR.outcome, ATTR.errorClass]
      .map((k) => a[k] ?? '-')
      .join('|');
    if (r.increase !== 0) out.set(key, (out.get(key) ?? 0) + r.increase);
  }
  return out;
}

export interface StoredLatency {
  readonly count: number;
  readonly sumS: number;
  /** p50, p95, p99 in seconds. */
  readonly quantiles: readonly (number | null)[];
}

/** Job-duration histograms per `pipeline|model`, with quantiles, from the rollups. */
export async function storedLatencies(w: StoredWindow): Promise<Map<string, StoredLatency>> {
  const groups = await histogramQuantiles(w.store, {
    metric: METRIC.jobDuration,
    from: w.from,
    to: w.to,
    step: 'minute',
    quantiles: [0.5, 0.95, 0.99],
    groupBy: ['pipeline', 'model'],
    filters: { orchestrator: w.address },
  });
  return new Map(
    groups.map((g) => [
      `${g.group.pipeline ?? ''}|${g.group.model ?? ''}`,
      { count: g.count, sumS: g.sum, quantiles: g.quantiles },
    ]),
  );
}

async function query<T>(store: Store, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const rs = await store.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
  return rs.json<T>();
}

const gauge = (store: Store): string => store.table('otel_metrics_gauge');

/** Latest `naap.agent.sampler.last_success` of a sampler (s), and when it was collected (ms). */
export async function lastSuccess(
  store: Store,
  sampler: string,
): Promise<{ value: number; atMs: number }> {
  const rows = await query<{ v: number; t: string }>(
    store,
    `SELECT max(Value) AS v, toString(toUnixTimestamp64Milli(max(TimeUnix))) AS t FROM ${gauge(store)}
     WHERE MetricName = {m:String} AND Attributes[{k:String}] = {s:String}`,
    { m: METRIC.agentSamplerLastSuccess, k: ATTR.sampler, s: sampler },
  );
  return { value: rows[0]?.v ?? 0, atMs: Number(rows[0]?.t ?? 0) };
}

/** Whether a heartbeat collected after `ms` is stored. */
export async function heartbeatAfter(store: Store, ms: number): Promise<boolean> {
  const rows = await query<{ n: string }>(
    store,
    `SELECT count() AS n FROM ${gauge(store)} WHERE MetricName = {m:String}
     AND toUnixTimestamp64Milli(TimeUnix) > {t:Int64}`,
    { m: METRIC.agentHeartbeat, t: ms },
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Distinct GPU ids with a stored value of a gauge, with a value of one attribute each. */
export async function storedGpus(
  store: Store,
  metric: string,
  attribute: string,
): Promise<{ gpu: string; address: string; region: string; attribute: string }[]> {
  return query(
    store,
    `SELECT GpuId AS gpu, any(OrchestratorAddress) AS address, any(Region) AS region,
            any(Attributes[{k:String}]) AS attribute
     FROM ${gauge(store)} WHERE MetricName = {m:String} GROUP BY GpuId ORDER BY GpuId`,
    { m: metric, k: attribute },
  );
}

/** Every collection's GPU gauges, one tuple per GPU and collection time. */
export async function storedGpuTuples(store: Store): Promise<StoredGpuTuple[]> {
  const rows = await query<{ gpu: string; t: string; m: string; v: number }>(
    store,
    `SELECT GpuId AS gpu, toString(toUnixTimestamp64Milli(TimeUnix)) AS t, MetricName AS m, Value AS v
     FROM ${gauge(store)} WHERE MetricName IN {ms:Array(String)} AND GpuId != ''`,
    { ms: Object.values(GPU_TUPLE_METRICS) },
  );
  const byPoint = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${r.gpu}|${r.t}`;
    const values = byPoint.get(key) ?? new Map<string, number>();
    byPoint.set(key, values.set(r.m, r.v));
  }
  return [...byPoint].flatMap(([key, v]) => {
    const [gpu = '', t = '0'] = key.split('|');
    const [utilization, memoryUsedBytes, powerW, temperatureC, smClockMhz] = Object.values(
      GPU_TUPLE_METRICS,
    ).map((m) => v.get(m));
    if (
      utilization === undefined ||
      memoryUsedBytes === undefined ||
      powerW === undefined ||
      temperatureC === undefined ||
      smClockMhz === undefined
    )
      return [];
    return [
      { gpu, atMs: Number(t), utilization, memoryUsedBytes, powerW, temperatureC, smClockMhz },
    ];
  });
}
