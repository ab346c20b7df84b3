import { readFile } from 'node:fs/promises';
import { METRIC } from '@naap/otel';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import type { ComputeApp } from './compute-apps.js';
import { registerGpuInstruments } from './export.js';
import type { GpuReading } from './fields.js';
import { parseGpuOutput } from './parse.js';
import { pointsOf, testMeter } from './test-support.js';
import { MIB } from './values.js';

const readings = parseGpuOutput(
  await readFile(new URL('./fixtures/multi-gpu.csv', import.meta.url), 'utf8'),
).readings;
const rtx = readings[0]!;
const mig = readings[1]!;
const rtxAttrs = {
  'hw.id': rtx.uuid,
  'hw.model': 'NVIDIA GeForce RTX 4090',
  'hw.vendor': 'nvidia',
};

const apps: ComputeApp[] = [
  { gpuUuid: rtx.uuid, pid: 4242, processName: '/usr/bin/python3.11', usedMemoryBytes: 512 * MIB },
  { gpuUuid: mig.uuid, pid: 77, processName: '/opt/whisper', usedMemoryBytes: 1024 * MIB },
  { gpuUuid: rtx.uuid, pid: 9, processName: 'C:\\Windows\\dwm.exe' },
];

async function collected(gpus: readonly GpuReading[], processes = apps) {
  const m = testMeter();
  const containerOfPid = (pid: number) =>
    pid === 4242
      ? { name: 'text-to-image_x_8000', pipeline: 'text-to-image', modelId: 'x/y' }
      : undefined;
  const unregister = registerGpuInstruments(
    m.provider.getMeter('t'),
    { gpus: () => gpus, processes: () => processes },
    containerOfPid,
  );
  return { metrics: await m.collect(), unregister, m };
}

const valueFor = (points: ReturnType<typeof pointsOf>, uuid: string) =>
  points.find((p) => p.attributes['hw.id'] === uuid)?.value;

