import type { PhysicalGpu } from './physical.js';

/** One `-L` line per MIG instance: `  MIG 3g.40gb     Device  0: (UUID: MIG-…)`. */
function migLines(board: PhysicalGpu): string[] {
  return board.instances.map((gpu, i) => {
    const profile = (gpu.mig?.profile ?? '').padEnd(11);
    return `  MIG ${profile} Device ${String(i).padStart(2)}: (UUID: ${gpu.uuid})\n`;
  });
}

/**
 * `nvidia-smi -L`: `GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-…)` per board,
 * followed on MIG boards by their instances, as the real captures show.
 */
export function formatGpuList(boards: readonly PhysicalGpu[]): string {
  return boards
    .map((b) => {
      const line = `GPU ${b.index}: ${b.model.name} (UUID: ${b.uuid})\n`;
      return b.migEnabled ? line + migLines(b).join('') : line;
    })
    .join('');
}
