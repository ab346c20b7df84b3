import { NetworkSummaryQuerySchema, NetworkSummarySchema } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { networkSummary } from '../figures/network-summary.js';
import { resolveRange } from '../params/time.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';

export const networkSummaryRoute: ApiRoute = {
  name: 'network-summary',
  register(app, ctx) {
    app.get(
      '/network/summary',
      {
        schema: routeSchema({
          summary: 'Live KPIs of the whole network with trends',
          description:
            'Active orchestrators and GPUs, jobs per minute, success rate, p95 latency and live FPS over the window (default 1h), each with the previous window and a trend.',
          tags: ['network'],
          operationId: 'getNetworkSummary',
          querystring: NetworkSummaryQuerySchema,
          response: NetworkSummarySchema,
        }),
      },
      async (request, reply) => {
        const range = resolveRange({ window: request.query.window }, ctx.now(), '1h');
        const body = await ctx.cache.get(`summary:${request.query.window ?? '1h'}`, 2_000, () =>
          networkSummary(ctx, range),
        );
        return answer(request, reply, {
          json: body,
          name: 'network-summary',
          freshness: LIVE,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
