import type { SlaComplianceRow } from '@naap/otel/api';
import { DERIVED } from '@naap/otel';
import { statusOf, type Status } from '../status.js';

/**
 * The availability strip (dashboard.md): one thin bar per day (or per hour
 * at 24 h zoom), coloured by availability. A bar's figure is recomputed from
 * the additive inputs of the SLA rows in it, never by averaging: agent
 * heartbeats received / expected (time-based, self-reported); where no agent
 * reports, the success of test-load jobs.
 */
export interface StripBar {
  readonly startMs: number;
  readonly endMs: number;
  /** 0–1, null when nothing was measured in the bar. */
  readonly value: number | null;
  readonly basis: 'heartbeats' | 'jobs' | null;
  readonly status: Status;
  readonly jobs: number;
  readonly failures: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** One bar per hour up to two days, else one per day. */
export function stripBucketMs(fromMs: number, toMs: number): number {
  return toMs - fromMs <= 2 * DAY_MS ? HOUR_MS : DAY_MS;
}

interface Acc {
  received: number;
  expected: number;
  success: number;
  failure: number;
}

export function availabilityStrip(
  rows: readonly SlaComplianceRow[],
  fromMs: number,
  toMs: number,
  bucketMs: number = stripBucketMs(fromMs, toMs),
): StripBar[] {
  const first = Math.floor(fromMs / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((toMs - first) / bucketMs));
  const accs: Acc[] = Array.from({ length: count }, () => ({
    received: 0,
    expected: 0,
    success: 0,
    failure: 0,
  }));
  // Rows of one hour repeat the orchestrator's heartbeats per (pipeline, model, GPU): count each hour once.
  const seenHeartbeatHours = new Set<number>();
  for (const row of rows) {
    const i = Math.floor((row.startMs - first) / bucketMs);
    const acc = accs[i];
    if (acc === undefined) continue;
    acc.success += row.inputs.jobs.success;
    acc.failure += row.inputs.jobs.failure;
    const hb = row.inputs.heartbeats;
    if (hb !== null && !seenHeartbeatHours.has(row.startMs)) {
      seenHeartbeatHours.add(row.startMs);
      acc.received += Math.min(hb.received, hb.expected);
      acc.expected += hb.expected;
    }
  }
  return accs.map((acc, i) => {
    const startMs = first + i * bucketMs;
    const jobs = acc.success + acc.failure;
    let value: number | null = null;
    let basis: StripBar['basis'] = null;
    if (acc.expected > 0) {
      value = acc.received / acc.expected;
      basis = 'heartbeats';
    } else if (jobs > 0) {
      value = acc.success / jobs;
      basis = 'jobs';
    }
    return {
      startMs,
      endMs: startMs + bucketMs,
      value,
      basis,
      status: statusOf(DERIVED.timeAvailability, value),
      jobs,
      failures: acc.failure,
    };
  });
}
