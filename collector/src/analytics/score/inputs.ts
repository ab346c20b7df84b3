import { isPipelineId, pipelineInfo, type SlaInputs } from '@naap/otel';
import type { InputAggregate } from '../read/inputs.js';
import { SOURCE } from '../schema/names.js';

/**
 * The `SlaInputs` of a merged input aggregate (one hour, or any window):
 * exactly the additive inputs, with the latency medians from the merged
 * quantile states. Swaps apply only where someone observed them (test loads);
 * heartbeats only to agent-sourced figures (a test load's own measurements
 * need no agent, so their coverage is 1).
 */
export function slaInputsOf(
  a: InputAggregate,
  pipeline: string,
  source: string,
  heartbeats: SlaInputs['heartbeats'],
): SlaInputs | null {
  if (!isPipelineId(pipeline)) return null;
  const kind = pipelineInfo(pipeline).kind;
  const live = kind === 'live';
  return {
    pipelineKind: kind,
    jobs: { ...a.jobs },
    startup: {
      attempts: a.startup.attempts,
      successes: Math.min(a.startup.successes, a.startup.attempts),
    },
    swaps:
      source === SOURCE.testload && a.swaps.observed > 0
        ? { observed: a.swaps.observed, swapped: Math.min(a.swaps.swapped, a.swaps.observed) }
        : null,
    ptff: live ? { samples: a.ptff.count, medianMs: a.ptff.p50 } : { samples: 0, medianMs: null },
    e2e: { samples: a.e2e.count, medianMs: a.e2e.p50 },
    fps: live
      ? {
          count: a.fps.count,
          sum: Math.max(0, a.fps.sum),
          sumSquares: Math.max(0, a.fps.sumSquares),
        }
      : { count: 0, sum: 0, sumSquares: 0 },
    heartbeats: source === SOURCE.agent ? heartbeats : null,
  };
}
