import type { DemandRow, RegionRow } from '@naap/otel/api';

/**
 * Region × workflow heatmap: per cell, demand (jobs served, and requests
 * refused for capacity) against supply (orchestrators serving the pipeline
 * from that region). The shade is the load, jobs per orchestrator, in five
 * steps relative to the busiest cell; unmet demand is flagged apart.
 */
export interface HeatCell {
  readonly region: string;
  readonly pipeline: string;
  readonly jobs: number;
  readonly orchestrators: number;
  readonly missingCapacity: number;
  /** Jobs per orchestrator; null without supply. */
  readonly load: number | null;
  /** 0 (no demand) … 5 (busiest); -1 without supply or demand. */
  readonly level: number;
}

export interface Heatmap {
  readonly regions: readonly string[];
  readonly pipelines: readonly string[];
  readonly cells: ReadonlyMap<string, HeatCell>;
  readonly maxLoad: number;
}

export const cellKey = (region: string, pipeline: string): string => `${region}\u0000${pipeline}`;

export function regionWorkflowHeatmap(
  regions: readonly RegionRow[],
  demand: readonly DemandRow[] = [],
): Heatmap {
  const missing = new Map<string, number>();
  for (const row of demand) {
    if (row.region === null || row.missingCapacity === 0) continue;
    const k = cellKey(row.region, row.pipeline);
    missing.set(k, (missing.get(k) ?? 0) + row.missingCapacity);
  }
  const raw = new Map<string, { jobs: number; orchestrators: number }>();
  const regionSet = new Set<string>();
  const pipelineSet = new Set<string>();
  for (const r of regions) {
    for (const p of r.pipelines) {
      if (p.jobs === 0 && p.orchestrators === 0) continue;
      raw.set(cellKey(r.code, p.pipeline), { jobs: p.jobs, orchestrators: p.orchestrators });
      regionSet.add(r.code);
      pipelineSet.add(p.pipeline);
    }
  }
  for (const k of missing.keys()) {
    const [region = '', pipeline = ''] = k.split('\u0000');
    regionSet.add(region);
    pipelineSet.add(pipeline);
  }
  let maxLoad = 0;
  for (const v of raw.values()) {
    if (v.orchestrators > 0) maxLoad = Math.max(maxLoad, v.jobs / v.orchestrators);
  }
  const cells = new Map<string, HeatCell>();
  for (const region of regionSet) {
    for (const pipeline of pipelineSet) {
      const k = cellKey(region, pipeline);
      const v = raw.get(k) ?? { jobs: 0, orchestrators: 0 };
      const load = v.orchestrators > 0 ? v.jobs / v.orchestrators : null;
      const level =
        load === null
          ? -1
          : load === 0 || maxLoad === 0
            ? 0
            : Math.max(1, Math.ceil((load / maxLoad) * 5));
      cells.set(k, {
        region,
        pipeline,
        jobs: v.jobs,
        orchestrators: v.orchestrators,
        missingCapacity: missing.get(k) ?? 0,
        load,
        level,
      });
    }
  }
  const byName = (a: string, b: string): number => a.localeCompare(b);
  return {
    regions: [...regionSet].sort(byName),
    pipelines: [...pipelineSet].sort(byName),
    cells,
    maxLoad,
  };
}
