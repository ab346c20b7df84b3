import { describe, expect, it } from 'vitest';
import { gpuSampleAt, type GpuSample } from '../../model/gpu-state.js';
import { parseScenario } from '../../scenario/load.js';
import { resolveScenario } from '../../scenario/resolve.js';
import { boardSampleAt, combineMigSamples, physicalGpus } from './physical.js';

const SCENARIO = `
version: 1
name: physical-test
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: h100-80gb
        count: 2
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 4000 }]
      - model: h100-80gb
        mig: ['3g.40gb', '2g.20gb', '1g.10gb']
        workloads: [{ pipeline: audio-to-text, model: openai/whisper-large-v3, demandPerHour: 4000 }]
      - model: rtx-4090
        workloads: [{ pipeline: upscale, model: stabilityai/stable-diffusion-x4-upscaler }]
`;

const network = resolveScenario(parseScenario(SCENARIO), 11);
const host = network.orchestrators[0];
if (host === undefined) throw new Error('no orchestrator');
const AT = Date.UTC(2026, 10, 27, 15, 0, 0);

describe('physicalGpus', () => {
  const boards = physicalGpus(host);

  it('groups MIG instances under their board and numbers boards only', () => {
    expect(host.gpus).toHaveLength(6);
    expect(boards.map((b) => [b.index, b.model.key, b.migEnabled, b.instances.length])).toEqual([
      [0, 'h100-80gb', false, 1],
      [1, 'h100-80gb', false, 1],
      [2, 'h100-80gb', true, 3],
      [3, 'rtx-4090', false, 1],
    ]);
    const mig = boards[2];
    expect(mig?.uuid).toBe(host.gpus[2]?.mig?.parentUuid);
    expect(mig?.uuid).toMatch(/^GPU-[0-9a-f]{8}-/);
    expect(mig?.instances.map((g) => g.mig?.profile)).toEqual(['3g.40gb', '2g.20gb', '1g.10gb']);
    expect(new Set(boards.map((b) => b.busId)).size).toBe(4);
    expect(boards[0]?.uuid).toBe(host.gpus[0]?.uuid);
  });

  it('reports a board without MIG exactly as its GPU sample', () => {
    const b = boards[0];
    const gpu = host.gpus[0];
    if (b === undefined || gpu === undefined) throw new Error('no board');
    expect(boardSampleAt(network, host, b, AT)).toEqual(gpuSampleAt(network, host, gpu, AT));
  });

  it('reports a MIG board as a whole: physical memory, summed use, [N/A] utilization', () => {
    const b = boards[2];
    if (b === undefined) throw new Error('no board');
    const parts = b.instances.map((g) => gpuSampleAt(network, host, g, AT));
    const s = boardSampleAt(network, host, b, AT);
    expect(s.memoryTotalMiB).toBe(81559);
    expect(s.memoryReservedMiB).toBe(479);
    expect(s.memoryUsedMiB).toBe(parts.reduce((sum, p) => sum + p.memoryUsedMiB, 0));
    expect(s.memoryFreeMiB).toBe(81559 - 479 - s.memoryUsedMiB);
    expect([s.utilizationGpu, s.utilizationMemory, s.utilizationEncoder]).toEqual([
      null,
      null,
      null,
    ]);
    expect(s.powerDrawW).toBeGreaterThanOrEqual(70);
    expect(s.powerDrawW).toBeLessThanOrEqual(700);
    expect(s.smClockMhz).toBe(Math.max(...parts.map((p) => p.smClockMhz)));
    expect(s.atMs).toBe(AT);
  });
});

describe('combineMigSamples', () => {
  it('adds power and heat above idle by SM share and follows the busiest instance', () => {
    const board = physicalGpus(host)[2];
    const first = board?.instances[0];
    if (board === undefined || first === undefined) throw new Error('no board');
    const base = gpuSampleAt(network, host, first, AT);
    const busy: GpuSample = {
      ...base,
      memoryUsedMiB: 5000,
      powerDrawW: 630,
      temperatureC: 62,
      smClockMhz: 1950,
      memClockMhz: 2619,
      throttleBitmask: 0,
      pstate: 'P0',
    };
    const idle: GpuSample = {
      ...busy,
      memoryUsedMiB: 12,
      powerDrawW: 70,
      temperatureC: 30,
      smClockMhz: 345,
      memClockMhz: 405,
      throttleBitmask: 1,
      pstate: 'P8',
    };
    const s = combineMigSamples(board, [busy, idle, idle], AT);
    // 3g.40gb has 3/7 of the SMs: 70 W + 3/7 × (630 − 70) W, 30 °C + 3/7 × 32 °C.
    expect(s.powerDrawW).toBe(310);
    expect(s.temperatureC).toBe(44);
    expect(s.memoryUsedMiB).toBe(5024);
    expect(s.smClockMhz).toBe(1950);
    expect(s.memClockMhz).toBe(2619);
    expect(s.pstate).toBe('P0');
    expect(s.throttleBitmask).toBe(0);
    const quiet = combineMigSamples(board, [idle, idle, idle], AT);
    expect(quiet.pstate).toBe('P8');
    expect(quiet.throttleBitmask).toBe(1);
    expect(quiet.powerDrawW).toBe(70);
    expect(quiet.fanSpeedPercent).toBeNull();
  });
});
