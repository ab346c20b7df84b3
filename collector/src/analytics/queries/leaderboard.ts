import {
  fpsMean,
  isLivePipeline,
  isPipelineId,
  successRate,
  swapRate,
  type SlaBreakdown,
} from '@naap/otel';
import type { Store } from '../../storage/store.js';
import { gpuHours } from '../read/gpus.js';
import type { InputFilter } from '../read/filters.js';
import { streamFigures } from '../read/streams.js';
import { SOURCE } from '../schema/names.js';
import { windowScoresWithNode, type WindowScore } from '../score/window.js';
import { availabilityOfNode } from './availability.js';
import { asSource, hoursOfWindow, sourced, type SourcedValue, type TimeWindow } from './common.js';

/**
 * Orchestrators ranked by `naap-sla-v1` over a window, recomputed from the
 * window's merged inputs. A score belongs to one (pipeline, model): with
 * both given, each orchestrator is ranked on that workload; otherwise on its
 * busiest one in the window (the row says which). Independent test-load
 * measurements are preferred over self-reported agent figures when an
 * orchestrator has both.
 */

export interface LeaderboardFilter {
  readonly range: TimeWindow;
  readonly pipeline?: string;
  readonly model?: string;
  readonly region?: string;
  readonly gpuModel?: string;
  readonly now: number;
}

export interface LeaderboardEntry {
  readonly rank: number;
  readonly address: string;
  readonly pipeline: string;
  readonly modelId: string;
  readonly source: 'agent' | 'testload';
  readonly regions: readonly string[];
  readonly version: string;
  readonly score: number | null;
  readonly coverage: number | null;
  readonly reliability: SourcedValue;
  readonly quality: SourcedValue;
  readonly successRate: SourcedValue;
  readonly swapRate: SourcedValue;
  readonly e2eP50Ms: SourcedValue;
  readonly ptffP50Ms: SourcedValue;
  readonly fps: SourcedValue;
  readonly jitter: SourcedValue;
  readonly availability: SourcedValue;
  readonly gpus: number;
  readonly jobs: number;
  readonly breakdown: SlaBreakdown;
}

const jobsOf = (s: WindowScore): number =>
  s.inputs.jobs.success + s.inputs.jobs.failure + s.inputs.jobs.excused;

/** One score per orchestrator: the asked workload or the busiest, test loads first. */
export function pickPerOrchestrator(scores: readonly WindowScore[]): WindowScore[] {
  const workload = new Map<string, Map<string, number>>();
  for (const s of scores) {
    const w = workload.get(s.orchestrator) ?? new Map<string, number>();
    const k = `${s.pipeline}\u0000${s.model}`;
    w.set(k, (w.get(k) ?? 0) + jobsOf(s));
    workload.set(s.orchestrator, w);
  }
  const busiest = new Map(
    [...workload].map(([o, w]) => [
      o,
      [...w].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '',
    ]),
  );
  const picked = new Map<string, WindowScore>();
  for (const s of scores) {
    if (busiest.get(s.orchestrator) !== `${s.pipeline}\u0000${s.model}`) continue;
    const prev = picked.get(s.orchestrator);
    if (prev === undefined || (prev.source !== SOURCE.testload && s.source === SOURCE.testload)) {
      picked.set(s.orchestrator, s);
    }
  }
  return [...picked.values()];
}

const byScore = (a: LeaderboardEntry, b: LeaderboardEntry): number =>
  (b.score ?? -1) - (a.score ?? -1) || b.jobs - a.jobs || (a.address < b.address ? -1 : 1);

export async function leaderboard(store: Store, f: LeaderboardFilter): Promise<LeaderboardEntry[]> {
  const range = hoursOfWindow(f.range);
  const filter: InputFilter = {
    ...(f.pipeline ? { pipeline: f.pipeline } : {}),
    ...(f.model ? { model: f.model } : {}),
    ...(f.region ? { region: f.region } : {}),
  };
  // The GPU table is read for every orchestrator of the window alongside the
  // scores (independent queries run concurrently), then narrowed to the ranked.
  const [window, allGpus] = await Promise.all([
    windowScoresWithNode(store, { range, filter, now: f.now }, { nodeForAll: true }),
    gpuHours(store, { range }),
  ]);
  let picked = pickPerOrchestrator(window.scores);
  const orchestrators = picked.map((s) => s.orchestrator);
  if (orchestrators.length === 0) return [];
  const ranked = new Set(orchestrators);
  const gpus = allGpus.filter((g) => ranked.has(g.orchestrator));
  const gpuIds = new Map<string, Set<string>>();
  for (const g of gpus)
    gpuIds.set(g.orchestrator, (gpuIds.get(g.orchestrator) ?? new Set()).add(g.gpuId));
  const live = picked.some((s) => isPipelineId(s.pipeline) && isLivePipeline(s.pipeline));
  const streams = live
    ? await streamFigures(store, {
        range,
        filter: { ...filter, orchestrator: orchestrators },
        groupBy: ['orchestrator', 'pipeline', 'model', 'source'],
      })
    : [];
  const availability = availabilityOfNode(window.node);
  if (f.gpuModel !== undefined) {
    const withModel = new Set(
      gpus.filter((g) => g.gpuModel === f.gpuModel).map((g) => g.orchestrator),
    );
    picked = picked.filter((s) => withModel.has(s.orchestrator));
  }
  const entries = picked.map((s): LeaderboardEntry => {
    const src = asSource(s.source);
    const b = s.breakdown;
    const jitter = streams.find(
      (x) =>
        x.group.orchestrator === s.orchestrator &&
        x.group.pipeline === s.pipeline &&
        x.group.model === s.model &&
        x.group.source === s.source,
    );
    const a = availability.get(s.orchestrator);
    const swaps = s.inputs.swaps;
    return {
      rank: 0,
      address: s.orchestrator,
      pipeline: s.pipeline,
      modelId: s.model,
      source: src,
      regions: s.aggregate.regions,
      version: b.version,
      score: b.score,
      coverage: b.coverage,
      reliability: sourced(b.reliability, src),
      quality: sourced(b.quality, src),
      successRate: sourced(successRate(s.inputs.jobs), src),
      swapRate:
        swaps === null ? sourced(null, src) : sourced(swapRate(swaps.swapped, swaps.observed), src),
      e2eP50Ms: sourced(s.inputs.e2e.medianMs, src),
      ptffP50Ms: sourced(s.inputs.ptff.medianMs, src),
      fps: sourced(fpsMean(s.inputs.fps), src),
      jitter: sourced(jitter?.jitter ?? null, src),
      availability:
        a?.time !== null && a?.time !== undefined
          ? sourced(a.time, 'agent')
          : sourced(a?.probe ?? null, 'testload'),
      gpus: gpuIds.get(s.orchestrator)?.size ?? 0,
      jobs: jobsOf(s),
      breakdown: b,
    };
  });
  return entries.sort(byScore).map((e, i) => ({ ...e, rank: i + 1 }));
}
