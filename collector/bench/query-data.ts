/**
 * Synthetic history for `pnpm bench:query`, generated straight into storage
 * with INSERT … SELECT FROM numbers(): raw rows in the exporter layout, as
 * the ingest writes them, one day at a time, so the materialized views fill
 * the rollups and analytics tables exactly as in production.
 */
import { ATTR, EVENT, METRIC } from '@naap/otel';
import { lit } from '../src/analytics/schema/sql.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from '../src/storage/schema/raw-tables.js';
import type { Store } from '../src/storage/store.js';

export interface BenchSize {
  readonly days: number;
  readonly orchestrators: number;
  readonly gpus: number;
  /** GPU metric and heartbeat interval, seconds. */
  readonly intervalS: number;
  /** Job counter/histogram export interval, seconds. */
  readonly jobIntervalS: number;
  /** Test-load jobs per orchestrator and hour. */
  readonly testloadsPerHour: number;
}

export const PIPELINE = 'text-to-image';
export const MODEL = 'stabilityai/sdxl-turbo';
export const GPU_MODEL = 'NVIDIA GeForce RTX 4090';
export const DAY_S = 86_400;

/** SQL of an orchestrator's address from its index `o` (0-based). */
export const addressSql = (o: string): string =>
  `concat('0x', lower(leftPad(hex(${o} + 1), 40, '0')))`;
export const addressOf = (o: number): string => `0x${(o + 1).toString(16).padStart(40, '0')}`;

const REGIONS = ['FRA', 'LAX', 'SIN', 'NYC'];
const region = (o: string): string =>
  `[${REGIONS.map(lit).join(', ')}][${o} % ${REGIONS.length} + 1]`;

function agentResource(o: string): string {
  return `map(${lit(ATTR.serviceName)}, 'naap-agent', ${lit(ATTR.orchestratorAddress)}, ${addressSql(o)},
    ${lit(ATTR.region)}, ${region(o)}, ${lit(ATTR.source)}, 'agent', ${lit(ATTR.hostName)}, concat('host-', toString(${o})))`;
}

/** `number` → (o, step) columns over one day starting at `dayStart` (seconds). */
function grid(perStep: number, stepS: number, dayStart: number, extra = ''): string {
  const steps = DAY_S / stepS;
  return `(SELECT number, number % ${perStep} AS k, intDiv(number, ${perStep}) AS step,
     toDateTime64(${dayStart} + step * ${stepS}, 9, 'UTC') AS ts${extra}
   FROM numbers(${perStep * steps}))`;
}

const gauges = (s: BenchSize, day: number, store: Store): string => `
INSERT INTO ${store.table(RAW_METRIC_TABLES.gauge)}
  (ResourceAttributes, ServiceName, MetricName, MetricUnit, Attributes, StartTimeUnix, TimeUnix, Value, Flags)
SELECT ${agentResource('o')}, 'naap-agent', ${lit(METRIC.gpuUtilization)}, '1',
  map(${lit(ATTR.hwId)}, concat('GPU-', toString(o), '-', toString(g)), ${lit(ATTR.hwModel)}, ${lit(GPU_MODEL)}),
  ts, ts, (cityHash64(number, ${day}) % 1000) / 1000, 0
FROM ${grid(s.orchestrators * s.gpus, s.intervalS, day, `, k % ${s.orchestrators} AS o, intDiv(k, ${s.orchestrators}) AS g`)}`;

/** Heartbeat + export interval per agent; 2 % of the (orchestrator, hour) pairs are outages. */
const heartbeats = (s: BenchSize, day: number, store: Store): string => `
INSERT INTO ${store.table(RAW_METRIC_TABLES.gauge)}
  (ResourceAttributes, ServiceName, MetricName, MetricUnit, Attributes, StartTimeUnix, TimeUnix, Value, Flags)
SELECT ${agentResource('o')}, 'naap-agent', metric, '1', map(), ts, ts, value, 0
FROM ${grid(s.orchestrators, s.intervalS, day, ', k AS o')}
ARRAY JOIN [${lit(METRIC.agentHeartbeat)}, ${lit(METRIC.agentExportInterval)}] AS metric,
  [1, ${s.intervalS}] AS value
WHERE cityHash64(o, toStartOfHour(ts)) % 50 != 0`;

const work = `${lit(ATTR.pipeline)}, ${lit(PIPELINE)}, ${lit(ATTR.modelId)}, ${lit(MODEL)}`;

