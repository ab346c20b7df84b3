/**
 * Outcome of a job (batch request or live stream), `naap.outcome`.
 * - success: the orchestrator served it correctly (for a test-load `bad`
 *   case, a correct 4xx rejection is a success).
 * - failure: the orchestrator failed it; counts against its failure rate.
 * - excused: it failed for a reason that is not the orchestrator's fault (no
 *   orchestrator available, client disconnect, a bad client request); counted
 *   apart and excluded from the orchestrator's failure rate (metrics.md §2).
 */
export const OUTCOMES = ['success', 'failure', 'excused'] as const;

export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}
