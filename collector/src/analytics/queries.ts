/**
 * The SLA analytics as the API reads them: every function takes the store
 * and a typed filter and returns plain objects in API units (ratios 0–1,
 * milliseconds), each figure with its source.
 */
export { aggregatedStats } from './queries/aggregated-stats.js';
export type {
  AggregatedStats,
  AggregatedStatsFilter,
  RegionStats,
} from './queries/aggregated-stats.js';
export { availabilityOf } from './queries/availability.js';
export type { Availability } from './queries/availability.js';
export type { SourcedValue, TimeWindow } from './queries/common.js';
export { keyOf as complianceKey, slaCompliance } from './queries/compliance.js';
export type {
  ComplianceFilter,
  ComplianceGranularity,
  ComplianceKey,
  CompliancePage,
  ComplianceRow,
} from './queries/compliance.js';
export { networkDemand } from './queries/demand.js';
export type {
  DemandAnswer,
  DemandFees,
  DemandFilter,
  DemandGranularity,
  DemandRow,
} from './queries/demand.js';
export { leaderboard } from './queries/leaderboard.js';
export type { LeaderboardEntry, LeaderboardFilter } from './queries/leaderboard.js';
export { orchestratorSla } from './queries/orchestrator.js';
export type { OrchestratorSla, WorkloadScore } from './queries/orchestrator.js';
export { slaScoreProvider } from './queries/score-provider.js';
export type { ProvidedScore, SlaScoreProvider } from './queries/score-provider.js';
export { streamFigures } from './read/streams.js';
export type { StreamFigures } from './read/streams.js';