const jobs = (s: BenchSize, day: number, store: Store): string => `
INSERT INTO ${store.table(RAW_METRIC_TABLES.sum)}
  (ResourceAttributes, ServiceName, MetricName, MetricUnit, Attributes, StartTimeUnix, TimeUnix, Value, Flags,
   AggregationTemporality, IsMonotonic)
SELECT ${agentResource('o')}, 'naap-agent', ${lit(METRIC.jobs)}, '{job}',
  if(failed, map(${work}, ${lit(ATTR.outcome)}, 'failure', ${lit(ATTR.errorClass)}, 'runner_error'),
             map(${work}, ${lit(ATTR.outcome)}, 'success')),
  ts - toIntervalSecond(${s.jobIntervalS}), ts,
  if(failed, cityHash64(o, ts) % 3 * (o % 7 = 0 ? 3 : 1), 5 + cityHash64(o, ts) % 20), 0, 1, true
FROM ${grid(s.orchestrators, s.jobIntervalS, day, ', k AS o')}
ARRAY JOIN [0, 1] AS failed`;

/** Job durations (s) in 7 buckets; slower orchestrators have larger indexes. */
const durations = (s: BenchSize, day: number, store: Store): string => `
INSERT INTO ${store.table(RAW_METRIC_TABLES.histogram)}
  (ResourceAttributes, ServiceName, MetricName, MetricUnit, Attributes, StartTimeUnix, TimeUnix, Count, Sum,
   BucketCounts, ExplicitBounds, Flags, Min, Max, AggregationTemporality)
SELECT ${agentResource('o')}, 'naap-agent', ${lit(METRIC.jobDuration)}, 's',
  map(${work}, ${lit(ATTR.outcome)}, 'success'),
  ts - toIntervalSecond(${s.jobIntervalS}), ts,
  arraySum(counts), arraySum(arrayMap((c, m) -> c * m, counts, [0.2, 0.375, 0.75, 1.5, 3, 6, 10])),
  counts, [0.25, 0.5, 1, 2, 4, 8], 0, 0.2, 10, 1
FROM (
  SELECT o, ts, h,
    [0, 1 + h % 5, 2 + intDiv(h, 8) % 5 + (o % 10 = 0 ? 0 : 3), 1 + intDiv(h, 64) % 4 + (o % 10 = 0 ? 4 : 0),
     intDiv(h, 512) % 2, 0, 0] AS counts
  FROM (SELECT k AS o, ts, cityHash64(k, ts) AS h FROM ${grid(s.orchestrators, s.jobIntervalS, day)})
)`;

const testloads = (s: BenchSize, day: number, store: Store): string => {
  const stepS = Math.max(1, Math.floor(3600 / s.testloadsPerHour));
  return `
INSERT INTO ${store.table(RAW_LOGS_TABLE)}
  (Timestamp, ServiceName, ResourceAttributes, LogAttributes, EventName)
SELECT ts, 'naap-gateway',
  map(${lit(ATTR.serviceName)}, 'naap-gateway', ${lit(ATTR.source)}, 'testload', ${lit(ATTR.synthetic)}, 'true',
      ${lit(ATTR.hostName)}, 'gw-1'),
  map(${lit(ATTR.orchestratorAddress)}, ${addressSql('o')}, ${lit(ATTR.region)}, 'FRA', ${work},
      ${lit(ATTR.jobId)}, concat('job-', toString(number), '-', toString(${day})),
      ${lit(ATTR.outcome)}, if(h % 40 = 0, 'failure', 'success'),
      ${lit(ATTR.latencyMs)}, toString(400 + h % 600 + (o % 10 = 0 ? 800 : 0)),
      ${lit(ATTR.swapped)}, if(h % 50 = 0, 'true', 'false'), ${lit(ATTR.warm)}, 'true',
      ${lit(ATTR.expectedRejection)}, 'false', ${lit(ATTR.synthetic)}, 'true'),
  ${lit(EVENT.testloadJob)}
FROM (SELECT number, k AS o, ts, cityHash64(k, ts) AS h FROM ${grid(s.orchestrators, stepS, day)})`;
};

export const GENERATORS = { gauges, heartbeats, jobs, durations, testloads } as const;

/** Rows each generator writes per day. */
export function rowsPerDay(s: BenchSize): Record<keyof typeof GENERATORS, number> {
  const per = (stepS: number): number => DAY_S / stepS;
  return {
    gauges: s.orchestrators * s.gpus * per(s.intervalS),
    heartbeats: 2 * s.orchestrators * per(s.intervalS),
    jobs: 2 * s.orchestrators * per(s.jobIntervalS),
    durations: s.orchestrators * per(s.jobIntervalS),
    testloads: s.orchestrators * s.testloadsPerHour * 24,
  };
}

/** Writes `days` days of history ending at `endS` (a whole hour), one day and table at a time. */
export async function generate(
  store: Store,
  s: BenchSize,
  endS: number,
  progress: (text: string) => void,
): Promise<void> {
  for (let d = s.days; d >= 1; d--) {
    const day = endS - d * DAY_S;
    const started = performance.now();
    for (const sql of Object.values(GENERATORS)) {
      await store.client.command({ query: sql(s, day, store) });
    }
    progress(
      `day ${s.days - d + 1}/${s.days} written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
