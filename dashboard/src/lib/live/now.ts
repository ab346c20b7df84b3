import type { Figure, LiveSummaryEvent, NetworkKpis } from '@naap/otel/api';

/**
 * The network's figures over the last minute from a live event, keyed like
 * the window KPIs they sit under (the window's figures stay as loaded).
 */
export function summaryNow(e: LiveSummaryEvent): Record<keyof NetworkKpis, Figure> {
  return {
    activeOrchestrators: { value: e.activeOrchestrators, source: null },
    activeGpus: { value: e.activeGpus, source: 'agent' },
    jobsPerMinute: e.jobsPerMinute,
    successRate: e.successRate,
    latencyP95Ms: e.latencyP95Ms,
    liveFps: e.liveFps,
  };
}
