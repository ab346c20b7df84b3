import {
  classifyError,
  isPipelineId,
  outcomeOfError,
  type ErrorClass,
  type Outcome,
  type PipelineId,
} from '@naap/otel';
import type { Exposition, PromFamily, PromType } from './exposition.js';

/** go-livepeer metric families this sampler reads, with the type they must have. */
export const GO_LIVEPEER_FAMILIES = {
  modelsRequested: { name: 'livepeer_ai_models_requested', type: 'counter' },
  requestErrors: { name: 'livepeer_ai_request_errors', type: 'counter' },
  containerInUse: { name: 'livepeer_ai_container_in_use', type: 'gauge' },
  containerIdle: { name: 'livepeer_ai_container_idle', type: 'gauge' },
  gpusIdle: { name: 'livepeer_ai_gpus_idle', type: 'gauge' },
  livePipelines: { name: 'livepeer_ai_current_live_pipelines', type: 'gauge' },
  ticketValueRecv: { name: 'livepeer_ticket_value_recv', type: 'counter' },
} as const satisfies Record<string, { name: string; type: PromType }>;

/** Longest model id kept (the contract's `livepeer.model_id` bound). */
const MAX_MODEL_ID = 256;
/** Most series kept per metric: go-livepeer labels come from requests, so bound them. */
export const MAX_SERIES_PER_METRIC = 500;

/** Pipeline and model of a series; undefined where go-livepeer left the label empty or unknown. */
export interface WorkKey {
  readonly pipeline: PipelineId | undefined;
  readonly modelId: string | undefined;
}

/** Cumulative jobs of one (pipeline, model, outcome, error class). */
export interface JobTotal extends WorkKey {
  readonly outcome: Outcome;
  /** Null for successful jobs. */
  readonly errorClass: ErrorClass | null;
  readonly total: number;
}

export interface WorkValue extends WorkKey {
  readonly value: number;
}

/** What one good scrape of go-livepeer's `/metrics` says, in contract terms. */
export interface GoLivepeerReading {
  readonly jobs: readonly JobTotal[];
  readonly containersInUse: readonly WorkValue[];
  readonly containersIdle: readonly WorkValue[];
  readonly gpusIdle: readonly WorkValue[];
  readonly liveStreams: readonly WorkValue[];
  /** Σ livepeer_ticket_value_recv (gwei); null until go-livepeer recorded a payment. */
  readonly ticketValueReceivedGwei: number | null;
  /** Series left out because a metric had more than MAX_SERIES_PER_METRIC. */
  readonly droppedSeries: number;
}

export type ReadingResult =
  | { readonly ok: true; readonly reading: GoLivepeerReading }
  | { readonly ok: false; readonly error: string };

type FamilyDef = (typeof GO_LIVEPEER_FAMILIES)[keyof typeof GO_LIVEPEER_FAMILIES];

export function workKeyOf(labels: Readonly<Record<string, string>>): WorkKey {
  const pipeline = labels['pipeline'] ?? '';
  const model = (labels['model_name'] ?? '').trim();
  return {
    pipeline: isPipelineId(pipeline) ? pipeline : undefined,
    modelId: model === '' ? undefined : model.slice(0, MAX_MODEL_ID),
  };
}

/** The family when present; an error when it has the wrong type or an unusable value. */
function family(
  families: Exposition,
  def: FamilyDef,
): { family: PromFamily | undefined } | { error: string } {
  const f = families.get(def.name);
  if (f === undefined) return { family: undefined };
  if (f.type !== def.type) return { error: `${def.name} is a ${f.type}, expected ${def.type}` };
  for (const s of f.series) {
    if (!Number.isFinite(s.value) || s.value < 0) {
      return { error: `${def.name} has a non-finite or negative value` };
    }
  }
  return { family: f };
}

/** Sums values by key, keeping at most MAX_SERIES_PER_METRIC keys. */
class Summer<K> {
  private readonly sums = new Map<string, { key: K; value: number }>();
  dropped = 0;

  add(id: string, key: K, value: number): void {
    const row = this.sums.get(id);
    if (row !== undefined) row.value += value;
    else if (this.sums.size >= MAX_SERIES_PER_METRIC) this.dropped++;
    else this.sums.set(id, { key, value });
  }

  rows(): { key: K; value: number }[] {
    return [...this.sums.values()];
  }
}

const workId = (k: WorkKey): string => `${k.pipeline ?? ''}\u0000${k.modelId ?? ''}`;

function sumByWork(f: PromFamily | undefined): { values: WorkValue[]; dropped: number } {
  const summer = new Summer<WorkKey>();
  for (const s of f?.series ?? []) {
    const key = workKeyOf(s.labels);
    summer.add(workId(key), key, s.value);
  }
  return {
    values: summer.rows().map((r) => ({ ...r.key, value: r.value })),
    dropped: summer.dropped,
  };
}

function jobTotals(
  requested: PromFamily | undefined,
  errors: PromFamily | undefined,
): { jobs: JobTotal[]; dropped: number } {
  type JobKey = Omit<JobTotal, 'total'>;
  const summer = new Summer<JobKey>();
  const add = (key: JobKey, value: number): void => {
    summer.add(`${workId(key)}\u0000${key.outcome}\u0000${key.errorClass ?? ''}`, key, value);
  };
  for (const s of requested?.series ?? []) {
    add({ ...workKeyOf(s.labels), outcome: 'success', errorClass: null }, s.value);
  }
  for (const s of errors?.series ?? []) {
    // error_code is a raw error string: only its class is kept, never the text.
    const errorClass = classifyError(s.labels['error_code']);
    add({ ...workKeyOf(s.labels), outcome: outcomeOfError(errorClass), errorClass }, s.value);
  }
  return {
    jobs: summer.rows().map((r) => ({ ...r.key, total: r.value })),
    dropped: summer.dropped,
  };
}

/** Maps a validated exposition to contract values; a wrongly typed or valued family rejects it. */
export function readGoLivepeer(families: Exposition): ReadingResult {
  const got: Partial<Record<keyof typeof GO_LIVEPEER_FAMILIES, PromFamily | undefined>> = {};
  for (const [key, def] of Object.entries(GO_LIVEPEER_FAMILIES)) {
    const r = family(families, def);
    if ('error' in r) return { ok: false, error: r.error };
    got[key as keyof typeof GO_LIVEPEER_FAMILIES] = r.family;
  }
  const jobs = jobTotals(got.modelsRequested, got.requestErrors);
  const inUse = sumByWork(got.containerInUse);
  const idle = sumByWork(got.containerIdle);
  const gpus = sumByWork(got.gpusIdle);
  const live = sumByWork(got.livePipelines);
  const tickets = got.ticketValueRecv;
  return {
    ok: true,
    reading: {
      jobs: jobs.jobs,
      containersInUse: inUse.values,
      containersIdle: idle.values,
      gpusIdle: gpus.values,
      liveStreams: live.values,
      ticketValueReceivedGwei:
        tickets === undefined ? null : tickets.series.reduce((s, x) => s + x.value, 0),
      droppedSeries: jobs.dropped + inUse.dropped + idle.dropped + gpus.dropped + live.dropped,
    },
  };
}
