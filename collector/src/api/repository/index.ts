import { TokenStore } from '../../auth/token-store.js';
import type { Store } from '../../storage/store.js';
import { activity, type Activity } from './activity.js';
import { bounded, createDb, type Db } from './db.js';
import { enrolledAddresses } from './enrollment.js';
import { fpsBy, type FpsGroup } from './fps.js';
import { gpuLastValues, gpuLatest, gpusSeen, type GpuSample, type GpuSeen } from './gpus.js';
import { gpuSeries, type SeriesPoint, type SeriesQuery } from './gpu-series.js';
import { heartbeatsBy, type HostHeartbeats } from './heartbeats.js';
import { identities, type Identity } from './identity.js';
import { jobCounts, probeCounts, swapCounts, type GroupQuery, type JobGroup } from './jobs.js';
import { quantilesBy, type QuantileGroup, type QuantileQuery } from './quantiles.js';
import {
  testloadAggregates,
  testloadJobs,
  type StoredJob,
  type TestloadAggregate,
  type TestloadFilters,
  type TestloadGroupColumn,
} from './testloads.js';
import type { Range } from '../params/time.js';
import type { Step } from './buckets.js';
import type { Dimension } from '../../storage/rollups/query.js';

/**
 * Everything the API reads, as one interface: routes and figures depend on
 * this, so they can be tested with a stub; `createRepository` binds the
 * queries to a store and the query timeout. Every value reaches ClickHouse
 * as a `{name:Type}` parameter.
 */
export interface Repository {
  identities(q: {
    range: Range;
    addresses?: readonly string[];
    everSeen?: boolean;
  }): Promise<Identity[]>;
  activity(q: { step: Step; range: Range; perBucket: boolean }): Promise<Activity[]>;
  jobCounts(q: GroupQuery): Promise<JobGroup[]>;
  swapCounts(q: GroupQuery): Promise<{ dims: Partial<Record<Dimension, string>>; swaps: number }[]>;
  probeCounts(
    q: Omit<GroupQuery, 'dims'>,
  ): Promise<Map<string, { success: number; total: number }>>;
  quantiles(q: QuantileQuery): Promise<QuantileGroup[]>;
  fps(q: GroupQuery): Promise<FpsGroup[]>;
  heartbeats(q: {
    step: Step;
    range: Range;
    addresses?: readonly string[];
  }): Promise<HostHeartbeats[]>;
  gpusSeen(q: { step: Step; range: Range; addresses?: readonly string[] }): Promise<GpuSeen[]>;
  gpuLatest(q: {
    address?: string;
    metrics: readonly string[];
    sinceMs: number;
    untilMs: number;
  }): Promise<GpuSample[]>;
  gpuLastValues(q: {
    address: string;
    metrics: readonly string[];
    step: Step;
    range: Range;
  }): Promise<GpuSample[]>;
  gpuSeries(q: SeriesQuery): Promise<SeriesPoint[]>;
  testloadJobs(q: {
    range: Range;
    filters: TestloadFilters;
    limit: number;
    before?: readonly [number, string];
  }): Promise<StoredJob[]>;
  testloadAggregates(q: {
    range: Range;
    filters: TestloadFilters;
    groupBy: readonly TestloadGroupColumn[];
  }): Promise<TestloadAggregate[]>;
  /** Addresses with an unrevoked agent token obtained by enrollment (the stored tokens). */
  enrolledAgents(): Promise<ReadonlySet<string>>;
}

export function createRepository(store: Store, timeoutMs: number): Repository {
  const db: Db = createDb(store, timeoutMs);
  const tokens = new TokenStore(store);
  return {
    identities: (q) => identities(db, q),
    activity: (q) => activity(db, q),
    jobCounts: (q) => jobCounts(db, q, timeoutMs),
    swapCounts: (q) => swapCounts(db, q, timeoutMs),
    probeCounts: (q) => probeCounts(db, q, timeoutMs),
    quantiles: (q) => quantilesBy(db, q, timeoutMs),
    fps: (q) => fpsBy(db, q, timeoutMs),
    heartbeats: (q) => heartbeatsBy(db, q),
    gpusSeen: (q) => gpusSeen(db, q),
    gpuLatest: (q) => gpuLatest(db, q),
    gpuLastValues: (q) => gpuLastValues(db, q),
    gpuSeries: (q) => gpuSeries(db, q),
    testloadJobs: (q) => testloadJobs(db, q),
    testloadAggregates: (q) => testloadAggregates(db, q),
    enrolledAgents: async () => enrolledAddresses(await bounded(tokens.all(), timeoutMs)),
  };
}

export type {
  Activity,
  FpsGroup,
  GpuSample,
  GpuSeen,
  GroupQuery,
  HostHeartbeats,
  Identity,
  JobGroup,
  QuantileGroup,
  QuantileQuery,
  SeriesPoint,
  SeriesQuery,
  StoredJob,
  TestloadAggregate,
  TestloadFilters,
};
