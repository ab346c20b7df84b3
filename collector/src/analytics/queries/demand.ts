import { isLivePipeline, isPipelineId } from '@naap/otel';
import type { Store } from '../../storage/store.js';
import type { InputFilter } from '../read/filters.js';
import { gpuHours, type GpuHours } from '../read/gpus.js';
import { inputAggregates, type InputAggregate, type TimeBucket } from '../read/inputs.js';
import { nodeTotalsByBucket } from '../read/node.js';
import { streamFigures } from '../read/streams.js';
import { hoursOfWindow, type TimeWindow } from './common.js';

/**
 * Demand per hour, day or week (metrics.md §3), summed from the hourly
 * inputs at query time: jobs and streams, inference minutes (Σ batch job
 * durations + Σ live stream time), missing capacity (requests refused for
 * capacity or for want of an orchestrator), capacity rate (inference minutes
 * / GPU-minutes of the orchestrators that served the group, which exceeds 1
 * when GPUs serve jobs concurrently), per GPU model when asked, and fees per
 * bucket (they are not per pipeline).
 */

export type DemandGranularity = TimeBucket;

export interface DemandFilter {
  readonly range: TimeWindow;
  readonly granularity: DemandGranularity;
  readonly orchestrator?: string;
  readonly pipeline?: string;
  readonly model?: string;
  readonly region?: string;
  readonly source?: string;
  /** Only this GPU model (implies `byGpuModel`). */
  readonly gpuModel?: string;
  /** Split rows by GPU model. */
  readonly byGpuModel?: boolean;
  readonly now: number;
}

export interface DemandRow {
  readonly startMs: number;
  readonly pipeline: string;
  readonly modelId: string;
  /** Null when not split by GPU model, or when the GPU model is unknown. */
  readonly gpuModel: string | null;
  readonly source: string;
  readonly jobs: number;
  readonly streams: number;
  readonly inferenceMinutes: number;
  readonly capacityRate: number | null;
  readonly missingCapacity: number;
  readonly orchestrators: number;
}

export interface DemandFees {
  readonly startMs: number;
  readonly feesEth: number;
}

export interface DemandAnswer {
  readonly rows: readonly DemandRow[];
  readonly fees: readonly DemandFees[];
}

const GWEI = 1e-9;

/** GPU models per (bucket, orchestrator, GPU). */
class GpuIndex {
  private readonly model = new Map<string, string>();
  private readonly models = new Map<string, Set<string>>();
  private readonly hours = new Map<string, number>();

  constructor(rows: readonly GpuHours[]) {
    for (const g of rows) {
      const bo = `${g.bucketMs}|${g.orchestrator}`;
      this.model.set(`${bo}|${g.gpuId}`, g.gpuModel);
      this.models.set(bo, (this.models.get(bo) ?? new Set()).add(g.gpuModel));
      const k = `${bo}|${g.gpuModel}`;
      this.hours.set(k, (this.hours.get(k) ?? 0) + g.hours);
      this.hours.set(bo, (this.hours.get(bo) ?? 0) + g.hours);
    }
  }

  /** The GPU's model; for rows without a GPU, the orchestrator's only model (else null). */
  modelOf(bucket: number, o: string, gpu: string): string | null {
    if (gpu !== '') return this.model.get(`${bucket}|${o}|${gpu}`) ?? null;
    const set = this.models.get(`${bucket}|${o}`);
    return set?.size === 1 ? ([...set][0] ?? null) : null;
  }

  /** GPU-hours of the orchestrator in the bucket (of one GPU model when given). */
  gpuHours(bucket: number, o: string, model: string | null): number {
    return this.hours.get(model === null ? `${bucket}|${o}` : `${bucket}|${o}|${model}`) ?? 0;
  }
}

interface Acc {
  row: Omit<DemandRow, 'capacityRate' | 'orchestrators'>;
  orchestrators: Set<string>;
}

