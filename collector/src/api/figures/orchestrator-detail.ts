import { METRIC, isPipelineId, pipelineInfo } from '@naap/otel';
import {
  MAX_RANGE_MS,
  type GpuLatest,
  type GpuSummary,
  type OrchestratorDetail,
  type PipelineFigures,
} from '@naap/otel/api';
import type { ApiContext, OrchestratorScore } from '../context.js';
import type { Range } from '../params/time.js';
import { alignRange, stepFor } from '../repository/buckets.js';
import type { GpuSample, GpuSeen, HostHeartbeats } from '../repository/index.js';
import { availabilityFigures } from './availability.js';
import { preferred } from './figure.js';
import { mergeIdentity } from './identity.js';
import { collectStats } from './source-stats.js';

/** GPU gauges shown as an orchestrator's latest figures. */
const LATEST: Readonly<Record<keyof GpuLatest, string>> = {
  utilization: METRIC.gpuUtilization,
  memoryBandwidthUtilization: METRIC.gpuMemoryBandwidthUtilization,
  vramUsedBytes: METRIC.gpuMemoryUsage,
  vramTotalBytes: METRIC.gpuMemoryLimit,
  temperatureC: METRIC.gpuTemperature,
  powerDrawW: METRIC.gpuPowerDraw,
  powerLimitW: METRIC.gpuPowerLimit,
  smClockMhz: METRIC.gpuClockSm,
  smClockMaxMhz: METRIC.gpuClockSmMax,
  encoderUtilization: METRIC.gpuEncoderUtilization,
  decoderUtilization: METRIC.gpuDecoderUtilization,
  cue: METRIC.gpuCue,
};

/** Latest raw samples are looked for this far back. */
export const LATEST_LOOKBACK_MS = 15 * 60_000;
/** A GPU is stale after 3 export intervals without a sample, and never before 30 s. */
const staleAfterMs = (hosts: readonly HostHeartbeats[]): number =>
  Math.max(30_000, 3 * 1000 * Math.max(0, ...hosts.map((h) => h.intervalS ?? 0)));

/**
 * Each GPU with the latest value of every gauge: raw samples of the last
 * minutes where there are some, else the last value of the window from the
 * rollups (a GPU that stopped reporting keeps its last known values, marked
 * stale).
 */
function gpuSummaries(
  seen: readonly GpuSeen[],
  recent: readonly GpuSample[],
  last: readonly GpuSample[],
  nowMs: number,
  staleMs: number,
): GpuSummary[] {
  const ids = [...new Set([...seen.map((g) => g.gpuId), ...recent.map((s) => s.gpuId)])].sort();
  return ids.map((id) => {
    const mine = recent.filter((s) => s.gpuId === id);
    const older = last.filter((s) => s.gpuId === id);
    const latest = {} as Record<keyof GpuLatest, number | null>;
    for (const [field, metric] of Object.entries(LATEST) as [keyof GpuLatest, string][])
      latest[field] =
        mine.find((s) => s.metric === metric)?.value ??
        older.find((s) => s.metric === metric)?.value ??
        null;
    const seenRow = seen.find((g) => g.gpuId === id);
    const lastSeenMs =
      mine.length > 0 ? Math.max(...mine.map((s) => s.timeMs)) : (seenRow?.lastBucketMs ?? 0);
    return {
      id,
      model: seenRow?.model ?? null,
      source: 'agent' as const,
      lastSeenMs,
      stale: nowMs - lastSeenMs > staleMs,
      latest,
    };
  });
}

/** The detail of one orchestrator; null when it was never seen (within 90 days). */
export async function orchestratorDetail(
  ctx: ApiContext,
  address: string,
  range: Range,
): Promise<OrchestratorDetail | null> {
  const step = stepFor(range);
  const aligned = alignRange(range, step);
  const nowMs = ctx.now();
  const only = { orchestrator: address };
  const [ids, headline, perPipeline, beats, probes, seen, recent, last, scores, enrolled] =
    await Promise.all([
      ctx.repo.identities({
        range: { fromMs: range.toMs - MAX_RANGE_MS, toMs: range.toMs },
        addresses: [address],
      }),
      collectStats(ctx.repo, { step, range: aligned, filters: only, dims: ['source'] }),
      collectStats(ctx.repo, {
        step,
        range: aligned,
        filters: only,
        dims: ['pipeline', 'model', 'source'],
      }),
      ctx.repo.heartbeats({ step, range: aligned, addresses: [address] }),
      ctx.repo.probeCounts({ step, range: aligned, filters: only }),
      ctx.repo.gpusSeen({ step, range: aligned, addresses: [address] }),
      ctx.repo.gpuLatest({
        address,
        metrics: Object.values(LATEST),
        sinceMs: Math.max(aligned.fromMs, range.toMs - LATEST_LOOKBACK_MS),
        untilMs: range.toMs + 1,
      }),
      ctx.repo.gpuLastValues({ address, metrics: Object.values(LATEST), step, range: aligned }),
      ctx.scores?.scores({ range, addresses: [address] }) ??
        Promise.resolve(new Map<string, OrchestratorScore>()),
      ctx.repo.enrolledAgents(),
    ]);
  if (ids.length === 0 && headline.length === 0 && seen.length === 0) return null;
  const id = mergeIdentity(address, ids, enrolled.has(address));
  const availability = availabilityFigures(beats, probes.get(address), aligned);
  const score = scores.get(address);
  return {
    address,
    uri: id.uri,
    region: id.region,
    window: aligned,
    agent: {
      enrolled: id.enrolled,
      version: id.version,
      lastSeenMs: id.agentLastSeenMs,
      hosts: [...id.hosts],
    },
    score: score?.score ?? null,
    scoreVersion: score?.version ?? null,
    figures: {
      successRate: preferred(headline, (s) => s.successRate),
      swapRate: preferred(headline, (s) => s.swapRate),
      latencyP50Ms: preferred(headline, (s) => s.latencyP50Ms),
      latencyP95Ms: preferred(headline, (s) => s.latencyP95Ms),
      fps: preferred(headline, (s) => s.fpsMean),
      jitter: preferred(headline, (s) => s.jitter),
      availabilityTime: availability.time,
      availabilityProbe: availability.probe,
    },
    gpus: gpuSummaries(seen, recent, last, nowMs, staleAfterMs(beats)),
    pipelines: pipelineFigures(perPipeline),
  };
}

function pipelineFigures(rows: Awaited<ReturnType<typeof collectStats>>): PipelineFigures[] {
  const out = new Map<string, PipelineFigures>();
  for (const r of rows) {
    const pipeline = r.dims.pipeline ?? '';
    if (!isPipelineId(pipeline)) continue;
    const modelId = r.dims.model ?? '';
    const k = `${pipeline}\n${modelId}`;
    const entry = out.get(k) ?? {
      pipeline,
      modelId,
      kind: pipelineInfo(pipeline).kind,
      bySource: [],
    };
    const { dims: _dims, ...stats } = r;
    entry.bySource.push(stats);
    out.set(k, entry);
  }
  return [...out.values()]
    .map((p) => ({ ...p, bySource: p.bySource.sort((a, b) => (a.source < b.source ? -1 : 1)) }))
    .sort((a, b) => (a.pipeline + a.modelId < b.pipeline + b.modelId ? -1 : 1));
}
