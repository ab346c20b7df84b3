import {
  ATTR,
  JOB_DURATION_BOUNDARIES_S,
  LIVE_FPS_BOUNDARIES,
  METRIC,
  metricDef,
  type MetricName,
} from '@naap/otel';
import { gpuSampleAt, type GpuSample } from '../model/gpu-state.js';
import { backgroundJobs, HOUR_MS, type JobRecord } from '../model/jobs.js';
import { inOutage, type SimNetwork, type SimOrchestrator } from '../scenario/resolve.js';
import { ticketsOf, TICKET_EV_WEI } from '../surfaces/orchestrator/fees.js';
import type { Attrs, HistogramPoint, MetricSpec, NumberPoint } from './otlp-json.js';

/**
 * What an orchestrator's agent would have exported for one window of the
 * past, from the same model the live surfaces print: GPU gauges every
 * `gaugeStepMs`, heartbeats, and per-window deltas of jobs, job durations,
 * live FPS and fees. Same names, units, attributes and temporality as the
 * agent (delta sums and histograms).
 */

const unitOf = (name: MetricName): string => metricDef(name)?.unit ?? '1';
const MIB = 1024 * 1024;

type GaugeField = (s: GpuSample) => number | null;
const GPU_GAUGES: readonly (readonly [MetricName, GaugeField])[] = [
  [METRIC.gpuUtilization, (s) => (s.utilizationGpu === null ? null : s.utilizationGpu / 100)],
  [
    METRIC.gpuMemoryBandwidthUtilization,
    (s) => (s.utilizationMemory === null ? null : s.utilizationMemory / 100),
  ],
  [METRIC.gpuMemoryUsage, (s) => s.memoryUsedMiB * MIB],
  [METRIC.gpuMemoryLimit, (s) => s.memoryTotalMiB * MIB],
  [METRIC.gpuMemoryFree, (s) => s.memoryFreeMiB * MIB],
  [METRIC.gpuTemperature, (s) => s.temperatureC],
  [METRIC.gpuPowerDraw, (s) => s.powerDrawW],
  [METRIC.gpuPowerLimit, (s) => s.powerLimitW],
  [METRIC.gpuClockSm, (s) => s.smClockMhz],
  [METRIC.gpuClockSmMax, (s) => s.smClockMaxMhz],
  [METRIC.gpuClockMemory, (s) => s.memClockMhz],
];

/**
 * When a window's deltas are reported: its last millisecond. Collectors file
 * a delta point under the minute and hour of its timestamp, so a point
 * stamped at the window's end (the next window's first instant) would move
 * the window's jobs into the next minute, and the last minute's into the
 * next hour; stamped 1 ms earlier, the point lands in the buckets of the
 * window it covers, as an agent that collected an instant before the minute
 * would have reported it.
 */
export const reportedAt = (w: { readonly toMs: number }): number => w.toMs - 1;

export interface WindowOptions {
  readonly fromMs: number;
  readonly toMs: number;
  /** Spacing of gauge samples and heartbeats (the agent's export interval). */
  readonly gaugeStepMs: number;
  /**
   * Length of each delta (jobs, durations, FPS, fees), as an agent exports
   * them every interval; default: one delta for the whole window.
   */
  readonly deltaStepMs?: number;
}

function gpuGauges(network: SimNetwork, o: SimOrchestrator, w: WindowOptions): MetricSpec[] {
  const points = new Map<MetricName, NumberPoint[]>(GPU_GAUGES.map(([n]) => [n, []]));
  for (let t = w.fromMs; t < w.toMs; t += w.gaugeStepMs) {
    if (inOutage(o, t)) continue;
    for (const gpu of o.gpus) {
      const sample = gpuSampleAt(network, o, gpu, t);
      const attrs: Attrs = {
        [ATTR.hwId]: gpu.uuid,
        [ATTR.hwModel]: gpu.model.name,
        [ATTR.hwVendor]: 'nvidia',
      };
      for (const [name, field] of GPU_GAUGES) {
        const value = field(sample);
        if (value !== null) points.get(name)?.push({ attrs, atMs: sample.atMs, value });
      }
    }
  }
  return GPU_GAUGES.map(([name]) => ({
    kind: 'gauge',
    name,
    unit: unitOf(name),
    points: points.get(name) ?? [],
  }));
}