export async function networkDemand(store: Store, f: DemandFilter): Promise<DemandAnswer> {
  const range = hoursOfWindow(f.range);
  const filter: InputFilter = {
    ...(f.orchestrator ? { orchestrator: f.orchestrator } : {}),
    ...(f.pipeline ? { pipeline: f.pipeline } : {}),
    ...(f.model ? { model: f.model } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
  const bucket = f.granularity;
  const groupBy = ['orchestrator', 'gpu', 'pipeline', 'model', 'source'] as const;
  const orchestrators = f.orchestrator ? { orchestrators: [f.orchestrator] } : {};
  const [aggs, streams, gpus] = await Promise.all([
    inputAggregates(store, { range, filter, groupBy, bucket }),
    streamFigures(store, { range, filter, groupBy, bucket }),
    gpuHours(store, { range, bucket, ...orchestrators }),
  ]);
  const index = new GpuIndex(gpus);
  const split = f.byGpuModel === true || f.gpuModel !== undefined;
  const streamMinutes = new Map(
    streams.map((s) => [JSON.stringify([s.bucket?.getTime(), s.group]), s.streamMinutes]),
  );
  const acc = new Map<string, Acc>();
  for (const a of aggs) {
    const t = a.bucket?.getTime() ?? range.from.getTime();
    const g = a.group;
    const o = g.orchestrator ?? '';
    const gpuModel = split ? index.modelOf(t, o, g.gpu ?? '') : null;
    if (f.gpuModel !== undefined && gpuModel !== f.gpuModel) continue;
    const key = JSON.stringify([t, g.pipeline, g.model, g.source, gpuModel]);
    const cur = acc.get(key) ?? {
      row: {
        startMs: t,
        pipeline: g.pipeline ?? '',
        modelId: g.model ?? '',
        gpuModel,
        source: g.source ?? '',
        jobs: 0,
        streams: 0,
        inferenceMinutes: 0,
        missingCapacity: 0,
      },
      orchestrators: new Set<string>(),
    };
    acc.set(key, add(cur, a, streamMinutes.get(JSON.stringify([t, g])) ?? 0));
  }
  const rows = [...acc.values()].map(({ row, orchestrators: os }): DemandRow => {
    const gpuMinutes = [...os].reduce(
      (s, o) => s + 60 * index.gpuHours(row.startMs, o, row.gpuModel),
      0,
    );
    return {
      ...row,
      capacityRate: gpuMinutes > 0 ? row.inferenceMinutes / gpuMinutes : null,
      orchestrators: os.size,
    };
  });
  rows.sort(
    (a, b) => a.startMs - b.startMs || (a.pipeline + a.modelId < b.pipeline + b.modelId ? -1 : 1),
  );
  return { rows, fees: await fees(store, f, range) };
}

function add(cur: Acc, a: InputAggregate, liveMinutes: number): Acc {
  const jobs = a.jobs.success + a.jobs.failure + a.jobs.excused;
  const pipeline = a.group.pipeline ?? '';
  const live = isPipelineId(pipeline) && isLivePipeline(pipeline);
  cur.orchestrators.add(a.group.orchestrator ?? '');
  return {
    row: {
      ...cur.row,
      jobs: cur.row.jobs + jobs,
      streams: cur.row.streams + (live ? jobs : 0),
      inferenceMinutes: cur.row.inferenceMinutes + a.busySeconds / 60 + (live ? liveMinutes : 0),
      missingCapacity: cur.row.missingCapacity + a.capacityRefused,
    },
    orchestrators: cur.orchestrators,
  };
}

async function fees(
  store: Store,
  f: DemandFilter,
  range: { from: Date; to: Date },
): Promise<DemandFees[]> {
  const orchestrators = f.orchestrator ? { orchestrators: [f.orchestrator] } : {};
  // Fees are counted whole: maintenance does not cancel earnings.
  const totals = await nodeTotalsByBucket(store, {
    ...range,
    ...orchestrators,
    maintenance: [],
    bucket: f.granularity,
  });
  return totals.buckets
    .map((startMs) => ({
      startMs,
      feesEth: [...totals.get(startMs).feesGwei.values()].reduce((s, g) => s + g, 0) * GWEI,
    }))
    .filter((x) => x.feesEth > 0)
    .sort((a, b) => a.startMs - b.startMs);
}
