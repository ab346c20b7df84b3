import { ATTR, METRIC, cueProxy, decodeThrottleReasons, type MetricName } from '@naap/otel';
import type {
  Attributes,
  BatchObservableCallback,
  BatchObservableResult,
  Meter,
  Observable,
  ObservableGauge,
} from '@opentelemetry/api';
import { observableCounter, observableGauge } from '../instruments.js';
import { executableName, type ComputeApp } from './compute-apps.js';
import type { GpuReading } from './fields.js';

/** The runner container a GPU process belongs to. */
export interface RunnerContainer {
  readonly name: string;
  readonly pipeline?: string;
  readonly modelId?: string;
}

/** Maps a host pid to its ai-runner container, where one is known. */
export type ContainerOfPid = (pid: number) => RunnerContainer | undefined;

/** What the instruments read at each collection: only fresh data. */
export interface GpuMetricsSource {
  gpus(): readonly GpuReading[];
  processes(): readonly ComputeApp[];
  /** GPUs whose CUE is measured (DCGM) right now: no proxy is exported for them. */
  cueMeasured?(uuid: string): boolean;
}

type NumericField =
  | 'utilization'
  | 'memoryBandwidthUtilization'
  | 'memoryUsedBytes'
  | 'memoryTotalBytes'
  | 'memoryFreeBytes'
  | 'temperatureC'
  | 'powerDrawW'
  | 'powerLimitW'
  | 'smClockMhz'
  | 'smClockMaxMhz'
  | 'memClockMhz'
  | 'throttleBitmask'
  | 'encoderUtilization'
  | 'decoderUtilization';

/** Gauges that carry one reading field as is (units already converted by the parser). */
const PLAIN_GAUGES: readonly (readonly [MetricName, NumericField])[] = [
  [METRIC.gpuUtilization, 'utilization'],
  [METRIC.gpuMemoryBandwidthUtilization, 'memoryBandwidthUtilization'],
  [METRIC.gpuMemoryUsage, 'memoryUsedBytes'],
  [METRIC.gpuMemoryLimit, 'memoryTotalBytes'],
  [METRIC.gpuMemoryFree, 'memoryFreeBytes'],
  [METRIC.gpuTemperature, 'temperatureC'],
  [METRIC.gpuPowerDraw, 'powerDrawW'],
  [METRIC.gpuPowerLimit, 'powerLimitW'],
  [METRIC.gpuClockSm, 'smClockMhz'],
  [METRIC.gpuClockSmMax, 'smClockMaxMhz'],
  [METRIC.gpuClockMemory, 'memClockMhz'],
  [METRIC.gpuThrottleReasons, 'throttleBitmask'],
  [METRIC.gpuEncoderUtilization, 'encoderUtilization'],
  [METRIC.gpuDecoderUtilization, 'decoderUtilization'],
];

/** `hw.id`, `hw.model`, `hw.vendor` of a board (rows are physical boards: no `hw.parent`). */
export function gpuAttributes(r: GpuReading): Attributes {
  return { [ATTR.hwId]: r.uuid, [ATTR.hwModel]: r.name, [ATTR.hwVendor]: 'nvidia' };
}

interface Instruments {
  readonly plain: readonly (readonly [ObservableGauge, NumericField])[];
  readonly throttleActive: ObservableGauge;
  readonly cue: ObservableGauge;
  readonly processMemory: ObservableGauge;
  readonly ecc: Observable;
}

function observeGpu(
  out: BatchObservableResult,
  ins: Instruments,
  r: GpuReading,
  cueMeasured: boolean,
): void {
  const attrs = gpuAttributes(r);
  for (const [gauge, field] of ins.plain) {
    const v = r[field];
    if (v !== undefined) out.observe(gauge, v, attrs);
  }
  if (r.throttleBitmask !== undefined) {
    for (const reason of decodeThrottleReasons(r.throttleBitmask)) {
      out.observe(ins.throttleActive, 1, { ...attrs, [ATTR.throttleReason]: reason });
    }
  }
  if (r.eccUncorrected !== undefined) out.observe(ins.ecc, r.eccUncorrected, attrs);
  const { utilization, smClockMhz, smClockMaxMhz } = r;
  if (cueMeasured) return;
  if (utilization === undefined || smClockMhz === undefined || smClockMaxMhz === undefined) return;
  const cue = cueProxy({ utilization, smClockMhz, smClockMaxMhz });
  // The proxy is an estimate: always labelled as such, never as measured.
  if (cue !== null) out.observe(ins.cue, cue.value, { ...attrs, [ATTR.cueSource]: cue.source });
}

function containerAttributes(pid: number, containerOfPid?: ContainerOfPid): Attributes {
  let c: RunnerContainer | undefined;
  try {
    c = containerOfPid?.(pid);
  } catch {
    c = undefined;
  }
  if (c === undefined) return {};
  return {
    [ATTR.runnerContainer]: c.name,
    ...(c.pipeline !== undefined ? { [ATTR.pipeline]: c.pipeline } : {}),
    ...(c.modelId !== undefined ? { [ATTR.modelId]: c.modelId } : {}),
  };
}

function observeProcess(
  out: BatchObservableResult,
  gauge: ObservableGauge,
  app: ComputeApp,
  gpu: GpuReading | undefined,
  containerOfPid?: ContainerOfPid,
): void {
  if (app.usedMemoryBytes === undefined) return;
  const gpuAttrs = gpu
    ? gpuAttributes(gpu)
    : { [ATTR.hwId]: app.gpuUuid, [ATTR.hwVendor]: 'nvidia' };
  out.observe(gauge, app.usedMemoryBytes, {
    ...gpuAttrs,
    [ATTR.processPid]: app.pid,
    [ATTR.processName]: executableName(app.processName),
    ...containerAttributes(app.pid, containerOfPid),
  });
}

/**
 * Creates the GPU instruments of the telemetry contract on `meter` and one
 * batch callback that reads `source` at each collection. Returns a function
 * that removes the callback.
 */
export function registerGpuInstruments(
  meter: Meter,
  source: GpuMetricsSource,
  containerOfPid?: ContainerOfPid,
): () => void {
  const ins: Instruments = {
    plain: PLAIN_GAUGES.map(([name, field]) => [observableGauge(meter, name), field] as const),
    throttleActive: observableGauge(meter, METRIC.gpuThrottleActive),
    cue: observableGauge(meter, METRIC.gpuCue),
    processMemory: observableGauge(meter, METRIC.gpuProcessMemoryUsage),
    ecc: observableCounter(meter, METRIC.gpuEccUncorrected),
  };
  const callback: BatchObservableCallback = (out) => {
    const gpus = source.gpus();
    for (const r of gpus) {
      try {
        observeGpu(out, ins, r, source.cueMeasured?.(r.uuid) ?? false);
      } catch {
        // A reading out of a formula's domain must not cost the other GPUs their points.
      }
    }
    const byUuid = new Map(gpus.map((g) => [g.uuid, g]));
    for (const app of source.processes()) {
      observeProcess(out, ins.processMemory, app, byUuid.get(app.gpuUuid), containerOfPid);
    }
  };
  const observables: Observable[] = [
    ...ins.plain.map(([g]) => g),
    ins.throttleActive,
    ins.cue,
    ins.processMemory,
    ins.ecc,
  ];
  meter.addBatchObservableCallback(callback, observables);
  return () => {
    meter.removeBatchObservableCallback(callback, observables);
  };
}
