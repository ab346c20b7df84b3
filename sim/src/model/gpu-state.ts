import { noise } from '../core/rng.js';
import type { SimGpu, SimNetwork, SimOrchestrator } from '../scenario/resolve.js';
import { backgroundJobs, HOUR_MS, MAX_STREAM_MS } from './jobs.js';

/**
 * What nvidia-smi would report for one GPU at one simulated second. A pure
 * function of the scenario, seed and time: the fake nvidia-smi prints it and
 * the ground truth averages it. `null` = the GPU reports `[N/A]`.
 */
export interface GpuSample {
  readonly atMs: number;
  /** Percent 0–100 as nvidia-smi prints it; null on MIG instances. */
  readonly utilizationGpu: number | null;
  readonly utilizationMemory: number | null;
  readonly utilizationEncoder: number | null;
  readonly utilizationDecoder: number | null;
  readonly memoryTotalMiB: number;
  readonly memoryReservedMiB: number;
  readonly memoryUsedMiB: number;
  readonly memoryFreeMiB: number;
  readonly temperatureC: number;
  readonly powerDrawW: number;
  readonly powerLimitW: number;
  readonly smClockMhz: number;
  readonly smClockMaxMhz: number;
  readonly memClockMhz: number;
  readonly memClockMaxMhz: number;
  /** NVML clocks-event reasons bitmask. */
  readonly throttleBitmask: number;
  readonly pstate: 'P0' | 'P2' | 'P8';
  readonly fanSpeedPercent: number | null;
  readonly eccUncorrected: number | null;
}

const busyCache = new Map<string, Float32Array>();
const BUSY_CACHE_LIMIT = 512;

/** Share of each second of the hour the GPU was busy (0–1), from its background jobs. */
export function busySeconds(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  gpu: SimGpu,
  hourStartMs: number,
): Float32Array {
  const key = `${network.seed}|${orchestrator.id}|${gpu.uuid}|${hourStartMs}`;
  const cached = busyCache.get(key);
  if (cached) return cached;
  const busy = new Float32Array(3600);
  const hourEnd = hourStartMs + HOUR_MS;
  for (const w of gpu.workloads) {
    const lookback = w.kind === 'live' ? MAX_STREAM_MS : HOUR_MS;
    for (let h = hourStartMs - lookback; h <= hourStartMs; h += HOUR_MS) {
      for (const job of backgroundJobs(network, orchestrator, gpu, w, h)) {
        const from = Math.max(job.startMs, hourStartMs);
        const to = Math.min(job.endMs, hourEnd);
        const weight = (w.kind === 'live' ? 0.85 : 1) / w.capacity;
        for (let t = from; t < to;) {
          const s = Math.floor((t - hourStartMs) / 1000);
          const next = Math.min(to, hourStartMs + (s + 1) * 1000);
          busy[s] = (busy[s] ?? 0) + ((next - t) / 1000) * weight;
          t = next;
        }
      }
    }
  }
  for (let i = 0; i < busy.length; i++) busy[i] = Math.min(1, busy[i] ?? 0);
  if (busyCache.size >= BUSY_CACHE_LIMIT) busyCache.clear();
  busyCache.set(key, busy);
  return busy;
}

/**
 * `utilization.gpu` in percent at one second, from how busy the GPU was: the
 * one formula both the fake nvidia-smi and the ground truth use.
 */
export function utilizationPercent(
  seed: number,
  gpuUuid: string,
  second: number,
  busy: number,
): number {
  return Math.min(100, Math.round(busy * 97 + noise(seed, gpuUuid, 'u', second) * 3));
}

/** The GPU's sample at simulated time `atMs` (resolution: one second). */
export function gpuSampleAt(
  network: SimNetwork,
  orchestrator: SimOrchestrator,
  gpu: SimGpu,
  atMs: number,
): GpuSample {
  const second = Math.floor(atMs / 1000);
  const hourStart = Math.floor(atMs / HOUR_MS) * HOUR_MS;
  const busy = busySeconds(network, orchestrator, gpu, hourStart)[second - hourStart / 1000] ?? 0;
  const n = (salt: string): number => noise(network.seed, gpu.uuid, salt, second);
  const m = gpu.model;
  const util = utilizationPercent(network.seed, gpu.uuid, second, busy);
  const load = util / 100;
  const memoryTotalMiB = gpu.mig?.memoryMiB ?? m.memoryTotalMiB;
  const reserved = gpu.mig ? 0 : m.memoryReservedMiB;
  const models = gpu.workloads.reduce((sum, w) => sum + (w.warm ? w.vramMiB : 0), 0);
  const used = Math.min(
    memoryTotalMiB - reserved,
    Math.round(models + 4 + load * 2048 + n('m') * 64),
  );
  const idle = util < 5;
  const powerLimitW = m.powerLimitW;
  const power = m.powerIdleW + load * (powerLimitW - m.powerIdleW) * 0.92 + n('p') * 4;
  const throttle = (idle ? 0x1 : 0) | (power > powerLimitW * 0.9 ? 0x4 : 0);
  const live = gpu.workloads.some((w) => w.kind === 'live');
  return {
    atMs: second * 1000,
    utilizationGpu: gpu.mig ? null : util,
    utilizationMemory: gpu.mig ? null : Math.round(util * 0.45 + n('b') * 2),
    utilizationEncoder: m.naFields.includes('utilization.encoder')
      ? null
      : live
        ? Math.round(load * 18)
        : 0,
    utilizationDecoder: m.naFields.includes('utilization.decoder')
      ? null
      : live
        ? Math.round(load * 12)
        : 0,
    memoryTotalMiB,
    memoryReservedMiB: reserved,
    memoryUsedMiB: used,
    memoryFreeMiB: memoryTotalMiB - reserved - used,
    temperatureC: Math.round(
      m.temperatureIdleC + load * (m.temperatureLoadC - m.temperatureIdleC) + n('t') * 2,
    ),
    powerDrawW: Math.round(Math.min(power, powerLimitW) * 100) / 100,
    powerLimitW,
    smClockMhz: idle ? m.smClockIdleMhz : Math.round(m.smClockMaxMhz * (0.93 + n('c') * 0.07)),
    smClockMaxMhz: m.smClockMaxMhz,
    // Data-centre parts keep P0 and full memory clock when idle; GeForce
    // parts drop to P8 idle and run compute at P2 (as the real captures show).
    memClockMhz: idle && m.consumer ? 405 : m.memClockMaxMhz,
    memClockMaxMhz: m.memClockMaxMhz,
    throttleBitmask: throttle,
    pstate: m.consumer ? (idle ? 'P8' : 'P2') : 'P0',
    fanSpeedPercent: m.naFields.includes('fan.speed') ? null : Math.round(30 + load * 45),
    eccUncorrected: m.eccSupported ? 0 : null,
  };
}
