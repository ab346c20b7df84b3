import { gpuSampleAt, type GpuSample } from '../../model/gpu-state.js';
import type { GpuModelSpec } from '../../scenario/gpu-models.js';
import type { SimGpu, SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';

/**
 * A physical GPU as nvidia-smi lists it: `--query-gpu` and `-L` print one
 * entry per board, and a board in MIG mode carries its MIG instances (the
 * simulator's SimGpus sharing `mig.parentUuid`).
 */
export interface PhysicalGpu {
  /** nvidia-smi index of the board on its host (MIG instances do not count). */
  readonly index: number;
  readonly uuid: string;
  readonly model: GpuModelSpec;
  readonly busId: string;
  readonly serial: string;
  readonly migEnabled: boolean;
  /** The MIG instances in order, or the one SimGpu of a board without MIG. */
  readonly instances: readonly SimGpu[];
}

/** The orchestrator's boards, in the order their first SimGpu appears. */
export function physicalGpus(orchestrator: SimOrchestrator): PhysicalGpu[] {
  const boards: PhysicalGpu[] = [];
  const byParent = new Map<string, SimGpu[]>();
  for (const gpu of orchestrator.gpus) {
    const parent = gpu.mig?.parentUuid;
    const siblings = parent === undefined ? undefined : byParent.get(parent);
    if (siblings !== undefined) {
      siblings.push(gpu);
      continue;
    }
    const instances = [gpu];
    if (parent !== undefined) byParent.set(parent, instances);
    boards.push({
      index: boards.length,
      uuid: parent ?? gpu.uuid,
      model: gpu.model,
      busId: gpu.busId,
      serial: gpu.serial,
      migEnabled: parent !== undefined,
      instances,
    });
  }
  return boards;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const max = (xs: readonly number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);

/**
 * Whole-board figures of a MIG board from its instances' samples: memory and
 * the power/temperature above idle add up (weighted by each instance's share
 * of the SMs), clocks and P-state follow the busiest instance, and
 * utilization is `[N/A]` as real MIG boards print it.
 */
export function combineMigSamples(
  board: PhysicalGpu,
  samples: readonly GpuSample[],
  atMs: number,
): GpuSample {
  const m = board.model;
  const share = (i: number): number => board.instances[i]?.mig?.smShare ?? 0;
  const above = (pick: (s: GpuSample) => number, idle: number): number =>
    sum(samples.map((s, i) => share(i) * Math.max(0, pick(s) - idle)));
  const used = Math.min(
    m.memoryTotalMiB - m.memoryReservedMiB,
    sum(samples.map((s) => s.memoryUsedMiB)),
  );
  const power = Math.min(m.powerLimitW, m.powerIdleW + above((s) => s.powerDrawW, m.powerIdleW));
  const allIdle = samples.every((s) => (s.throttleBitmask & 0x1) !== 0);
  const fans = samples.map((s) => s.fanSpeedPercent);
  return {
    atMs,
    utilizationGpu: null,
    utilizationMemory: null,
    utilizationEncoder: null,
    utilizationDecoder: null,
    memoryTotalMiB: m.memoryTotalMiB,
    memoryReservedMiB: m.memoryReservedMiB,
    memoryUsedMiB: used,
    memoryFreeMiB: m.memoryTotalMiB - m.memoryReservedMiB - used,
    temperatureC: Math.round(m.temperatureIdleC + above((s) => s.temperatureC, m.temperatureIdleC)),
    powerDrawW: Math.round(power * 100) / 100,
    powerLimitW: m.powerLimitW,
    smClockMhz: max(samples.map((s) => s.smClockMhz)),
    smClockMaxMhz: m.smClockMaxMhz,
    memClockMhz: max(samples.map((s) => s.memClockMhz)),
    memClockMaxMhz: m.memClockMaxMhz,
    throttleBitmask: (allIdle ? 0x1 : 0) | (power > m.powerLimitW * 0.9 ? 0x4 : 0),
    pstate: samples.some((s) => s.pstate === 'P0') ? 'P0' : (samples[0]?.pstate ?? 'P8'),
    fanSpeedPercent: fans.some((f) => f === null)
      ? null
      : Math.round(sum(fans.map(Number)) / fans.length),
    eccUncorrected: samples[0]?.eccUncorrected ?? null,
  };
}

/** What nvidia-smi reports for the whole board at simulated time `atMs`. */
export function boardSampleAt(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  board: PhysicalGpu,
  atMs: number,
): GpuSample {
  const samples = board.instances.map((g) => gpuSampleAt(network, orchestrator, g, atMs));
  const first = samples[0];
  if (!board.migEnabled && first !== undefined) return first;
  return combineMigSamples(board, samples, Math.floor(atMs / 1000) * 1000);
}
