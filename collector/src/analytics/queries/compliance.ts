import { SLA_VERSION, type SlaBreakdown, type SlaCohort, type SlaInputs } from '@naap/otel';
import { QueryParams, queryRows } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { HOUR_MS, filterSql, type InputFilter } from '../read/filters.js';
import { ANALYTICS_TABLES } from '../schema/names.js';
import { windowScores } from '../score/window.js';
import { compareKeys, hoursOfWindow, type TimeWindow } from './common.js';

/**
 * `naap-sla-v1` scores with their explanation: per hour (the stored scores),
 * per day or over the whole window (recomputed from the merged additive
 * inputs). Every row carries its version, inputs, cohort and breakdown so
 * anyone can recompute it.
 */

export type ComplianceGranularity = 'hour' | 'day' | 'window';

export interface ComplianceFilter {
  readonly range: TimeWindow;
  readonly granularity: ComplianceGranularity;
  readonly orchestrator?: string;
  readonly pipeline?: string;
  readonly model?: string;
  readonly gpu?: string;
  readonly region?: string;
  readonly source?: string;
  readonly limit: number;
  /** Key of the last row of the previous page. */
  readonly after?: ComplianceKey;
  readonly now: number;
}

/** Sort key of a row: [startMs, orchestrator, pipeline, model, gpu, source]. */
export type ComplianceKey = readonly [number, string, string, string, string, string];

export interface ComplianceRow {
  readonly startMs: number;
  readonly endMs: number;
  readonly orchestrator: string;
  /** Null when rolled over every GPU. */
  readonly gpuId: string | null;
  readonly pipeline: string;
  readonly modelId: string;
  /** The region filtered on, or the only region the inputs came from; else null. */
  readonly region: string | null;
  readonly source: string;
  readonly version: string;
  readonly score: number | null;
  readonly breakdown: SlaBreakdown;
  readonly inputs: SlaInputs;
  readonly cohort: SlaCohort;
}

export interface CompliancePage {
  readonly items: readonly ComplianceRow[];
  readonly next: ComplianceKey | null;
}

export const keyOf = (r: ComplianceRow): ComplianceKey => [
  r.startMs,
  r.orchestrator,
  r.pipeline,
  r.modelId,
  r.gpuId ?? '',
  r.source,
];

const regionOf = (filter: string | undefined, regions: readonly string[]): string | null =>
  filter ?? (regions.length === 1 ? (regions[0] ?? null) : null);

type Num = string | number;
interface StoredRow {
  readonly bucket: Num;
  readonly orchestrator: string;
  readonly pipeline: string;
  readonly model: string;
  readonly gpu: string;
  readonly source: string;
  readonly version: string;
  readonly score: number | null;
  readonly regions: string[];
  readonly inputs: string;
  readonly cohort: string;
  readonly breakdown: string;
}

async function hourly(store: Store, f: ComplianceFilter): Promise<CompliancePage> {
  const range = hoursOfWindow(f.range);
  const p = new QueryParams();
  const filter: InputFilter = {
    ...(f.orchestrator ? { orchestrator: f.orchestrator } : {}),
    ...(f.pipeline ? { pipeline: f.pipeline } : {}),
    ...(f.model ? { model: f.model } : {}),
    ...(f.gpu ? { gpu: f.gpu } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
  const where = [
    `Bucket >= ${p.time(range.from)}`,
    `Bucket < ${p.time(range.to)}`,
    `Version = ${p.add('String', SLA_VERSION)}`,
    ...filterSql(filter, p),
    ...(f.region ? [`has(Regions, ${p.add('String', f.region)})`] : []),
  ];
  if (f.after) {
    const [t, ...rest] = f.after;
    where.push(
      `(Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Source) > ` +
        `(${p.time(new Date(t))}, ${rest.map((x) => p.add('String', x)).join(', ')})`,
    );
  }
  const rows = await queryRows<StoredRow>(
    store,
    `SELECT toUnixTimestamp(Bucket) AS bucket, OrchestratorAddress AS orchestrator,
       Pipeline AS pipeline, ModelId AS model, GpuId AS gpu, Source AS source, Version AS version,
       Score AS score, Regions AS regions, Inputs AS inputs, Cohort AS cohort, Breakdown AS breakdown
     FROM ${store.merged(ANALYTICS_TABLES.scores)}
     WHERE ${where.join(' AND ')}
     ORDER BY Bucket, OrchestratorAddress, Pipeline, ModelId, GpuId, Source
     LIMIT ${p.add('UInt32', f.limit + 1)}`,
    p,
  );
  const items = rows.slice(0, f.limit).map((r): ComplianceRow => ({
    startMs: Number(r.bucket) * 1000,
    endMs: Number(r.bucket) * 1000 + HOUR_MS,
    orchestrator: r.orchestrator,
    gpuId: r.gpu,
    pipeline: r.pipeline,
    modelId: r.model,
    region: regionOf(f.region, r.regions),
    source: r.source,
    version: r.version,
    score: r.score,
    breakdown: JSON.parse(r.breakdown) as SlaBreakdown,
    inputs: JSON.parse(r.inputs) as SlaInputs,
    cohort: JSON.parse(r.cohort) as SlaCohort,
  }));
  const last = items.at(-1);
  return { items, next: rows.length > f.limit && last ? keyOf(last) : null };
}

async function recomputed(store: Store, f: ComplianceFilter): Promise<CompliancePage> {
  const range = hoursOfWindow(f.range);
  const filter: InputFilter = {
    ...(f.orchestrator ? { orchestrator: f.orchestrator } : {}),
    ...(f.pipeline ? { pipeline: f.pipeline } : {}),
    ...(f.model ? { model: f.model } : {}),
    ...(f.gpu ? { gpu: f.gpu } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
  const scores = await windowScores(store, {
    range,
    filter,
    ...(f.gpu ? { groupBy: ['gpu'] as const } : {}),
    ...(f.granularity === 'day' ? { bucket: 'day' as const } : {}),
    now: f.now,
  });
  const rows = scores
    .map((s): ComplianceRow => ({
      startMs: s.fromMs,
      endMs: s.toMs,
      orchestrator: s.orchestrator,
      gpuId: s.group.gpu ?? null,
      pipeline: s.pipeline,
      modelId: s.model,
      region: regionOf(f.region, s.aggregate.regions),
      source: s.source,
      version: s.breakdown.version,
      score: s.breakdown.score,
      breakdown: s.breakdown,
      inputs: s.inputs,
      cohort: s.cohort,
    }))
    .sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const after = f.after;
  const rest = after ? rows.filter((r) => compareKeys(keyOf(r), after) > 0) : rows;
  const items = rest.slice(0, f.limit);
  const last = items.at(-1);
  return { items, next: rest.length > f.limit && last ? keyOf(last) : null };
}

export async function slaCompliance(store: Store, f: ComplianceFilter): Promise<CompliancePage> {
  return f.granularity === 'hour' ? hourly(store, f) : recomputed(store, f);
}
