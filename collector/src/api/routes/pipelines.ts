import { PipelineModelSchema, PipelinesQuerySchema, PipelinesSchema } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { pipelineRows } from '../figures/pipelines.js';
import { resolveRange } from '../params/time.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';

export const pipelinesRoute: ApiRoute = {
  name: 'pipelines',
  register(app, ctx) {
    app.get(
      '/pipelines',
      {
        schema: routeSchema({
          summary: 'Pipelines with the models the network serves',
          description:
            'Every AI pipeline (capability id, gateway route, batch or live) with each model served in the window (default 24h): orchestrators and their GPUs, jobs, success rate, latency p50/p95 and FPS, each figure with its source. CSV: one row per (pipeline, model).',
          tags: ['network'],
          operationId: 'listPipelines',
          querystring: PipelinesQuerySchema,
          response: PipelinesSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const range = resolveRange({ window: q.window }, ctx.now(), '24h');
        const items = await ctx.cache.get(`pipelines:${q.window ?? ''}`, 5_000, () =>
          pipelineRows(ctx, range),
        );
        return answer(request, reply, {
          format: q.format,
          json: { window: range, items },
          csv: () => ({
            rows: items.flatMap(({ models, ...p }) =>
              models.map((m) => ({ pipeline: p.id, kind: p.kind, ...m })),
            ),
            columns: ['pipeline', 'kind', ...csvColumns(PipelineModelSchema)],
          }),
          name: 'pipelines',
          freshness: LIVE,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
