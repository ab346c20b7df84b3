import { leaderboardRoundTripScore, leaderboardScore, successRate } from '@naap/otel';
import type { Store } from '../../storage/store.js';
import type { InputFilter } from '../read/filters.js';
import { inputAggregates } from '../read/inputs.js';
import { SOURCE } from '../schema/names.js';
import { hoursOfWindow, type TimeWindow } from './common.js';

/**
 * The Livepeer leaderboard's `/aggregated_stats` answer from our test-load
 * measurements, so go-livepeer gateways (`-orchPerfStatsUrl`) and the
 * explorer can use it unchanged: `{<address>: {<REGION>: {success_rate,
 * round_trip_score, score}}}`, region = where the test load ran,
 * success_rate = successes / (successes + failures) (excused failures left
 * out), round_trip_score = exp(−k·rtt) with rtt the orchestrator's median
 * end-to-end time and k set so the region's median time scores 0.8, score =
 * 0.65·success_rate + 0.35·round_trip_score (`leaderboardScore`).
 */

export interface AggregatedStatsFilter {
  readonly range: TimeWindow;
  readonly orchestrator?: string;
  readonly region?: string;
  readonly pipeline?: string;
  readonly model?: string;
}

export interface RegionStats {
  readonly success_rate: number;
  readonly round_trip_score: number;
  readonly score: number;
}

export type AggregatedStats = Record<string, Record<string, RegionStats>>;

export async function aggregatedStats(
  store: Store,
  f: AggregatedStatsFilter,
): Promise<AggregatedStats> {
  const range = hoursOfWindow(f.range);
  const filter: InputFilter = {
    source: SOURCE.testload,
    ...(f.region ? { region: f.region } : {}),
    ...(f.pipeline ? { pipeline: f.pipeline } : {}),
    ...(f.model ? { model: f.model } : {}),
  };
  const [perOrchestrator, perRegion] = await Promise.all([
    inputAggregates(store, {
      range,
      filter: { ...filter, ...(f.orchestrator ? { orchestrator: f.orchestrator } : {}) },
      groupBy: ['orchestrator', 'region'],
    }),
    inputAggregates(store, { range, filter, groupBy: ['region'] }),
  ]);
  const medians = new Map(perRegion.map((r) => [r.group.region ?? '', r.e2e.p50]));
  const out: AggregatedStats = {};
  for (const a of perOrchestrator) {
    const o = a.group.orchestrator ?? '';
    const region = a.group.region ?? '';
    const success = successRate(a.jobs);
    if (success === null) continue;
    const median = medians.get(region) ?? null;
    const rtt = a.e2e.p50;
    const roundTrip =
      rtt === null || median === null || median <= 0
        ? 0
        : leaderboardRoundTripScore(rtt / 1000, median / 1000);
    const entry = out[o] ?? {};
    entry[region] = {
      success_rate: success,
      round_trip_score: roundTrip,
      score:
        rtt === null || median === null || median <= 0
          ? 0.65 * success
          : leaderboardScore(success, rtt / 1000, median / 1000),
    };
    out[o] = entry;
  }
  return out;
}
