import { finite, nonNegative, ratio } from './guards.js';

/**
 * The Livepeer leaderboard's AI score, served by `/aggregated_stats` so
 * go-livepeer gateways (`-orchPerfStatsUrl`) and the explorer can consume our
 * results unchanged: score = 0.65·success_rate + 0.35·round_trip_score, with
 * round_trip_score = exp(−k·rtt), k = −ln(0.8) / median_rtt (so an
 * orchestrator at the median round-trip time scores 0.8 on that term).
 */
export function leaderboardRoundTripScore(rttSeconds: number, medianRttSeconds: number): number {
  const rtt = nonNegative('rtt', rttSeconds);
  const median = finite('median rtt', medianRttSeconds);
  if (median <= 0) throw new RangeError(`median rtt must be > 0, got ${median}`);
  const k = -Math.log(0.8) / median;
  return Math.exp(-k * rtt);
}

export function leaderboardScore(
  successRate: number,
  rttSeconds: number,
  medianRttSeconds: number,
): number {
  const success = ratio('success rate', successRate);
  return 0.65 * success + 0.35 * leaderboardRoundTripScore(rttSeconds, medianRttSeconds);
}
