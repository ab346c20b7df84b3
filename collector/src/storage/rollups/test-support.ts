import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR } from '@naap/otel';
import type { Migration, MigrationContext } from '../migrations/types.js';
import { migrate } from '../migrations/runner.js';
import { RAW_METRIC_TABLES } from '../schema/raw-tables.js';
import { openStore, type Store } from '../store.js';

/**
 * Helpers for the rollup integration tests (not used by the collector):
 * an embedded chDB store in a temp dir with every migration applied, and raw
 * rows in the OpenTelemetry Collector exporter layout.
 */

export const TEST_CONTEXT: MigrationContext = {
  database: 'naap',
  cluster: undefined,
  ttlDays: { raw: 14, minute: 90, hour: 730 },
};

export interface TestStore {
  readonly store: Store;
  close(): Promise<void>;
}

/** A store with every migration applied, or those given (a store of an earlier version). */
export async function openTestStore(
  prefix: string,
  migrations?: readonly Migration[],
): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const store = await openStore({
    storage: { mode: 'embedded', dir },
    database: TEST_CONTEXT.database,
    cluster: undefined,
  });
  await migrate(store, TEST_CONTEXT, migrations);
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Start of the hour three hours ago: recent enough for every TTL, whole
 * hours so that minute and hour buckets line up.
 */
export function baseTime(hoursAgo = 3): number {
  const hour = 3_600_000;
  return Math.floor(Date.now() / hour) * hour - hoursAgo * hour;
}

/** Nanoseconds since the epoch as text (how the ingest writes DateTime64(9)). */
export const nanos = (ms: number): string =>
  (BigInt(Math.round(ms)) * 1_000_000n).toString().padStart(19, '0');

export interface Producer {
  readonly orchestrator?: string;
  readonly region?: string;
  readonly source?: string;
  readonly host?: string;
  readonly service?: string;
}

export const ORCH_A = '0x00000000000000000000000000000000000000aa';
export const ORCH_B = '0x00000000000000000000000000000000000000bb';

export function resource(p: Producer = {}): Record<string, unknown> {
  const attrs: Record<string, string> = {
    [ATTR.serviceName]: p.service ?? 'naap-agent',
    [ATTR.orchestratorAddress]: p.orchestrator ?? ORCH_A,
    [ATTR.region]: p.region ?? 'FRA',
    [ATTR.source]: p.source ?? 'agent',
    [ATTR.hostName]: p.host ?? 'host-1',
  };
  return {
    ResourceAttributes: attrs,
    ServiceName: attrs[ATTR.serviceName],
    ScopeName: 'test',
  };
}

export interface PointSpec {
  readonly metric: string;
  readonly atMs: number;
  readonly attributes?: Record<string, string>;
  readonly producer?: Producer;
  readonly startMs?: number;
  readonly flags?: number;
}

function point(p: PointSpec): Record<string, unknown> {
  return {
    ...resource(p.producer),
    MetricName: p.metric,
    Attributes: p.attributes ?? {},
    StartTimeUnix: nanos(p.startMs ?? 0),
    TimeUnix: nanos(p.atMs),
    Flags: p.flags ?? 0,
  };
}

export const gaugeRow = (p: PointSpec & { value: number }): Record<string, unknown> => ({
  ...point(p),
  Value: p.value,
});

export const sumRow = (
  p: PointSpec & { value: number; temporality: 1 | 2; monotonic?: boolean },
): Record<string, unknown> => ({
  ...point(p),
  Value: p.value,
  AggregationTemporality: p.temporality,
  IsMonotonic: p.monotonic ?? true,
});

export const histogramRow = (
  p: PointSpec & {
    bounds: readonly number[];
    counts: readonly number[];
    sum: number;
    min: number;
    max: number;
    temporality?: 1 | 2;
  },
): Record<string, unknown> => ({
  ...point(p),
  Count: p.counts.reduce((a, b) => a + b, 0),
  Sum: p.sum,
  BucketCounts: p.counts,
  ExplicitBounds: p.bounds,
  Min: p.min,
  Max: p.max,
  AggregationTemporality: p.temporality ?? 1,
});

export async function insertRaw(
  store: Store,
  kind: 'gauge' | 'sum' | 'histogram',
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  await store.client.insert({
    table: store.table(RAW_METRIC_TABLES[kind]),
    values: [...rows],
    format: 'JSONEachRow',
  });
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
