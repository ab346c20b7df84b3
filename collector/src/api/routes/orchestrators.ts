import {
  OrchestratorListQuerySchema,
  OrchestratorListSchema,
  OrchestratorRowSchema,
  PAGE_LIMITS,
  type OrchestratorRow,
} from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { orchestratorRows } from '../figures/orchestrator-rows.js';
import { defaultOrder, pageOf, sortValue } from '../figures/sort.js';
import { decodeCursor, encodeCursor } from '../params/cursor.js';
import { resolveRange } from '../params/time.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';

export const orchestratorsRoute: ApiRoute = {
  name: 'orchestrators',
  register(app, ctx) {
    app.get(
      '/orchestrators',
      {
        schema: routeSchema({
          summary: 'Orchestrators with their figures over a window',
          description:
            'One row per orchestrator seen in the window (default 24h): identity, GPUs, pipelines, SLA score, success rate, latency, FPS and availability, each figure with its source. Filters narrow the rows (pipeline and model also narrow the job figures); sorted with nulls last; cursor paging.',
          tags: ['orchestrators'],
          operationId: 'listOrchestrators',
          querystring: OrchestratorListQuerySchema,
          response: OrchestratorListSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const range = resolveRange({ window: q.window }, ctx.now(), '24h');
        const sort = q.sort ?? 'score';
        const order = q.order ?? defaultOrder(sort);
        const after = q.cursor === undefined ? null : decodeCursor(q, q.cursor, 2);
        const { window, rows } = await ctx.cache.get(
          `orchestrators:${JSON.stringify({ ...q, cursor: null, limit: null, format: null })}`,
          2_000,
          () => orchestratorRows(ctx, q, range),
        );
        const key = (r: OrchestratorRow) => [sortValue(r, sort), r.address] as const;
        const page = pageOf(rows, key, order, q.limit ?? PAGE_LIMITS.default, after);
        const body = {
          window,
          items: page.items,
          nextCursor: page.last === null ? null : encodeCursor(q, page.last),
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({ rows: page.items, columns: csvColumns(OrchestratorRowSchema) }),
          name: 'orchestrators',
          freshness: LIVE,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