function heartbeats(o: SimOrchestrator, w: WindowOptions): MetricSpec[] {
  const beat: NumberPoint[] = [];
  const interval: NumberPoint[] = [];
  for (let t = w.fromMs; t < w.toMs; t += w.gaugeStepMs) {
    if (inOutage(o, t)) continue;
    beat.push({ attrs: {}, atMs: t, value: 1 });
    interval.push({ attrs: {}, atMs: t, value: w.gaugeStepMs / 1000 });
  }
  return [
    {
      kind: 'gauge',
      name: METRIC.agentHeartbeat,
      unit: unitOf(METRIC.agentHeartbeat),
      points: beat,
    },
    {
      kind: 'gauge',
      name: METRIC.agentExportInterval,
      unit: unitOf(METRIC.agentExportInterval),
      points: interval,
    },
  ];
}

/** Jobs of the orchestrator that completed in the window (a job counts when it ends). */
export function jobsEndingIn(
  network: SimNetwork,
  o: SimOrchestrator,
  fromMs: number,
  toMs: number,
): JobRecord[] {
  const out: JobRecord[] = [];
  // Live streams last up to hours: look back far enough for their starts.
  const firstHour = Math.floor((fromMs - 6 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  for (let h = firstHour; h < toMs; h += HOUR_MS) {
    for (const gpu of o.gpus) {
      for (const wl of gpu.workloads) {
        for (const job of backgroundJobs(network, o, gpu, wl, h)) {
          if (job.endMs >= fromMs && job.endMs < toMs) out.push(job);
        }
      }
    }
  }
  return out;
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

function jobAttrs(j: JobRecord, withError: boolean): Attrs {
  return {
    [ATTR.pipeline]: j.pipeline,
    [ATTR.modelId]: j.modelId,
    [ATTR.outcome]: j.outcome,
    ...(withError && j.errorClass !== null ? { [ATTR.errorClass]: j.errorClass } : {}),
  };
}

function jobMetrics(
  o: SimOrchestrator,
  jobs: readonly JobRecord[],
  w: WindowOptions,
): MetricSpec[] {
  const counts: NumberPoint[] = [];
  for (const list of group(jobs, (j) => JSON.stringify(jobAttrs(j, true))).values()) {
    const first = list[0];
    if (first !== undefined)
      counts.push({
        attrs: jobAttrs(first, true),
        startMs: w.fromMs,
        atMs: reportedAt(w),
        value: list.length,
      });
  }
  const durations: HistogramPoint[] = [];
  const batch = jobs.filter((j) => j.live === null);
  for (const list of group(batch, (j) => JSON.stringify(jobAttrs(j, false))).values()) {
    const first = list[0];
    if (first === undefined) continue;
    const values = list.map((j) => j.durationMs / 1000);
    durations.push({
      attrs: jobAttrs(first, false),
      startMs: w.fromMs,
      atMs: reportedAt(w),
      values,
    });
  }
  const gwei = jobs.reduce((s, j) => s + (ticketsOf(o, j) * TICKET_EV_WEI) / 1e9, 0);
  return [
    { kind: 'sum', name: METRIC.jobs, unit: unitOf(METRIC.jobs), points: counts },
    {
      kind: 'histogram',
      name: METRIC.jobDuration,
      unit: unitOf(METRIC.jobDuration),
      boundaries: JOB_DURATION_BOUNDARIES_S,
      points: durations,
    },
    {
      kind: 'sum',
      name: METRIC.ticketValueReceived,
      unit: unitOf(METRIC.ticketValueReceived),
      points: gwei > 0 ? [{ attrs: {}, startMs: w.fromMs, atMs: reportedAt(w), value: gwei }] : [],
    },
  ];
}

/** Live streams that may have FPS samples in the window (they may end hours later). */
function streamsIn(network: SimNetwork, o: SimOrchestrator, w: WindowOptions): JobRecord[] {
  return jobsEndingIn(network, o, w.fromMs, w.toMs + 6 * HOUR_MS).filter(
    (j) => j.live !== null && j.startMs < w.toMs,
  );
}

/** FPS samples taken in the window, per stream (streams may have ended later). */
function fpsMetrics(streams: readonly JobRecord[], w: WindowOptions): MetricSpec[] {
  const hist: HistogramPoint[] = [];
  const squares: NumberPoint[] = [];
  for (const j of streams) {
    const values = (j.live?.fpsSamples ?? [])
      .filter((s) => s.atMs >= w.fromMs && s.atMs < w.toMs)
      .map((s) => s.fps);
    if (values.length === 0) continue;
    const attrs: Attrs = {
      [ATTR.pipeline]: j.pipeline,
      [ATTR.modelId]: j.modelId,
      [ATTR.streamId]: j.id,
    };
    hist.push({ attrs, startMs: w.fromMs, atMs: reportedAt(w), values });
    squares.push({
      attrs,
      startMs: w.fromMs,
      atMs: reportedAt(w),
      value: values.reduce((s, v) => s + v * v, 0),
    });
  }
  return [
    {
      kind: 'histogram',
      name: METRIC.liveFps,
      unit: unitOf(METRIC.liveFps),
      boundaries: LIVE_FPS_BOUNDARIES,
      points: hist,
    },
    {
      kind: 'sum',
      name: METRIC.liveFpsSquares,
      unit: unitOf(METRIC.liveFpsSquares),
      points: squares,
    },
  ];
}

/** Every metric the orchestrator's agent would have exported for the window. */
export function agentWindow(
  network: SimNetwork,
  o: SimOrchestrator,
  w: WindowOptions,
): MetricSpec[] {
  const jobs = jobsEndingIn(network, o, w.fromMs, w.toMs);
  const streams = streamsIn(network, o, w);
  const step = Math.min(w.deltaStepMs ?? w.toMs - w.fromMs, w.toMs - w.fromMs);
  const deltas: MetricSpec[][] = [];
  for (let from = w.fromMs; from < w.toMs; from += step) {
    const sub = { ...w, fromMs: from, toMs: Math.min(from + step, w.toMs) };
    const ending = jobs.filter((j) => j.endMs >= sub.fromMs && j.endMs < sub.toMs);
    deltas.push([...jobMetrics(o, ending, sub), ...fpsMetrics(streams, sub)]);
  }
  return [...heartbeats(o, w), ...gpuGauges(network, o, w), ...mergeByName(deltas)];
}

/** One metric per name, with the points of every sub-window. */
function mergeByName(parts: readonly (readonly MetricSpec[])[]): MetricSpec[] {
  const out = new Map<string, MetricSpec>();
  for (const metrics of parts) {
    for (const m of metrics) {
      const seen = out.get(m.name);
      out.set(m.name, seen === undefined ? m : concat(seen, m));
    }
  }
  return [...out.values()];
}

function concat(a: MetricSpec, b: MetricSpec): MetricSpec {
  if (a.kind === 'histogram' && b.kind === 'histogram')
    return { ...a, points: [...a.points, ...b.points] };
  if (a.kind === 'sum' && b.kind === 'sum') return { ...a, points: [...a.points, ...b.points] };
  if (a.kind === 'gauge' && b.kind === 'gauge') return { ...a, points: [...a.points, ...b.points] };
  throw new Error(`metric ${a.name} built with two kinds`);
}