describe('registerGpuInstruments', () => {
  it('exports every GPU gauge with contract names, units and GPU attributes', async () => {
    const { metrics } = await collected(readings);
    const expected: [string, string, number][] = [
      [METRIC.gpuUtilization, '1', 0.87],
      [METRIC.gpuMemoryBandwidthUtilization, '1', 0.41],
      [METRIC.gpuMemoryUsage, 'By', 20480 * MIB],
      [METRIC.gpuMemoryLimit, 'By', 24564 * MIB],
      [METRIC.gpuMemoryFree, 'By', 3843 * MIB],
      [METRIC.gpuTemperature, 'Cel', 71],
      [METRIC.gpuPowerDraw, 'W', 402.17],
      [METRIC.gpuPowerLimit, 'W', 450],
      [METRIC.gpuClockSm, 'MHz', 2520],
      [METRIC.gpuClockSmMax, 'MHz', 3120],
      [METRIC.gpuClockMemory, 'MHz', 10501],
      [METRIC.gpuThrottleReasons, '{bitmask}', 0],
      [METRIC.gpuEncoderUtilization, '1', 0],
      [METRIC.gpuDecoderUtilization, '1', 0],
    ];
    for (const [name, unit, value] of expected) {
      const metric = metrics.get(name);
      expect(metric?.descriptor.unit, name).toBe(unit);
      expect(metric?.dataPointType, name).toBe(DataPointType.GAUGE);
      const point = pointsOf(metric).find((p) => p.attributes['hw.id'] === rtx.uuid);
      expect(point, name).toEqual({ attributes: rtxAttrs, value });
    }
    expect(pointsOf(metrics.get(METRIC.gpuMemoryUsage))).toHaveLength(8);
  });

  it('omits what a GPU does not report: MIG utilization, ECC where [N/A]', async () => {
    const { metrics } = await collected(readings);
    const util = pointsOf(metrics.get(METRIC.gpuUtilization));
    expect(util).toHaveLength(7);
    expect(valueFor(util, mig.uuid)).toBeUndefined();
    expect(valueFor(pointsOf(metrics.get(METRIC.gpuMemoryUsage)), mig.uuid)).toBe(12384 * MIB);
    const ecc = metrics.get(METRIC.gpuEccUncorrected);
    expect(ecc?.dataPointType).toBe(DataPointType.SUM);
    expect(ecc?.descriptor.unit).toBe('{error}');
    const eccPoints = pointsOf(ecc);
    expect(valueFor(eccPoints, rtx.uuid)).toBeUndefined();
    expect(valueFor(eccPoints, readings[4]!.uuid)).toBe(2);
    expect(eccPoints).toHaveLength(6);
  });

  it('decodes throttle reasons into one point of 1 per active reason', async () => {
    const { metrics } = await collected(readings);
    const active = pointsOf(metrics.get(METRIC.gpuThrottleActive));
    const of = (uuid: string) =>
      active
        .filter((p) => p.attributes['hw.id'] === uuid)
        .map((p) => [p.attributes['naap.gpu.throttle.reason'], p.value]);
    expect(of(readings[7]!.uuid)).toEqual([
      ['sw_power_cap', 1],
      ['hw_thermal_slowdown', 1],
    ]);
    expect(of(mig.uuid)).toEqual([['gpu_idle', 1]]);
    expect(of(rtx.uuid)).toEqual([]);
    expect(valueFor(pointsOf(metrics.get(METRIC.gpuThrottleReasons)), readings[7]!.uuid)).toBe(
      0x44,
    );
  });

  it('exports the CUE proxy labelled proxy, never without utilization', async () => {
    const { metrics } = await collected(readings);
    const cue = pointsOf(metrics.get(METRIC.gpuCue));
    expect(metrics.get(METRIC.gpuCue)?.descriptor.unit).toBe('1');
    const point = cue.find((p) => p.attributes['hw.id'] === rtx.uuid);
    expect(point?.attributes['naap.cue.source']).toBe('proxy');
    expect(point?.value).toBeCloseTo((0.87 * 2520) / 3120, 12);
    expect(cue.every((p) => p.attributes['naap.cue.source'] === 'proxy')).toBe(true);
    expect(valueFor(cue, mig.uuid)).toBeUndefined();
    expect(cue).toHaveLength(7);
  });

  it('leaves the proxy out for a GPU whose CUE is measured (DCGM), keeps it for the others', async () => {
    const m = testMeter();
    registerGpuInstruments(m.provider.getMeter('t'), {
      gpus: () => readings,
      processes: () => [],
      cueMeasured: (uuid) => uuid === rtx.uuid,
    });
    const cue = pointsOf((await m.collect()).get(METRIC.gpuCue));
    expect(valueFor(cue, rtx.uuid)).toBeUndefined();
    expect(cue).toHaveLength(6);
    // The GPU's other gauges are unaffected.
    expect(valueFor(pointsOf((await m.collect()).get(METRIC.gpuUtilization)), rtx.uuid)).toBe(0.87);
  });

  it('exports per-process VRAM with pid, executable and runner container', async () => {
    const { metrics } = await collected(readings);
    const metric = metrics.get(METRIC.gpuProcessMemoryUsage);
    expect(metric?.descriptor.unit).toBe('By');
    const points = pointsOf(metric);
    expect(points).toHaveLength(2);
    expect(points).toContainEqual({
      attributes: {
        ...rtxAttrs,
        'process.pid': 4242,
        'process.executable.name': 'python3.11',
        'naap.runner.container': 'text-to-image_x_8000',
        'livepeer.pipeline': 'text-to-image',
        'livepeer.model_id': 'x/y',
      },
      value: 512 * MIB,
    });
    expect(points).toContainEqual({
      attributes: {
        'hw.id': mig.uuid,
        'hw.model': 'NVIDIA H100 80GB HBM3',
        'hw.vendor': 'nvidia',
        'process.pid': 77,
        'process.executable.name': 'whisper',
      },
      value: 1024 * MIB,
    });
  });

  it('exports nothing without fresh readings, and stops after unregistering', async () => {
    const empty = await collected([], []);
    expect(pointsOf(empty.metrics.get(METRIC.gpuUtilization))).toEqual([]);
    const { unregister, m } = await collected(readings);
    unregister();
    const after = await m.collect();
    expect(pointsOf(after.get(METRIC.gpuUtilization))).toEqual([]);
  });

  it('drops a GPU whose reading went stale from the next collection', async () => {
    const m = testMeter();
    let gpus: readonly GpuReading[] = readings;
    registerGpuInstruments(m.provider.getMeter('t'), { gpus: () => gpus, processes: () => [] });
    expect(pointsOf((await m.collect()).get(METRIC.gpuMemoryUsage))).toHaveLength(8);
    gpus = readings.slice(0, 2);
    const second = pointsOf((await m.collect()).get(METRIC.gpuMemoryUsage));
    expect(second.map((p) => p.attributes['hw.id'])).toEqual([rtx.uuid, mig.uuid]);
  });
});
