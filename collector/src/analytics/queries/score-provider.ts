import type { Store } from '../../storage/store.js';
import { windowScores } from '../score/window.js';
import { asSource, hoursOfWindow, type TimeWindow } from './common.js';
import { pickPerOrchestrator } from './leaderboard.js';

/**
 * Window scores per orchestrator for the API's orchestrator list and detail
 * (its `ScoreProvider`): the same choice as the leaderboard — the asked
 * (pipeline, model) or the orchestrator's busiest, test loads first.
 */

export interface ProvidedScore {
  readonly score: number | null;
  readonly version: string;
  readonly reliability: number | null;
  readonly source: 'agent' | 'testload';
  readonly pipeline: string;
  readonly modelId: string;
}

export interface SlaScoreProvider {
  scores(q: {
    range: TimeWindow;
    addresses?: readonly string[];
    pipeline?: string;
    model?: string;
  }): Promise<ReadonlyMap<string, ProvidedScore>>;
}

export function slaScoreProvider(store: Store, now: () => number = Date.now): SlaScoreProvider {
  return {
    async scores(q) {
      const scores = await windowScores(store, {
        range: hoursOfWindow(q.range),
        filter: {
          ...(q.addresses ? { orchestrator: q.addresses } : {}),
          ...(q.pipeline ? { pipeline: q.pipeline } : {}),
          ...(q.model ? { model: q.model } : {}),
        },
        now: now(),
      });
      return new Map(
        pickPerOrchestrator(scores).map((s) => [
          s.orchestrator,
          {
            score: s.breakdown.score,
            version: s.breakdown.version,
            reliability: s.breakdown.reliability,
            source: asSource(s.source),
            pipeline: s.pipeline,
            modelId: s.model,
          },
        ]),
      );
    },
  };
}
