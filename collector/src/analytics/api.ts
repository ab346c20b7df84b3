import type { Store } from '../storage/store.js';
import {
  aggregatedStats,
  leaderboard,
  networkDemand,
  slaCompliance,
  type AggregatedStats,
  type AggregatedStatsFilter,
  type ComplianceFilter,
  type CompliancePage,
  type DemandAnswer,
  type DemandFilter,
  type LeaderboardEntry,
  type LeaderboardFilter,
} from './queries.js';

/** The SLA analytics the API's SLA routes read, bound to a store. */
export interface SlaAnalytics {
  compliance(f: ComplianceFilter): Promise<CompliancePage>;
  leaderboard(f: LeaderboardFilter): Promise<LeaderboardEntry[]>;
  demand(f: DemandFilter): Promise<DemandAnswer>;
  aggregatedStats(f: AggregatedStatsFilter): Promise<AggregatedStats>;
}

export function slaAnalytics(store: Store): SlaAnalytics {
  return {
    compliance: (f) => slaCompliance(store, f),
    leaderboard: (f) => leaderboard(store, f),
    demand: (f) => networkDemand(store, f),
    aggregatedStats: (f) => aggregatedStats(store, f),
  };
}
