import { ATTR, EVENT, type RegionCode } from '@naap/otel';
import { HOUR_MS } from '../model/jobs.js';
import type { SimNetwork, SimOrchestrator } from '../scenario/resolve.js';
import { agentWindow } from './agent-series.js';
import { logsRequest, metricsRequest, type Attrs } from './otlp-json.js';
import { postOtlp } from './post.js';
import { testloadWindow } from './testload-series.js';

export { BackfillError } from './post.js';
export { agentWindow, jobsEndingIn } from './agent-series.js';
export { testloadWindow } from './testload-series.js';

export interface BackfillOptions {
  readonly network: SimNetwork;
  readonly fromMs: number;
  readonly toMs: number;
  /** Collector base URL (`http://127.0.0.1:4318`). */
  readonly collectorUrl: string;
  /** Ingest token per orchestrator address (lower case); orchestrators without one are skipped. */
  readonly agentTokens: ReadonlyMap<string, string>;
  /** Test-load gateways to imitate: their region and ingest token. */
  readonly gateways: readonly { readonly region: RegionCode; readonly token: string }[];
  /**
   * Gauge and heartbeat spacing: within the last hour (default 10 s, so the
   * live charts' raw tier has dense points), the last day (default 60 s) and
   * before (default 300 s).
   */
  readonly lastHourStepMs?: number;
  readonly recentStepMs?: number;
  readonly olderStepMs?: number;
  /** Length of each delta of jobs, durations, FPS and fees (default 60 s, like an agent's exports). */
  readonly deltaStepMs?: number;
  /** Test-load cadence per (orchestrator, pipeline, model) per gateway (default 15 min). */
  readonly testloadCadenceMs?: number;
  readonly datasetVersion?: string;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface BackfillResult {
  readonly requests: number;
  readonly rejected: number;
  readonly hours: number;
}

function agentResource(o: SimOrchestrator): Attrs {
  return {
    [ATTR.serviceName]: 'naap-agent',
    [ATTR.serviceVersion]: '0.1.0',
    [ATTR.hostName]: o.hostName,
    [ATTR.orchestratorAddress]: o.address.toLowerCase(),
    [ATTR.orchestratorUri]: o.serviceUri,
    [ATTR.region]: o.region,
  };
}

type Task = () => Promise<number>;

/** Tasks of one simulated hour: every agent's metrics and every gateway's job records. */
function hourTasks(opts: BackfillOptions, hourMs: number): Task[] {
  const { network, collectorUrl, signal } = opts;
  const fromMs = Math.max(hourMs, opts.fromMs);
  const toMs = Math.min(hourMs + HOUR_MS, opts.toMs);
  const age = opts.toMs - hourMs;
  const gaugeStepMs =
    // The newest two hour buckets hold the last full hour.
    age <= 2 * HOUR_MS
      ? (opts.lastHourStepMs ?? 10_000)
      : age <= 24 * HOUR_MS
        ? (opts.recentStepMs ?? 60_000)
        : (opts.olderStepMs ?? 300_000);
  const deltaStepMs = opts.deltaStepMs ?? 60_000;
  const tasks: Task[] = [];
  for (const o of network.orchestrators) {
    const token = opts.agentTokens.get(o.address.toLowerCase());
    if (!o.agent || token === undefined) continue;
    tasks.push(() => {
      const metrics = agentWindow(network, o, { fromMs, toMs, gaugeStepMs, deltaStepMs });
      const body = metricsRequest(agentResource(o), 'naap-agent', metrics);
      return postOtlp(`${collectorUrl}/v1/metrics`, token, body, signal);
    });
  }
  for (const g of opts.gateways) {
    tasks.push(() => {
      const logs = testloadWindow(network, {
        fromMs,
        toMs,
        cadenceMs: opts.testloadCadenceMs ?? 15 * 60_000,
        region: g.region,
        datasetVersion: opts.datasetVersion ?? '1.0.0',
      });
      if (logs.length === 0) return Promise.resolve(0);
      const resource = { [ATTR.serviceName]: 'naap-gateway', [ATTR.region]: g.region };
      return postOtlp(
        `${collectorUrl}/v1/logs`,
        g.token,
        logsRequest(resource, EVENT.testloadJob, logs),
        signal,
      );
    });
  }
  return tasks;
}

async function runPool(tasks: readonly Task[], concurrency: number): Promise<number> {
  let next = 0;
  let rejected = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task !== undefined) rejected += await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return rejected;
}

/**
 * Sends the history of [fromMs, toMs) to a collector through its OTLP ingest,
 * hour by hour in time order, as the network's agents and test-load gateways
 * would have reported it. Idempotent only as far as the collector is: run it
 * once per empty store.
 */
export async function backfillHistory(opts: BackfillOptions): Promise<BackfillResult> {
  const firstHour = Math.floor(opts.fromMs / HOUR_MS) * HOUR_MS;
  const hours: number[] = [];
  for (let h = firstHour; h < opts.toMs; h += HOUR_MS) hours.push(h);
  let requests = 0;
  let rejected = 0;
  for (const [i, h] of hours.entries()) {
    opts.signal?.throwIfAborted();
    const tasks = hourTasks(opts, h);
    rejected += await runPool(tasks, opts.concurrency ?? 4);
    requests += tasks.length;
    opts.onProgress?.(i + 1, hours.length);
  }
  return { requests, rejected, hours: hours.length };
}
