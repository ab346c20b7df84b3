import { ATTR, EVENT, METRIC, PIPELINES } from '@naap/otel';

/**
 * Names of the analytics tables (SLA inputs, node liveness, scores) and the
 * contract names their views read. Shared by the DDL, the scorer and the
 * queries.
 */
export const ANALYTICS_TABLES = {
  /**
   * Additive SLA inputs per (hour, O, GPU, pipeline, model, region, source);
   * the second generation of these tables (input-layout.ts).
   */
  inputsHour: 'naap_sla_inputs_v2_1h',
  /** The same per day (cascaded from the hourly table), for long windows. */
  inputsDay: 'naap_sla_inputs_v2_1d',
  /** The same per 6 hours (UTC 0, 6, 12, 18; cascaded from the hourly table), for windows of hours. */
  inputsSixHours: 'naap_sla_inputs_v2_6h',
  /**
   * The SLA inputs of whole rolling windows (24 h, 7 d, 30 d ending at the
   * last hour boundary), merged once per window by the scorer: a leaderboard
   * over such a window reads one row per group instead of ~10–40.
   */
  inputsSpan: 'naap_sla_inputs_v2_span',
  /** Which spans are complete: (start, end) → the latest generation of their rows. */
  inputSpans: 'naap_sla_input_spans',
  /** A span's node totals per (O, host, source), and those of the day before it (look-back). */
  nodeSpan: 'naap_node_span',
  /** A span's GPU-hours per (O, GPU, model). */
  gpusSpan: 'naap_gpus_span',
  /** FPS moments per live stream and hour (jitter, stream minutes). */
  streamsHour: 'naap_sla_streams_1h',
  /** Heartbeats, probes and fees per (bucket, O, region, source, host). */
  nodeMinute: 'naap_node_1m',
  nodeHour: 'naap_node_1h',
  /** GPUs seen per hour, with their model (capacity rate, GPU-model demand). */
  gpusHour: 'naap_gpus_1h',
  /** The same per day, with each GPU's hours as a bitmask (cascaded), for long windows. */
  gpusDay: 'naap_gpus_v2_1d',
  /** Stored `naap-sla-v*` scores with their inputs, cohort and breakdown. */
  scores: 'naap_sla_scores',
  /** Cohort benchmarks used for each scored hour. */
  cohorts: 'naap_sla_cohorts',
  /** (hour, O) pairs whose inputs changed, with when: what the scorer re-scores. */
  touched: 'naap_sla_touched',
  /** The scorer's watermark. */
  scorerState: 'naap_sla_scorer_state',
  /** Announced maintenance windows, excluded from availability and coverage. */
  maintenance: 'naap_maintenance_windows',
} as const;

export const ANALYTICS_VIEWS = {
  inputsFromSums: 'naap_sla_inputs_1h_sum_mv',
  inputsFromHistograms: 'naap_sla_inputs_1h_histogram_mv',
  inputsFromTestloads: 'naap_sla_inputs_1h_testload_mv',
  inputsDaily: 'naap_sla_inputs_1d_mv',
  inputsSixHourly: 'naap_sla_inputs_6h_mv',
  streamsFromHistograms: 'naap_sla_streams_1h_histogram_mv',
  streamsFromSums: 'naap_sla_streams_1h_sum_mv',
  streamsFromTestloads: 'naap_sla_streams_1h_testload_mv',
  nodeMinuteFromGauges: 'naap_node_1m_gauge_mv',
  nodeMinuteFromSums: 'naap_node_1m_sum_mv',
  nodeHourFromGauges: 'naap_node_1h_gauge_mv',
  nodeHourFromSums: 'naap_node_1h_sum_mv',
  gpus: 'naap_gpus_1h_mv',
  gpusDaily: 'naap_gpus_1d_mv',
  touchedByInputs: 'naap_sla_touched_inputs_mv',
  touchedByNode: 'naap_sla_touched_node_mv',
} as const;

/** Event name of test-load job records in `otel_logs`. */
export const TESTLOAD_EVENT = EVENT.testloadJob;

/** Values of `naap.source` the analytics distinguish. */
export const SOURCE = { agent: 'agent', testload: 'testload' } as const;

/** Metrics the analytics read, by role. */
export const INPUT_METRICS = {
  jobs: METRIC.jobs,
  duration: METRIC.jobDuration,
  fps: METRIC.liveFps,
  fpsSquares: METRIC.liveFpsSquares,
  heartbeat: METRIC.agentHeartbeat,
  exportInterval: METRIC.agentExportInterval,
  probes: METRIC.probes,
  fees: METRIC.ticketValueReceived,
  gpuPresence: [METRIC.gpuMemoryLimit, METRIC.gpuUtilization],
} as const;

export const INPUT_ATTRIBUTES = {
  outcome: ATTR.outcome,
  errorClass: ATTR.errorClass,
  warm: ATTR.warm,
  swapped: ATTR.swapped,
  streamId: ATTR.streamId,
  hostName: ATTR.hostName,
  gpuModel: ATTR.hwModel,
  jobId: ATTR.jobId,
  latencyMs: ATTR.latencyMs,
  ptffMs: ATTR.ptffMs,
  fpsCount: ATTR.fpsCount,
  fpsMean: ATTR.fpsMean,
  fpsStddev: ATTR.fpsStddev,
  expectedRejection: ATTR.expectedRejection,
} as const;

/** Pipelines whose jobs are live streams (every job is a startup attempt). */
export const LIVE_PIPELINES: readonly string[] = PIPELINES.filter((p) => p.kind === 'live').map(
  (p) => p.id,
);

/** Error classes counted as missing capacity (metrics.md §3). */
export const CAPACITY_ERROR_CLASSES = ['capacity', 'no_orchestrator'] as const;

/** Key columns of the SLA input tables, in sort-key order after the bucket. */
export const INPUT_KEY = [
  'OrchestratorAddress',
  'Pipeline',
  'ModelId',
  'GpuId',
  'Region',
  'Source',
] as const;

export type InputKeyColumn = (typeof INPUT_KEY)[number];
