import { METRIC, type MetricName } from './metrics.js';
import type { Source } from './sources.js';
import type { Unit } from './units.js';

/**
 * Figures the collector derives from the instruments (metrics.md §2–4). Each
 * names the instruments it is computed from and the pure function of this
 * package that defines it; the API serves them under these names.
 */
export const DERIVED = {
  failureRate: 'naap.jobs.failure_rate',
  excusedRate: 'naap.jobs.excused_rate',
  swapRate: 'naap.jobs.swap_rate',
  startupSuccessRate: 'naap.jobs.startup_success_rate',
  latency: 'naap.jobs.latency',
  e2eLatency: 'naap.jobs.e2e_latency',
  ptff: 'naap.live.ptff',
  startupTime: 'naap.jobs.startup_time',
  fps: 'naap.live.fps',
  jitter: 'naap.live.jitter',
  timeAvailability: 'naap.availability.time',
  probeAvailability: 'naap.availability.probe',
  bandwidth: 'naap.host.network.bandwidth',
  demandJobs: 'naap.demand.jobs',
  inferenceMinutes: 'naap.demand.inference_minutes',
  capacityRate: 'naap.demand.capacity_rate',
  missingCapacity: 'naap.demand.missing_capacity',
  fees: 'naap.demand.fees',
  slaScore: 'naap.sla.score',
  slaReliability: 'naap.sla.reliability',
  slaQuality: 'naap.sla.quality',
  slaCoverage: 'naap.sla.coverage',
} as const;

export type DerivedName = (typeof DERIVED)[keyof typeof DERIVED];

export interface Target {
  readonly op: '<' | '<=' | '>=' | '>';
  readonly value: number;
}

export interface DerivedDef {
  readonly name: DerivedName;
  readonly unit: Unit;
  readonly description: string;
  readonly sources: readonly Source[];
  readonly inputs: readonly MetricName[];
  /** Definition, and the function of this package implementing it. */
  readonly formula: string;
  readonly statistics?: readonly string[];
  /** Target from metrics.md, for status colouring. */
  readonly target?: Target;
}

const d = (
  name: DerivedName,
  unit: Unit,
  sources: readonly Source[],
  inputs: readonly MetricName[],
  description: string,
  formula: string,
  extra: Pick<DerivedDef, 'statistics' | 'target'> = {},
): DerivedDef => ({ name, unit, sources, inputs, description, formula, ...extra });

const AT = ['agent', 'testload'] as const;

