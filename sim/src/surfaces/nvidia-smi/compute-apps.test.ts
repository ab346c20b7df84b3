import { describe, expect, it } from 'vitest';
import { gpuSampleAt } from '../../model/gpu-state.js';
import { parseScenario } from '../../scenario/load.js';
import { resolveScenario } from '../../scenario/resolve.js';
import { computeAppsAt, pidFor, RUNNER_PROCESS_NAME } from './compute-apps.js';
import { physicalGpus } from './physical.js';

const SCENARIO = `
version: 1
name: apps-test
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: l40s
        workloads:
          - { pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 3000 }
          - { pipeline: upscale, model: stabilityai/stable-diffusion-x4-upscaler }
          - { pipeline: image-to-video, model: stabilityai/stable-video-diffusion-img2vid-xt-1-1, warm: false }
      - model: a100-80gb
        mig: ['3g.40gb', '2g.20gb']
        workloads: [{ pipeline: audio-to-text, model: openai/whisper-large-v3 }]
`;

const network = resolveScenario(parseScenario(SCENARIO), 5);
const host = network.orchestrators[0];
if (host === undefined) throw new Error('no orchestrator');
const boards = physicalGpus(host);
const AT = Date.UTC(2026, 10, 27, 15, 0, 0);

describe('computeAppsAt', () => {
  const apps = computeAppsAt(network, host, boards, AT);

  it('lists one python process per warm runner, none for a cold one', () => {
    expect(apps).toHaveLength(4);
    expect(apps.map((a) => [a.gpu.index, a.processName])).toEqual([
      [0, RUNNER_PROCESS_NAME],
      [0, RUNNER_PROCESS_NAME],
      [1, RUNNER_PROCESS_NAME],
      [1, RUNNER_PROCESS_NAME],
    ]);
    expect(RUNNER_PROCESS_NAME).toMatch(/\/python3\.11$/);
    expect(apps.every((a) => a.atMs === AT)).toBe(true);
  });

  it('gives stable, distinct pids derived from the container', () => {
    const l40s = host.gpus[0];
    if (l40s === undefined) throw new Error('no gpu');
    const names = l40s.workloads.map((w) => w.container.name);
    expect(names[0]).toBe('text-to-image_stabilityai-sdxl-turbo_8000');
    expect(apps[0]?.pid).toBe(pidFor('host-a', 'text-to-image_stabilityai-sdxl-turbo_8000'));
    expect(computeAppsAt(network, host, boards, AT + 60_000).map((a) => a.pid)).toEqual(
      apps.map((a) => a.pid),
    );
    expect(new Set(apps.map((a) => a.pid)).size).toBe(4);
    for (const a of apps) {
      expect(a.pid).toBeGreaterThanOrEqual(1000);
      expect(a.pid).toBeLessThan(4_194_304);
    }
    expect(pidFor('host-b', names[0] ?? '')).not.toBe(apps[0]?.pid);
  });

  it("shares the GPU's used memory by model size, leaving the driver's context", () => {
    const l40s = host.gpus[0];
    if (l40s === undefined) throw new Error('no gpu');
    const used = gpuSampleAt(network, host, l40s, AT).memoryUsedMiB;
    // sdxl-turbo holds 10240 MiB, the x4 upscaler 6144 MiB.
    expect(apps[0]?.usedMiB).toBe(Math.floor(((used - 4) * 10_240) / 16_384));
    expect(apps[1]?.usedMiB).toBe(Math.floor(((used - 4) * 6_144) / 16_384));
    expect((apps[0]?.usedMiB ?? 0) + (apps[1]?.usedMiB ?? 0)).toBeLessThanOrEqual(used - 4);
    expect(apps[0]?.usedMiB).toBeGreaterThanOrEqual(10_240);
  });

  it('reports processes on MIG instances under the parent board, as real drivers do', () => {
    const migApps = apps.filter((a) => a.gpu.migEnabled);
    expect(migApps).toHaveLength(2);
    for (const a of migApps) {
      expect(a.gpu.uuid).toBe(host.gpus[1]?.mig?.parentUuid);
      expect(a.gpu.uuid.startsWith('GPU-')).toBe(true);
      expect(a.gpu.model.name).toBe('NVIDIA A100-SXM4-80GB');
    }
  });
});
