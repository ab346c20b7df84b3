import { ATTR, type AttributeName } from './attributes.js';
import type { Source } from './sources.js';
import type { Unit } from './units.js';

/**
 * Every instrument a producer (agent, test-load gateway, go-livepeer gateway,
 * chain reader) exports over OTLP. These names are a public contract: other
 * packages import them from here and never spell them out.
 */
export const METRIC = {
  // GPU (agent, nvidia-smi).
  gpuUtilization: 'hw.gpu.utilization',
  gpuMemoryBandwidthUtilization: 'naap.gpu.memory_bandwidth.utilization',
  gpuMemoryUsage: 'hw.gpu.memory.usage',
  gpuMemoryLimit: 'hw.gpu.memory.limit',
  gpuMemoryFree: 'naap.gpu.memory.free',
  gpuTemperature: 'naap.gpu.temperature',
  gpuPowerDraw: 'naap.gpu.power.draw',
  gpuPowerLimit: 'naap.gpu.power.limit',
  gpuClockSm: 'naap.gpu.clock.sm',
  gpuClockSmMax: 'naap.gpu.clock.sm.max',
  gpuClockMemory: 'naap.gpu.clock.memory',
  gpuThrottleReasons: 'naap.gpu.throttle.reasons',
  gpuThrottleActive: 'naap.gpu.throttle.active',
  gpuEncoderUtilization: 'naap.gpu.encoder.utilization',
  gpuDecoderUtilization: 'naap.gpu.decoder.utilization',
  gpuEccUncorrected: 'naap.gpu.ecc.errors.uncorrected',
  gpuProcessMemoryUsage: 'naap.gpu.process.memory.usage',
  gpuCue: 'naap.gpu.cue',
  // Host (agent, systeminformation).
  hostCpuUtilization: 'system.cpu.utilization',
  hostMemoryUsage: 'system.memory.usage',
  hostMemoryLimit: 'system.memory.limit',
  hostNetworkIo: 'system.network.io',
  // Agent liveness and self-observation.
  agentHeartbeat: 'naap.agent.heartbeat',
  agentExportInterval: 'naap.agent.export.interval',
  agentSamplerDuration: 'naap.agent.sampler.duration',
  agentSamplerErrors: 'naap.agent.sampler.errors',
  agentSamplerLastSuccess: 'naap.agent.sampler.last_success',
  agentDroppedPoints: 'naap.agent.export.dropped',
  // Jobs and streams (agent and test loads).
  jobs: 'livepeer.ai.jobs',
  jobDuration: 'livepeer.ai.job.duration',
  jobTtfb: 'livepeer.ai.job.ttfb',
  swaps: 'livepeer.ai.swaps',
  liveFps: 'livepeer.ai.live.fps',
  liveFpsSquares: 'livepeer.ai.live.fps.sum_squares',
  liveFirstFrame: 'livepeer.ai.live.first_frame.duration',
  liveLatency: 'livepeer.ai.live.latency',
  liveStreams: 'livepeer.ai.live.streams',
  llmTokensPerSecond: 'livepeer.ai.llm.tokens_per_second',
  probes: 'naap.probes',
  // Capacity and fees (agent, from go-livepeer /metrics).
  containersInUse: 'livepeer.ai.containers.in_use',
  containersIdle: 'livepeer.ai.containers.idle',
  gpusIdle: 'livepeer.ai.gpus.idle',
  ticketValueReceived: 'livepeer.ticket.value.received',
  // Chain.
  stake: 'livepeer.orchestrator.stake',
} as const;

export type MetricKey = keyof typeof METRIC;
export type MetricName = (typeof METRIC)[MetricKey];

export type InstrumentKind = 'gauge' | 'counter' | 'updowncounter' | 'histogram';

export interface MetricDef {
  readonly name: MetricName;
  readonly instrument: InstrumentKind;
  readonly unit: Unit;
  readonly description: string;
  /** Point attributes allowed on this metric (resource attributes are always allowed). */
  readonly attributes: readonly AttributeName[];
  readonly sources: readonly Source[];
  /** Where the value comes from and how it is converted, for people. */
  readonly origin: string;
}