export const DERIVED_METRICS: readonly DerivedDef[] = [
  d(
    DERIVED.failureRate,
    '1',
    AT,
    [METRIC.jobs],
    'failed jobs / jobs, excused failures left out; agent and test loads kept apart',
    'failure / (success + failure) — failureRate()',
    { target: { op: '<', value: 0.01 } },
  ),
  d(
    DERIVED.excusedRate,
    '1',
    AT,
    [METRIC.jobs],
    'excused failures (no orchestrator, client disconnect, bad request) / all jobs',
    'excused / (success + failure + excused) — excusedRate()',
  ),
  d(
    DERIVED.swapRate,
    '1',
    ['testload', 'gateway'],
    [METRIC.swaps, METRIC.jobs],
    'jobs served by another O than pinned / jobs observed',
    'swapped / observed — swapRate()',
    { target: { op: '<', value: 0.05 } },
  ),
  d(
    DERIVED.startupSuccessRate,
    '1',
    AT,
    [METRIC.jobs],
    'successful cold starts (batch: cold-model jobs; live: stream starts) / attempts',
    'successes / attempts — startupSuccessRate()',
  ),
  d(
    DERIVED.latency,
    'ms',
    AT,
    [METRIC.jobDuration],
    'per-job inference latency (agent: orchestrator-side; test loads: client wall time)',
    'quantiles of livepeer.ai.job.duration × 1000',
    { statistics: ['p50', 'p95', 'p99'] },
  ),
  d(
    DERIVED.e2eLatency,
    'ms',
    ['testload'],
    [METRIC.jobDuration, METRIC.liveLatency],
    'end-to-end latency a client experienced: batch request → full response read; live: segment sent → processed segment received',
    'quantiles of test-load livepeer.ai.job.duration / livepeer.ai.live.latency × 1000',
    { statistics: ['p50', 'p90', 'p95'] },
  ),
  d(
    DERIVED.ptff,
    'ms',
    ['testload'],
    [METRIC.liveFirstFrame],
    'prompt-to-first-frame of live streams',
    'quantiles of livepeer.ai.live.first_frame.duration × 1000',
    { statistics: ['p50', 'p90', 'p95'] },
  ),
  d(
    DERIVED.startupTime,
    'ms',
    AT,
    [METRIC.liveFirstFrame, METRIC.jobDuration],
    'live: stream start → first output; batch: duration of the first job on a cold model (naap.job.warm = false)',
    'quantiles × 1000',
    { statistics: ['p50', 'p95'] },
  ),
  d(
    DERIVED.fps,
    '{frame}/s',
    AT,
    [METRIC.liveFps],
    'output FPS of live streams',
    'mean = Σx / n — fpsMean(); p5/p50 from the histogram',
    { statistics: ['mean', 'p5', 'p50'] },
  ),
  d(
    DERIVED.jitter,
    '1',
    AT,
    [METRIC.liveFps, METRIC.liveFpsSquares],
    'jitter coefficient σ(fps)/μ(fps) per stream (population σ), sample-weighted mean over streams',
    'jitterFromMoments(), weightedJitter()',
    { target: { op: '<=', value: 0.1 } },
  ),
  d(
    DERIVED.timeAvailability,
    '1',
    ['agent'],
    [METRIC.agentHeartbeat, METRIC.agentExportInterval],
    'seconds with a live agent heartbeat / seconds in the window, maintenance excluded',
    'timeAvailability()',
  ),
  d(
    DERIVED.probeAvailability,
    '1',
    ['testload'],
    [METRIC.probes],
    'successful test-load probes / probes, maintenance excluded',
    'probeAvailability()',
  ),
  d(
    DERIVED.bandwidth,
    'Mbit/s',
    ['agent'],
    [METRIC.hostNetworkIo],
    'network bandwidth up / down from NIC byte counters',
    'Δbytes·8 / (Δs·1e6) — bandwidthMbps()',
  ),
  d(
    DERIVED.demandJobs,
    '{job}',
    AT,
    [METRIC.jobs],
    'jobs and streams per (O, pipeline, model, region, hour)',
    'Σ livepeer.ai.jobs',
  ),
  d(
    DERIVED.inferenceMinutes,
    'min',
    ['agent'],
    [METRIC.jobDuration, METRIC.liveFps],
    'Σ batch job durations + Σ live stream durations, minutes; also by GPU model',
    'Σ duration / 60',
  ),
  d(
    DERIVED.capacityRate,
    '1',
    ['agent'],
    [METRIC.jobDuration, METRIC.gpuUtilization],
    'inference minutes / (GPU count × minutes in window)',
    'inference minutes / (GPUs × window minutes)',
  ),
  d(
    DERIVED.missingCapacity,
    '{job}',
    AT,
    [METRIC.jobs],
    'requests refused for capacity (error class capacity or no_orchestrator)',
    'Σ livepeer.ai.jobs{naap.error.class ∈ capacity, no_orchestrator}',
  ),
  d(
    DERIVED.fees,
    '{ETH}',
    ['agent'],
    [METRIC.ticketValueReceived],
    'fees earned: expected value of tickets received',
    'increase of livepeer.ticket.value.received × 1e-9',
  ),
  d(
    DERIVED.slaScore,
    '{score}',
    AT,
    [
      METRIC.jobs,
      METRIC.jobDuration,
      METRIC.liveFirstFrame,
      METRIC.liveFps,
      METRIC.swaps,
      METRIC.agentHeartbeat,
    ],
    'naap-sla-v1 hourly score, 0–100, with inputs and subscores',
    'clamp(100·coverage·(0.7·reliability + 0.3·quality), 0, 100) — slaScoreV1()',
  ),
  d(
    DERIVED.slaReliability,
    '1',
    AT,
    [METRIC.jobs, METRIC.swaps],
    'reliability subscore',
    '0.4·startup_success + 0.2·(1 − swap_rate) + 0.4·(1 − failure_rate), renormalised',
  ),
  d(
    DERIVED.slaQuality,
    '1',
    AT,
    [METRIC.jobDuration, METRIC.liveFirstFrame, METRIC.liveFps],
    'quality subscore against the 7-day (pipeline, model) cohort',
    '0.6·(0.6·ptff + 0.4·e2e) + 0.4·fps, renormalised, small samples shrunk to 0.5',
  ),
  d(
    DERIVED.slaCoverage,
    '1',
    ['agent'],
    [METRIC.agentHeartbeat],
    'agent heartbeats received / expected, capped at 1; 1 without an enrolled agent',
    'coverage()',
  ),
];
