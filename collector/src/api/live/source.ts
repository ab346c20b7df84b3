import { METRIC } from '@naap/otel';
import type { Figure, LiveGpu, LiveOrchestratorEvent, LiveSummaryEvent } from '@naap/otel/api';
import { figure, preferred } from '../figures/figure.js';
import { collectStats, groupBy, totalOf, type GroupStats } from '../figures/source-stats.js';
import { testloadJobOf } from '../figures/testload-job.js';
import type { Range } from '../params/time.js';
import type { GpuSample, Repository } from '../repository/index.js';
import type { LiveFrame, LiveSource } from './hub.js';

/**
 * Live aggregates over the last minute (the current minute bucket and the
 * one before it): network KPIs, per-orchestrator figures and latest GPU
 * values, and test-load jobs not sent before.
 */
const MINUTE = 60_000;
/** Test-load records may arrive late (batching, gateway export): look back this far. */
const JOB_LOOKBACK_MS = 2 * MINUTE;
const SEEN_JOBS = 10_000;

const GPU_FIELDS = {
  utilization: METRIC.gpuUtilization,
  vramUsedBytes: METRIC.gpuMemoryUsage,
  temperatureC: METRIC.gpuTemperature,
  powerDrawW: METRIC.gpuPowerDraw,
} as const;

/** Demand figures come from the orchestrators' agents first (what the network served). */
function demand(stats: readonly GroupStats[], minutes: number): Figure {
  for (const source of ['agent', 'gateway', 'testload']) {
    const s = stats.find((x) => x.source === source && totalOf(x) > 0);
    if (s) return figure(totalOf(s) / minutes, source);
  }
  return figure(0, 'agent');
}

function gpusOf(samples: readonly GpuSample[]): Map<string, LiveGpu[]> {
  const byGpu = new Map<string, GpuSample[]>();
  for (const s of samples) {
    const k = `${s.address}\n${s.gpuId}`;
    byGpu.set(k, [...(byGpu.get(k) ?? []), s]);
  }
  const out = new Map<string, LiveGpu[]>();
  for (const [k, list] of [...byGpu].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [address = '', id = ''] = k.split('\n');
    const value = (metric: string): number | null =>
      list.find((s) => s.metric === metric)?.value ?? null;
    out.set(address, [
      ...(out.get(address) ?? []),
      {
        id,
        utilization: value(GPU_FIELDS.utilization),
        vramUsedBytes: value(GPU_FIELDS.vramUsedBytes),
        temperatureC: value(GPU_FIELDS.temperatureC),
        powerDrawW: value(GPU_FIELDS.powerDrawW),
        lastSeenMs: Math.max(...list.map((s) => s.timeMs)),
      },
    ]);
  }
  return out;
}

export class RepositoryLiveSource implements LiveSource {
  readonly #seenJobs = new Set<string>();

  constructor(
    private readonly repo: Repository,
    private readonly now: () => number,
  ) {}

  async frame(
    pipelines: readonly (string | undefined)[],
  ): Promise<Map<string | undefined, LiveFrame>> {
    const nowMs = this.now();
    const range: Range = { fromMs: Math.floor(nowMs / MINUTE) * MINUTE - MINUTE, toMs: nowMs + 1 };
    const minutes = (range.toMs - range.fromMs) / MINUTE;
    const base = { step: 'minute' as const, range };
    const [active, network, samples, jobs, ...perPipeline] = await Promise.all([
      this.repo.activity({ ...base, perBucket: false }),
      collectStats(this.repo, { ...base, dims: ['source'] }),
      this.repo.gpuLatest({
        metrics: Object.values(GPU_FIELDS),
        sinceMs: range.fromMs,
        untilMs: range.toMs,
      }),
      this.repo.testloadJobs({
        range: { fromMs: nowMs - JOB_LOOKBACK_MS, toMs: range.toMs },
        filters: {},
        limit: 500,
      }),
      ...pipelines.map((pipeline) =>
        collectStats(this.repo, {
          ...base,
          dims: ['orchestrator', 'source'],
          ...(pipeline ? { filters: { pipeline } } : {}),
        }),
      ),
    ]);
    const window = { fromMs: range.fromMs, toMs: nowMs };
    const summary: LiveSummaryEvent = {
      timeMs: nowMs,
      window,
      activeOrchestrators: active[0]?.orchestrators ?? 0,
      activeGpus: active[0]?.gpus ?? 0,
      jobsPerMinute: demand(network, minutes),
      successRate: preferred(network, (s) => s.successRate),
      latencyP95Ms: preferred(network, (s) => s.latencyP95Ms),
      liveFps: preferred(network, (s) => s.fpsMean),
    };
    const gpus = gpusOf(samples);
    const testloads = this.#newJobs(jobs.map(testloadJobOf));
    const frames = new Map<string | undefined, LiveFrame>();
    pipelines.forEach((pipeline, i) => {
      const byO = groupBy(perPipeline[i] ?? [], 'orchestrator');
      const addresses = pipeline ? [...byO.keys()] : [...new Set([...byO.keys(), ...gpus.keys()])];
      const orchestrators = new Map<string, LiveOrchestratorEvent>();
      for (const address of addresses.sort()) {
        const stats = byO.get(address) ?? [];
        orchestrators.set(address, {
          timeMs: nowMs,
          window,
          address,
          jobsPerMinute: demand(stats, minutes),
          successRate: preferred(stats, (s) => s.successRate),
          latencyP95Ms: preferred(stats, (s) => s.latencyP95Ms),
          fps: preferred(stats, (s) => s.fpsMean),
          gpus: gpus.get(address) ?? [],
        });
      }
      frames.set(pipeline, { summary, orchestrators, testloads });
    });
    return frames;
  }

  #newJobs(jobs: ReturnType<typeof testloadJobOf>[]): LiveFrame['testloads'] {
    const fresh = jobs.filter((j) => j.jobId !== '' && !this.#seenJobs.has(j.jobId)).reverse();
    for (const j of fresh) this.#seenJobs.add(j.jobId);
    while (this.#seenJobs.size > SEEN_JOBS) {
      const first = this.#seenJobs.values().next();
      if (first.done) break;
      this.#seenJobs.delete(first.value);
    }
    return fresh.map((j) => ({ orchestrator: j.orchestrator, pipeline: j.pipeline, event: j }));
  }
}
