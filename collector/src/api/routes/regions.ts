import { RegionRowSchema, RegionsQuerySchema, RegionsSchema } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { regionRows } from '../figures/regions.js';
import { resolveRange } from '../params/time.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';

export const regionsRoute: ApiRoute = {
  name: 'regions',
  register(app, ctx) {
    app.get(
      '/regions',
      {
        schema: routeSchema({
          summary: 'Regions with coordinates and what runs there',
          description:
            'Every region code with its city and approximate coordinates; orchestrators, GPUs and jobs by the agents’ region, per pipeline; what the test-load gateways of the region measured. Window default 24h.',
          tags: ['network'],
          operationId: 'listRegions',
          querystring: RegionsQuerySchema,
          response: RegionsSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const range = resolveRange({ window: q.window }, ctx.now(), '24h');
        const items = await ctx.cache.get(`regions:${q.window ?? ''}`, 5_000, () =>
          regionRows(ctx, range),
        );
        return answer(request, reply, {
          format: q.format,
          json: { window: range, items },
          csv: () => ({ rows: items, columns: csvColumns(RegionRowSchema) }),
          name: 'regions',
          freshness: LIVE,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
