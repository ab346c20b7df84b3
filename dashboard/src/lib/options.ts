import { PIPELINES, REGIONS } from '@naap/otel';
import type { Pipelines } from '@naap/otel/api';

/** One choice of a filter. */
export interface Option {
  readonly value: string;
  readonly label: string;
}

const pipelineName = new Map<string, string>(PIPELINES.map((p) => [p.id, p.displayName]));
const regionName = new Map<string, string>(REGIONS.map((r) => [r.code, r.name]));

/** "Text to image" for "text-to-image"; the id itself when unknown. */
export function pipelineLabel(id: string): string {
  return pipelineName.get(id) ?? id;
}

/** "FRA · Frankfurt". */
export function regionLabel(code: string | null): string {
  if (code === null) return '–';
  const name = regionName.get(code);
  return name === undefined ? code : `${code} · ${name}`;
}

/** Every pipeline of the contract; those the network serves first. */
export function pipelineOptions(served: Pipelines | null): Option[] {
  const active = new Set(
    (served?.items ?? []).filter((p) => p.jobs > 0 || p.orchestrators > 0).map((p) => p.id),
  );
  return [...PIPELINES]
    .sort(
      (a, b) =>
        Number(active.has(b.id)) - Number(active.has(a.id)) ||
        a.displayName.localeCompare(b.displayName),
    )
    .map((p) => ({
      value: p.id,
      label: active.has(p.id) ? p.displayName : `${p.displayName} (idle)`,
    }));
}

/** Models served for a pipeline (or for all), from `/pipelines`. */
export function modelOptions(served: Pipelines | null, pipeline: string | undefined): Option[] {
  const models = new Set<string>();
  for (const p of served?.items ?? []) {
    if (pipeline !== undefined && p.id !== pipeline) continue;
    for (const m of p.models) models.add(m.modelId);
  }
  return [...models].sort().map((m) => ({ value: m, label: m }));
}

export function regionOptions(): Option[] {
  return REGIONS.filter((r) => r.code !== 'GLOBAL').map((r) => ({
    value: r.code,
    label: `${r.code} · ${r.name}`,
  }));
}
