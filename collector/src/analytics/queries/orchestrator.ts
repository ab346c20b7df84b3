import {
  isLivePipeline,
  isPipelineId,
  type SlaBreakdown,
  type SlaCohort,
  type SlaInputs,
} from '@naap/otel';
import type { Store } from '../../storage/store.js';
import { gpuHours } from '../read/gpus.js';
import { streamFigures } from '../read/streams.js';
import { windowScoresWithNode } from '../score/window.js';
import { availabilityOf, availabilityOfNode, type Availability } from './availability.js';
import { hoursOfWindow, type TimeWindow } from './common.js';
import { slaCompliance, type ComplianceRow } from './compliance.js';

/**
 * One orchestrator's SLA picture over a window: a score per (pipeline,
 * model, source) recomputed from the window's inputs, its latest stored
 * hourly scores, availability, jitter and GPUs.
 */

export interface WorkloadScore {
  readonly pipeline: string;
  readonly modelId: string;
  readonly source: string;
  readonly score: number | null;
  readonly breakdown: SlaBreakdown;
  readonly inputs: SlaInputs;
  readonly cohort: SlaCohort;
  readonly jitter: number | null;
  readonly streams: number;
}

export interface OrchestratorSla {
  readonly address: string;
  readonly workloads: readonly WorkloadScore[];
  readonly latestHour: readonly ComplianceRow[];
  readonly availability: Availability | null;
  readonly gpus: readonly { gpuId: string; gpuModel: string; hours: number }[];
}

export async function orchestratorSla(
  store: Store,
  q: { address: string; range: TimeWindow; now: number },
): Promise<OrchestratorSla> {
  const range = hoursOfWindow(q.range);
  const filter = { orchestrator: q.address };
  const window = await windowScoresWithNode(
    store,
    { range, filter, now: q.now },
    { nodeForAll: true },
  );
  const scores = window.scores;
  const live = scores.some((s) => isPipelineId(s.pipeline) && isLivePipeline(s.pipeline));
  const streams = live
    ? await streamFigures(store, { range, filter, groupBy: ['pipeline', 'model', 'source'] })
    : [];
  // Without inputs in the window, its heartbeats and probes are read on their own.
  const availability =
    scores.length > 0
      ? availabilityOfNode(window.node)
      : await availabilityOf(store, { range: q.range, orchestrators: [q.address], now: q.now });
  const gpus = await gpuHours(store, { range, orchestrators: [q.address] });
  const lastHour = Math.floor(Math.min(q.now, range.to.getTime()) / 3_600_000) * 3_600_000;
  const latest = await slaCompliance(store, {
    range: {
      fromMs: Math.max(range.from.getTime(), lastHour - 3_600_000),
      toMs: lastHour + 3_600_000,
    },
    granularity: 'hour',
    orchestrator: q.address,
    limit: 500,
    now: q.now,
  });
  const newest = latest.items.at(-1)?.startMs;
  return {
    address: q.address,
    workloads: scores.map((s) => {
      const st = streams.find(
        (x) =>
          x.group.pipeline === s.pipeline &&
          x.group.model === s.model &&
          x.group.source === s.source,
      );
      return {
        pipeline: s.pipeline,
        modelId: s.model,
        source: s.source,
        score: s.breakdown.score,
        breakdown: s.breakdown,
        inputs: s.inputs,
        cohort: s.cohort,
        jitter: st?.jitter ?? null,
        streams: st?.streams ?? 0,
      };
    }),
    latestHour: latest.items.filter((r) => r.startMs === newest),
    availability: availability.get(q.address) ?? null,
    gpus: gpus.map((g) => ({ gpuId: g.gpuId, gpuModel: g.gpuModel, hours: g.hours })),
  };
}
