import { ATTR, EVENT, METRIC, testloadJobToAttributes, type TestloadJobRecord } from '@naap/otel';
import {
  gaugeRow,
  histogramRow,
  insertRaw,
  nanos,
  sumRow,
  type Producer,
} from '../storage/rollups/test-support.js';
import { RAW_LOGS_TABLE } from '../storage/schema/raw-tables.js';
import type { Store } from '../storage/store.js';
import { JOB_DURATION_BOUNDARIES } from './test-bounds.js';

/**
 * Helpers for the analytics integration tests (not used by the collector):
 * raw rows as the ingest writes them for an agent (jobs, durations, FPS,
 * heartbeats) and for a test-load gateway (job records, probes).
 */

export const MODEL_T2I = 'stabilityai/sdxl-turbo';
export const MODEL_LIVE = 'streamdiffusion-sdxl';

export const agent = (orchestrator: string, host = 'host-1', region = 'FRA'): Producer => ({
  orchestrator,
  host,
  region,
  source: 'agent',
});

export interface JobCount {
  readonly pipeline: string;
  readonly model: string;
  readonly outcome: 'success' | 'failure' | 'excused';
  readonly errorClass?: string;
  readonly warm?: boolean;
  readonly count: number;
}

/** One DELTA `livepeer.ai.jobs` point per job group. */
export function jobRows(producer: Producer, atMs: number, jobs: readonly JobCount[]) {
  return jobs.map((j) =>
    sumRow({
      metric: METRIC.jobs,
      atMs,
      startMs: atMs - 5_000,
      producer,
      temporality: 1,
      value: j.count,
      attributes: {
        [ATTR.pipeline]: j.pipeline,
        [ATTR.modelId]: j.model,
        [ATTR.outcome]: j.outcome,
        ...(j.errorClass ? { [ATTR.errorClass]: j.errorClass } : {}),
        ...(j.warm === undefined ? {} : { [ATTR.warm]: String(j.warm) }),
      },
    }),
  );
}

/** Counts of `values` in explicit buckets (v ≤ bound), plus the overflow bucket. */
export function bucketize(values: readonly number[], bounds: readonly number[]): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const v of values) {
    const i = bounds.findIndex((b) => v <= b);
    const k = i === -1 ? bounds.length : i;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** A DELTA histogram point of `values` (seconds for durations). */
export function histogramOf(
  metric: string,
  producer: Producer,
  atMs: number,
  values: readonly number[],
  bounds: readonly number[],
  attributes: Record<string, string>,
) {
  return histogramRow({
    metric,
    atMs,
    startMs: atMs - 5_000,
    producer,
    attributes,
    bounds,
    counts: bucketize(values, bounds),
    sum: values.reduce((a, b) => a + b, 0),
    min: Math.min(...values),
    max: Math.max(...values),
  });
}

/** Heartbeat and export-interval gauges every `intervalS` over [fromMs, toMs). */
export function heartbeatRows(producer: Producer, fromMs: number, toMs: number, intervalS = 10) {
  const rows = [];
  for (let t = fromMs; t < toMs; t += intervalS * 1000) {
    rows.push(gaugeRow({ metric: METRIC.agentHeartbeat, atMs: t, producer, value: 1 }));
    rows.push(
      gaugeRow({ metric: METRIC.agentExportInterval, atMs: t, producer, value: intervalS }),
    );
  }
  return rows;
}

export async function insertLogs(
  store: Store,
  records: readonly TestloadJobRecord[],
  host = 'gw-1',
): Promise<void> {
  await store.client.insert({
    table: store.table(RAW_LOGS_TABLE),
    values: records.map((r) => {
      const attrs = Object.fromEntries(
        Object.entries(testloadJobToAttributes(r)).map(([k, v]) => [k, String(v)]),
      );
      return {
        Timestamp: nanos(r.timeUnixMs),
        ServiceName: 'naap-gateway',
        ResourceAttributes: {
          [ATTR.serviceName]: 'naap-gateway',
          [ATTR.source]: 'testload',
          [ATTR.synthetic]: 'true',
          [ATTR.hostName]: host,
        },
        LogAttributes: attrs,
        EventName: EVENT.testloadJob,
      };
    }),
    format: 'JSONEachRow',
  });
}

let jobSeq = 0;

/** A test-load job record with defaults for the fields a test does not care about. */
export function testloadJob(
  over: Partial<TestloadJobRecord> &
    Pick<TestloadJobRecord, 'orchestratorAddress' | 'timeUnixMs' | 'pipeline' | 'modelId'>,
): TestloadJobRecord {
  jobSeq++;
  return {
    jobId: `job-${jobSeq}`,
    region: 'FRA',
    orchestratorUri: 'https://orch.example:8935',
    datasetVersion: '2026.1.0',
    caseId: 'case-1',
    caseKind: 'good',
    outcome: 'success',
    errorClass: null,
    errorMessage: null,
    httpStatus: 200,
    latencyMs: 100,
    ttfbMs: null,
    ptffMs: null,
    fps: null,
    jitter: null,
    tokensPerSecond: null,
    servedBy: over.orchestratorAddress,
    swapped: false,
    warm: true,
    expectedRejection: false,
    synthetic: true,
    ...over,
  };
}

/**
 * One hour of SLA inputs: 5 successful and 1 failed text-to-image job of
 * `agentOf`'s agent with `durations` job durations (one histogram point),
 * and `testloads` test-load jobs against `testloadOf`; random values from
 * `next`.
 */
export async function insertHourOfInputs(
  store: Store,
  hourMs: number,
  o: {
    agentOf: string;
    testloadOf: string;
    durations: number;
    testloads: number;
    next: () => number;
  },
): Promise<void> {
  const producer = agent(o.agentOf);
  const t2i = { [ATTR.pipeline]: 'text-to-image', [ATTR.modelId]: MODEL_T2I };
  await insertRaw(
    store,
    'sum',
    jobRows(producer, hourMs + 60_000, [
      { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'success', count: 5 },
      { pipeline: 'text-to-image', model: MODEL_T2I, outcome: 'failure', count: 1 },
    ]),
  );
  const values = Array.from({ length: o.durations }, () => 0.3 + 3 * o.next() ** 2);
  await insertRaw(store, 'histogram', [
    histogramOf(METRIC.jobDuration, producer, hourMs + 2000, values, JOB_DURATION_BOUNDARIES, {
      ...t2i,
      [ATTR.outcome]: 'success',
    }),
  ]);
  await insertLogs(
    store,
    Array.from({ length: o.testloads }, (_, i) =>
      testloadJob({
        orchestratorAddress: o.testloadOf,
        timeUnixMs: hourMs + 1000 * (i + 1),
        pipeline: 'text-to-image',
        modelId: MODEL_T2I,
        latencyMs: 300 + Math.round(500 * o.next()),
      }),
    ),
  );
}

export { insertRaw };