const GPU = [ATTR.hwId, ATTR.hwModel, ATTR.hwVendor, ATTR.hwParent] as const;
const WORK = [ATTR.pipeline, ATTR.modelId] as const;
const TESTLOAD = [ATTR.synthetic, ATTR.datasetVersion] as const;

const m = (
  name: MetricName,
  instrument: InstrumentKind,
  unit: Unit,
  sources: readonly Source[],
  attributes: readonly AttributeName[],
  description: string,
  origin: string,
): MetricDef => ({ name, instrument, unit, sources, attributes, description, origin });

const smi = (field: string, conversion: string): string =>
  `nvidia-smi --query-gpu ${field}${conversion}; omitted when the GPU reports [N/A]/[Not Supported]`;

export const METRICS: readonly MetricDef[] = [
  m(
    METRIC.gpuUtilization,
    'gauge',
    '1',
    ['agent'],
    GPU,
    'share of time one or more kernels ran on the GPU',
    smi('utilization.gpu', ' (%) ÷ 100'),
  ),
  m(
    METRIC.gpuMemoryBandwidthUtilization,
    'gauge',
    '1',
    ['agent'],
    GPU,
    'share of time device memory was read or written (bandwidth, not capacity)',
    smi('utilization.memory', ' (%) ÷ 100'),
  ),
  m(
    METRIC.gpuMemoryUsage,
    'gauge',
    'By',
    ['agent'],
    GPU,
    'VRAM in use on the GPU',
    smi('memory.used', ' (MiB) × 1048576'),
  ),
  m(
    METRIC.gpuMemoryLimit,
    'gauge',
    'By',
    ['agent'],
    GPU,
    'total VRAM of the GPU',
    smi('memory.total', ' (MiB) × 1048576'),
  ),
  m(
    METRIC.gpuMemoryFree,
    'gauge',
    'By',
    ['agent'],
    GPU,
    'free VRAM on the GPU',
    smi('memory.free', ' (MiB) × 1048576'),
  ),
  m(
    METRIC.gpuTemperature,
    'gauge',
    'Cel',
    ['agent'],
    GPU,
    'GPU core temperature',
    smi('temperature.gpu', ' (°C)'),
  ),
  m(
    METRIC.gpuPowerDraw,
    'gauge',
    'W',
    ['agent'],
    GPU,
    'board power draw',
    smi('power.draw', ' (W)'),
  ),
  m(
    METRIC.gpuPowerLimit,
    'gauge',
    'W',
    ['agent'],
    GPU,
    'enforced power limit',
    smi('power.limit', ' (W)'),
  ),
  m(
    METRIC.gpuClockSm,
    'gauge',
    'MHz',
    ['agent'],
    GPU,
    'current SM clock',
    smi('clocks.sm', ' (MHz)'),
  ),
  m(
    METRIC.gpuClockSmMax,
    'gauge',
    'MHz',
    ['agent'],
    GPU,
    'maximum SM clock',
    smi('clocks.max.sm', ' (MHz)'),
  ),
  m(
    METRIC.gpuClockMemory,
    'gauge',
    'MHz',
    ['agent'],
    GPU,
    'current memory clock',
    smi('clocks.mem', ' (MHz)'),
  ),
  m(
    METRIC.gpuThrottleReasons,
    'gauge',
    '{bitmask}',
    ['agent'],
    GPU,
    'active clocks-event (throttle) reasons as the NVML bitmask',
    smi('clocks_event_reasons.active', ' (hex bitmask)'),
  ),
  m(
    METRIC.gpuThrottleActive,
    'gauge',
    '1',
    ['agent'],
    [...GPU, ATTR.throttleReason],
    '1 for each decoded active throttle reason',
    'decoded from naap.gpu.throttle.reasons',
  ),
  m(
    METRIC.gpuEncoderUtilization,
    'gauge',
    '1',
    ['agent'],
    GPU,
    'video encoder (NVENC) utilization',
    smi('utilization.encoder', ' (%) ÷ 100'),
  ),
  m(
    METRIC.gpuDecoderUtilization,
    'gauge',
    '1',
    ['agent'],
    GPU,
    'video decoder (NVDEC) utilization',
    smi('utilization.decoder', ' (%) ÷ 100'),
  ),
  m(
    METRIC.gpuEccUncorrected,
    'counter',
    '{error}',
    ['agent'],
    GPU,
    'uncorrected ECC errors since the driver loaded, where supported',
    smi('ecc.errors.uncorrected.volatile.total', ''),
  ),
  m(
    METRIC.gpuProcessMemoryUsage,
    'gauge',
    'By',
    ['agent'],
    [...GPU, ATTR.processPid, ATTR.processName, ATTR.runnerContainer, ...WORK],
    'VRAM used by one compute process, mapped to its runner container and pipeline where possible',
    'nvidia-smi --query-compute-apps used_gpu_memory (MiB) × 1048576',
  ),
  m(
    METRIC.gpuCue,
    'gauge',
    '1',
    ['agent'],
    [...GPU, ATTR.cueSource],
    'compute utilization efficiency: achieved / peak FLOPS; measured with DCGM, else the proxy utilization × SM clock / max SM clock (labelled proxy)',
    'cueMeasured() / cueProxy() of this package',
  ),
  m(
    METRIC.hostCpuUtilization,
    'gauge',
    '1',
    ['agent'],
    [],
    'host CPU utilization, all cores',
    'systeminformation currentLoad ÷ 100',
  ),
  m(
    METRIC.hostMemoryUsage,
    'gauge',
    'By',
    ['agent'],
    [],
    'host memory in use (excluding caches)',
    'systeminformation mem.active',
  ),
  m(
    METRIC.hostMemoryLimit,
    'gauge',
    'By',
    ['agent'],
    [],
    'host memory installed',
    'systeminformation mem.total',
  ),
  m(
    METRIC.hostNetworkIo,
    'counter',
    'By',
    ['agent'],
    [ATTR.networkDirection, ATTR.networkInterface],
    'bytes sent / received by a NIC; bandwidth is derived from it',
    'systeminformation networkStats tx_bytes / rx_bytes',
  ),
  m(
    METRIC.agentHeartbeat,
    'gauge',
    '1',
    ['agent'],
    [],
    'always 1, exported on every export; gaps mean the agent or its host was down',
    'the agent itself',
  ),
  m(
    METRIC.agentExportInterval,
    'gauge',
    's',
    ['agent'],
    [],
    'the agent’s export interval, so the collector knows how many heartbeats to expect',
    'agent configuration',
  ),
  m(
    METRIC.agentSamplerDuration,
    'histogram',
    's',
    ['agent'],
    [ATTR.sampler],
    'time one sampler run took',
    'the agent itself',
  ),
  m(
    METRIC.agentSamplerErrors,
    'counter',
    '{error}',
    ['agent'],
    [ATTR.sampler],
    'sampler runs that failed',
    'the agent itself',
  ),
  m(
    METRIC.agentSamplerLastSuccess,
    'gauge',
    's',
    ['agent'],
    [ATTR.sampler],
    'Unix time of the last successful sampler run',
    'the agent itself',
  ),
  m(
    METRIC.agentDroppedPoints,
    'counter',
    '{point}',
    ['agent'],
    [],
    'points dropped because the export buffer was full',
    'the agent itself',
  ),
  m(
    METRIC.jobs,
    'counter',
    '{job}',
    ['agent', 'testload', 'gateway'],
    [...WORK, ATTR.outcome, ATTR.errorClass, ATTR.warm, ATTR.swapped, ...TESTLOAD, ...GPU],
    'jobs (batch requests and live streams) by outcome and error class',
    'agent: go-livepeer livepeer_ai_models_requested / livepeer_ai_request_errors and the job log; test loads: each job',
  ),
  m(
    METRIC.jobDuration,
    'histogram',
    's',
    ['agent', 'testload'],
    [...WORK, ATTR.outcome, ATTR.warm, ...TESTLOAD, ...GPU],
    'agent: orchestrator-side inference time per job; test loads: client-side end-to-end time',
    'agent: go-livepeer log "Processed request … took=…"; test loads: client wall time',
  ),
  m(
    METRIC.jobTtfb,
    'histogram',
    's',
    ['testload'],
    [...WORK, ...TESTLOAD],
    'time to first byte of the response (LLM: first token)',
    'test-load client',
  ),
  m(
    METRIC.swaps,
    'counter',
    '{swap}',
    ['testload', 'gateway'],
    [...WORK, ...TESTLOAD],
    'jobs served by another orchestrator than the one pinned',
    'test loads compare the serving O with the pinned O; gateways report their swaps',
  ),
  m(
    METRIC.liveFps,
    'histogram',
    '{frame}/s',
    ['agent', 'testload'],
    [...WORK, ATTR.streamId, ...TESTLOAD, ...GPU],
    'output FPS samples of live streams (count and sum give the mean)',
    'agent: runner log "Output FPS:"; test loads: gateway stream status inference_status.fps',
  ),
  m(
    METRIC.liveFpsSquares,
    'counter',
    '{frame}2/s2',
    ['agent', 'testload'],
    [...WORK, ATTR.streamId, ...TESTLOAD, ...GPU],
    'sum of squared FPS samples, per stream: with count and sum it gives the exact σ for the jitter coefficient over any window',
    'same samples as livepeer.ai.live.fps',
  ),
  m(
    METRIC.liveFirstFrame,
    'histogram',
    's',
    ['testload'],
    [...WORK, ...TESTLOAD],
    'prompt-to-first-frame: stream start request → first processed frame received',
    'test-load client',
  ),
  m(
    METRIC.liveLatency,
    'histogram',
    's',
    ['testload'],
    [...WORK, ...TESTLOAD],
    'live end-to-end latency: ingest segment sent → processed segment received',
    'test-load client',
  ),
  m(
    METRIC.liveStreams,
    'gauge',
    '{stream}',
    ['agent'],
    WORK,
    'live pipelines currently running',
    'go-livepeer livepeer_ai_current_live_pipelines',
  ),
  m(
    METRIC.llmTokensPerSecond,
    'histogram',
    '{token}/s',
    ['testload'],
    [...WORK, ...TESTLOAD],
    'LLM tokens per second after the first token',
    'test-load client, streaming /llm',
  ),
  m(
    METRIC.probes,
    'counter',
    '{probe}',
    ['testload'],
    [ATTR.outcome, ...TESTLOAD],
    'availability probes of an orchestrator by outcome',
    'test-load gateway',
  ),
  m(
    METRIC.containersInUse,
    'gauge',
    '{container}',
    ['agent'],
    WORK,
    'runner containers busy with a job',
    'go-livepeer livepeer_ai_container_in_use',
  ),
  m(
    METRIC.containersIdle,
    'gauge',
    '{container}',
    ['agent'],
    WORK,
    'runner containers ready for a job',
    'go-livepeer livepeer_ai_container_idle',
  ),
  m(
    METRIC.gpusIdle,
    'gauge',
    '{gpu}',
    ['agent'],
    WORK,
    'GPUs with no configured container',
    'go-livepeer livepeer_ai_gpus_idle',
  ),
  m(
    METRIC.ticketValueReceived,
    'counter',
    '{gwei}',
    ['agent'],
    [],
    'expected value of tickets received (fees)',
    'go-livepeer livepeer_ticket_value_recv',
  ),
  m(
    METRIC.stake,
    'gauge',
    '{LPT}',
    ['chain'],
    [],
    'total stake bonded to the orchestrator',
    'network registry source (subgraph / explorer), pluggable',
  ),
];

const byName = new Map<string, MetricDef>(METRICS.map((x) => [x.name, x]));

export function metricDef(name: string): MetricDef | undefined {
  return byName.get(name);
}

export function isMetricName(name: string): name is MetricName {
  return byName.has(name);
}
