import type { GpuSeriesKey, LiveOrchestratorEvent, Point } from '@naap/otel/api';

/** Points received live, per GPU series and GPU. */
export type LivePoints = ReadonlyMap<GpuSeriesKey, ReadonlyMap<string, readonly Point[]>>;

const FIELDS = {
  utilization: 'utilization',
  vram_used: 'vramUsedBytes',
  temperature: 'temperatureC',
  power_draw: 'powerDrawW',
} as const satisfies Partial<Record<GpuSeriesKey, keyof LiveOrchestratorEvent['gpus'][number]>>;

/** Most live points kept per GPU series (an hour at one per second). */
export const MAX_LIVE_POINTS = 3600;

/**
 * A new map with the event's GPU samples appended (a sample already present
 * at the same time is not repeated; points older than `fromMs` are dropped).
 */
export function appendLive(
  current: LivePoints,
  e: LiveOrchestratorEvent,
  fromMs: number,
): Map<GpuSeriesKey, Map<string, Point[]>> {
  const next = new Map<GpuSeriesKey, Map<string, Point[]>>();
  for (const [key, field] of Object.entries(FIELDS) as [
    keyof typeof FIELDS,
    (typeof FIELDS)[keyof typeof FIELDS],
  ][]) {
    const perGpu = new Map<string, Point[]>();
    for (const [gpu, pts] of current.get(key) ?? []) perGpu.set(gpu, [...pts]);
    for (const g of e.gpus) {
      const value = g[field];
      if (value === null) continue;
      const pts = perGpu.get(g.id) ?? [];
      const last = pts.at(-1);
      if (last === undefined || last[0] < g.lastSeenMs) pts.push([g.lastSeenMs, value]);
      perGpu.set(g.id, pts.filter((p) => p[0] >= fromMs).slice(-MAX_LIVE_POINTS));
    }
    next.set(key, perGpu);
  }
  return next;
}
