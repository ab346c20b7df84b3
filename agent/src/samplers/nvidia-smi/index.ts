// The nvidia-smi sampler: GPU telemetry from one streaming nvidia-smi.

export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export { runLineStream } from './child.js';
export type { StreamRunOptions, StreamRunOutcome } from './child.js';
export {
  COMPUTE_APP_FIELDS,
  computeAppsArgs,
  executableName,
  parseComputeAppLine,
  parseComputeApps,
  queryComputeApps,
} from './compute-apps.js';
export type { ComputeApp, ComputeAppsResult } from './compute-apps.js';
export { gpuAttributes, registerGpuInstruments } from './export.js';
export type { ContainerOfPid, GpuMetricsSource, RunnerContainer } from './export.js';
export {
  FIELD_SPECS,
  LEGACY_QUERY_FIELDS,
  LEGACY_THROTTLE_FIELD,
  QUERY_FIELDS,
  reviseFields,
  specOf,
  THROTTLE_FIELD,
} from './fields.js';
export type { FieldKind, FieldSpec, GpuReading, ReadingKey } from './fields.js';
export { LineSplitter, MAX_LINE_CHARS, splitLines } from './lines.js';
export type { LineSink } from './lines.js';
export { GpuLineParser, parseGpuOutput, SEPARATOR } from './parse.js';
export type { GpuOutput, LineResult, RejectReason } from './parse.js';
export { NvidiaSmiSampler, STALE_INTERVALS } from './sampler.js';
export type { NvidiaSmiSamplerOptions, NvidiaSmiSnapshot } from './sampler.js';
export { LatestValue, MAX_GPUS, ReadingStore } from './store.js';
export { SmiSupervisor, streamArgs } from './supervisor.js';
export type { SupervisorOptions, SupervisorState } from './supervisor.js';
export { isSentinel, MIB, readValue, stripUnit } from './values.js';
export type { ValueResult } from './values.js';
