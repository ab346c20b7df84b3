import type { LiveOrchestratorEvent, LiveSummaryEvent, TestloadJob } from '@naap/otel/api';

/** Reconnect delay after `attempt` failures: 1 s, 2 s, 4 s … capped at 30 s, with ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The live stream is considered stalled after this long without any event (heartbeats included). */
export const STALL_MS = 30_000;

export type LiveEventName = 'summary' | 'orchestrator' | 'testload' | 'heartbeat';

type Obj = Readonly<Record<string, unknown>>;

/** Parses one SSE event's data as a JSON object; anything else is dropped, never thrown. */
export function parseLiveData(text: string): Obj | null {
  if (text.length > 1_000_000) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : null;
}

const isFigure = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && 'value' in x && 'source' in x;

export function isSummaryEvent(x: Obj): x is Obj & LiveSummaryEvent {
  return (
    typeof x.timeMs === 'number' &&
    typeof x.activeOrchestrators === 'number' &&
    typeof x.activeGpus === 'number' &&
    isFigure(x.jobsPerMinute) &&
    isFigure(x.successRate) &&
    isFigure(x.latencyP95Ms) &&
    isFigure(x.liveFps)
  );
}

export function isOrchestratorEvent(x: Obj): x is Obj & LiveOrchestratorEvent {
  return (
    typeof x.timeMs === 'number' &&
    typeof x.address === 'string' &&
    Array.isArray(x.gpus) &&
    isFigure(x.jobsPerMinute) &&
    isFigure(x.successRate)
  );
}

export function isTestloadEvent(x: Obj): x is Obj & TestloadJob {
  return (
    typeof x.jobId === 'string' &&
    typeof x.timeMs === 'number' &&
    typeof x.orchestrator === 'string' &&
    typeof x.outcome === 'string'
  );
}
