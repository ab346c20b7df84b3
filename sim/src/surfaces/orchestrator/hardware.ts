import { gpuSampleAt } from '../../model/gpu-state.js';
import type { SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';
import type { Container } from './activity.js';

/**
 * ai-runner's `GET /hardware/info` and `GET /hardware/stats` bodies
 * (HardwareInformation / HardwareStats of the runner's OpenAPI, read with
 * pynvml): `gpu_info` / `gpu_stats` keyed by the GPU index *inside the
 * container* (a runner sees only its own GPU: "0"), each with the GPU's
 * UUID as `id`, its NVML name and memory in bytes.
 */

/** CUDA compute capability (major, minor) of the simulated GPU models. */
const COMPUTE_CAPABILITY: Readonly<Record<string, readonly [number, number]>> = {
  'rtx-4090': [8, 9],
  'rtx-3090': [8, 6],
  'rtx-4080-super': [8, 9],
  'a100-80gb': [8, 0],
  'h100-80gb': [9, 0],
  h200: [9, 0],
  l40s: [8, 9],
  a10: [8, 6],
};

const MIB = 1_048_576;

function nvmlName(c: Container): string {
  const { gpu } = c;
  return gpu.mig === null ? gpu.model.name : `${gpu.model.name} MIG ${gpu.mig.profile}`;
}

export interface GpuComputeInfo {
  readonly id: string;
  readonly name: string;
  readonly memory_total: number;
  readonly memory_free: number;
  readonly major: number;
  readonly minor: number;
}

export interface GpuUtilizationInfo {
  readonly id: string;
  readonly name: string;
  readonly memory_total: number;
  readonly memory_free: number;
  readonly utilization_compute: number;
  readonly utilization_memory: number;
}

export function hardwareInfo(
  network: SimNetwork,
  o: SimOrchestrator,
  c: Container,
  atMs: number,
): { pipeline: string; model_id: string; gpu_info: Record<string, GpuComputeInfo> } {
  const s = gpuSampleAt(network, o, c.gpu, atMs);
  const [major, minor] = COMPUTE_CAPABILITY[c.gpu.model.key] ?? [8, 0];
  const info: GpuComputeInfo = {
    id: c.gpu.uuid,
    name: nvmlName(c),
    memory_total: s.memoryTotalMiB * MIB,
    memory_free: s.memoryFreeMiB * MIB,
    major,
    minor,
  };
  return { pipeline: c.workload.pipeline, model_id: c.workload.modelId, gpu_info: { '0': info } };
}

export function hardwareStats(
  network: SimNetwork,
  o: SimOrchestrator,
  c: Container,
  atMs: number,
): { pipeline: string; model_id: string; gpu_stats: Record<string, GpuUtilizationInfo> } {
  const s = gpuSampleAt(network, o, c.gpu, atMs);
  const stats: GpuUtilizationInfo = {
    id: c.gpu.uuid,
    name: nvmlName(c),
    memory_total: s.memoryTotalMiB * MIB,
    memory_free: s.memoryFreeMiB * MIB,
    // NVML has no utilization counters for MIG instances; the runner reports 0.
    utilization_compute: s.utilizationGpu ?? 0,
    utilization_memory: s.utilizationMemory ?? 0,
  };
  return { pipeline: c.workload.pipeline, model_id: c.workload.modelId, gpu_stats: { '0': stats } };
}
