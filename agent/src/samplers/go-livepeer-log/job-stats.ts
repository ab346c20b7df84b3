import type { ErrorClass, Outcome, PipelineId } from '@naap/otel';
import type { JobObservation } from './events.js';

/** Jobs counted for one (pipeline, model, outcome, error class). */
export interface JobCount {
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
  readonly outcome: Outcome;
  readonly errorClass: ErrorClass | null;
  readonly count: number;
  /** Jobs of these that carried a duration, and their sum (seconds). */
  readonly durationCount: number;
  readonly durationSumS: number;
}

/** The last job counted, with the wall time it was read. */
export interface LastJob {
  readonly readAtMs: number;
  readonly kind: JobObservation['kind'];
  readonly requestId: string | null;
  readonly pipeline: PipelineId | null;
  readonly modelId: string | null;
  readonly outcome: Outcome;
  readonly errorClass: ErrorClass | null;
  readonly durationS: number | null;
}

/** Counts per (pipeline, model, outcome, error class) for `snapshot()`; bounded by the model guard. */
export class JobStats {
  private readonly counts = new Map<string, JobCount>();
  private lastJob: LastJob | null = null;

  add(job: JobObservation, modelId: string | null, readAtMs: number): void {
    const key = JSON.stringify([job.pipeline, modelId, job.outcome, job.errorClass]);
    const prev = this.counts.get(key);
    const hasDuration = job.durationS !== null;
    this.counts.set(key, {
      pipeline: job.pipeline,
      modelId,
      outcome: job.outcome,
      errorClass: job.errorClass,
      count: (prev?.count ?? 0) + 1,
      durationCount: (prev?.durationCount ?? 0) + (hasDuration ? 1 : 0),
      durationSumS: (prev?.durationSumS ?? 0) + (job.durationS ?? 0),
    });
    const { kind, requestId, pipeline, outcome, errorClass, durationS } = job;
    this.lastJob = { readAtMs, kind, requestId, pipeline, modelId, outcome, errorClass, durationS };
  }

  jobs(): JobCount[] {
    return [...this.counts.values()];
  }

  last(): LastJob | null {
    return this.lastJob;
  }
}

/**
 * Bounds `livepeer.model_id` values: model ids come from request lines, and a
 * gateway may name any model (refused with "Insufficient capacity"); past
 * `max` distinct ids, new ones are reported without a model id.
 */
export class ModelGuard {
  private readonly seen = new Set<string>();
  overflowed = 0;

  constructor(private readonly max: number) {}

  admit(modelId: string | null): string | null {
    if (modelId === null || this.seen.has(modelId)) return modelId;
    if (this.seen.size >= this.max) {
      this.overflowed++;
      return null;
    }
    this.seen.add(modelId);
    return modelId;
  }
}
