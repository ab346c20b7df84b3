import { normalizeAddress } from '@naap/otel';
import { AggregatedStatsQuerySchema, AggregatedStatsSchema, WINDOWS } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { invalidParameter } from '../problem.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';
import { slaOf, withinTimeout } from './sla-common.js';

/** The Livepeer leaderboard reads the last day by default. */
const DEFAULT_SPAN_MS = WINDOWS['24h'];
const MAX_SPAN_MS = WINDOWS['30d'];

export const aggregatedStatsRoute: ApiRoute = {
  name: 'aggregated-stats',
  register(app, ctx) {
    app.get(
      '/aggregated_stats',
      {
        schema: routeSchema({
          summary: 'Test-load results in the Livepeer leaderboard’s /aggregated_stats shape',
          description:
            '{<address>: {<REGION>: {success_rate, round_trip_score, score}}} over [since, until) (Unix seconds; default the last 24 h, at most 30 days), from our independent test loads, region = where the test load ran: success_rate = successes / (successes + failures), round_trip_score = exp(−k·rtt) with rtt the median end-to-end time and k such that the region’s median scores 0.8, score = 0.65·success_rate + 0.35·round_trip_score. go-livepeer gateways (-orchPerfStatsUrl) and the explorer can read it unchanged.',
          tags: ['sla'],
          operationId: 'getAggregatedStats',
          querystring: AggregatedStatsQuerySchema,
          response: AggregatedStatsSchema,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const nowMs = ctx.now();
        const toMs = q.until === undefined ? nowMs : q.until * 1000;
        const fromMs = q.since === undefined ? toMs - DEFAULT_SPAN_MS : q.since * 1000;
        if (fromMs >= toMs) throw invalidParameter('since', 'must be before until');
        if (toMs - fromMs > MAX_SPAN_MS)
          throw invalidParameter('since', 'the range may span 30 days at most');
        const orchestrator =
          q.orchestrator === undefined ? undefined : normalizeAddress(q.orchestrator);
        if (orchestrator === null)
          throw invalidParameter('orchestrator', 'must be a 0x… ETH address');
        const stats = await withinTimeout(
          ctx,
          slaOf(ctx).aggregatedStats({
            range: { fromMs, toMs },
            ...(orchestrator ? { orchestrator } : {}),
            ...(q.region ? { region: q.region.toUpperCase() } : {}),
            ...(q.pipeline ? { pipeline: q.pipeline } : {}),
            ...(q.model ? { model: q.model } : {}),
          }),
        );
        return answer(request, reply, {
          json: stats,
          name: 'aggregated-stats',
          freshness: LIVE,
          nowMs,
        });
      },
    );
  },
};
