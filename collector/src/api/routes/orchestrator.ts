import {
  OrchestratorDetailQuerySchema,
  OrchestratorDetailSchema,
  OrchestratorParamsSchema,
} from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { orchestratorDetail } from '../figures/orchestrator-detail.js';
import { resolveRange } from '../params/time.js';
import { ApiError } from '../problem.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';

export const orchestratorRoute: ApiRoute = {
  name: 'orchestrator',
  register(app, ctx) {
    app.get(
      '/orchestrators/:address',
      {
        schema: routeSchema({
          summary: 'One orchestrator: identity, GPUs, pipelines and latest figures',
          description:
            'Identity (URI, region, agent version, enrolled), headline figures over the window (default 24h), every GPU with its latest values (stale when it stopped reporting), and per pipeline/model job figures for each source. 404 problem when the orchestrator was not seen within 90 days.',
          tags: ['orchestrators'],
          operationId: 'getOrchestrator',
          params: OrchestratorParamsSchema,
          querystring: OrchestratorDetailQuerySchema,
          response: OrchestratorDetailSchema,
        }),
      },
      async (request, reply) => {
        const { address } = request.params;
        const range = resolveRange({ window: request.query.window }, ctx.now(), '24h');
        const detail = await orchestratorDetail(ctx, address, range);
        if (detail === null)
          throw new ApiError('not_found', `orchestrator ${address} is not known`, 'address');
        return answer(request, reply, {
          json: detail,
          name: `orchestrator-${address}`,
          freshness: LIVE,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
