import type { ComputeApp } from './compute-apps.js';
import { computeAppsAt } from './compute-apps.js';
import type { GpuRow } from './gpu-fields.js';
import type { SimHost } from './host.js';
import { boardSampleAt, type PhysicalGpu } from './physical.js';

/** `--query-gpu` rows of the given boards at simulated time `atMs`. */
export function gpuRowsAt(host: SimHost, boards: readonly PhysicalGpu[], atMs: number): GpuRow[] {
  return boards.map((gpu) => ({
    atMs,
    count: host.boards.length,
    gpu,
    sample: boardSampleAt(host.network, host.orchestrator, gpu, atMs),
  }));
}

/** `--query-compute-apps` rows of the given boards at simulated time `atMs`. */
export function appRowsAt(
  host: SimHost,
  boards: readonly PhysicalGpu[],
  atMs: number,
): ComputeApp[] {
  return computeAppsAt(host.network, host.orchestrator, boards, atMs);
}

/**
 * The boards `-i/--id` selects (by index, UUID, MIG UUID or PCI bus id), all
 * of them without `-i`; empty when an id matches none.
 */
export function selectBoards(
  boards: readonly PhysicalGpu[],
  ids: readonly string[] | null,
): PhysicalGpu[] {
  if (ids === null) return [...boards];
  const matches = (b: PhysicalGpu, id: string): boolean =>
    id === String(b.index) ||
    id.toLowerCase() === b.busId.toLowerCase() ||
    id === b.uuid ||
    b.instances.some((g) => g.uuid === id);
  if (!ids.every((id) => boards.some((b) => matches(b, id)))) return [];
  return boards.filter((b) => ids.some((id) => matches(b, id)));
}
