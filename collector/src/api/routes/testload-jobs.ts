import {
  PAGE_LIMITS,
  TestloadJobSchema,
  TestloadJobsQuerySchema,
  TestloadJobsSchema,
  type TestloadJobsQuery,
} from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { testloadJobOf } from '../figures/testload-job.js';
import { decodeCursor, encodeCursor } from '../params/cursor.js';
import { resolveRange } from '../params/time.js';
import { invalidParameter } from '../problem.js';
import type { TestloadFilters } from '../repository/index.js';
import { answer, history } from '../respond.js';
import { routeSchema } from './schema.js';

export function testloadFilters(q: Omit<TestloadJobsQuery, 'limit' | 'cursor'>): TestloadFilters {
  return {
    dims: {
      ...(q.orchestrator ? { orchestrator: q.orchestrator } : {}),
      ...(q.pipeline ? { pipeline: q.pipeline } : {}),
      ...(q.model ? { model: q.model } : {}),
      ...(q.region ? { region: q.region } : {}),
    },
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.case_kind ? { caseKind: q.case_kind } : {}),
  };
}

export const testloadJobsRoute: ApiRoute = {
  name: 'testload-jobs',
  register(app, ctx) {
    app.get(
      '/testloads/jobs',
      {
        schema: routeSchema({
          summary: 'Test-load jobs, newest first',
          description:
            'Every job the test-load gateways ran, with outcome, error class and message, latencies (ms), FPS, dataset case and the orchestrator that served it. Range: window (default 24h) or from/to, at most 90 days (raw records are kept for the raw retention). Cursor paging.',
          tags: ['testloads'],
          operationId: 'listTestloadJobs',
          querystring: TestloadJobsQuerySchema,
          response: TestloadJobsSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const nowMs = ctx.now();
        const range = resolveRange(q, nowMs, '24h');
        const limit = q.limit ?? PAGE_LIMITS.default;
        const key = q.cursor === undefined ? null : decodeCursor(q, q.cursor, 2);
        let before: readonly [number, string] | undefined;
        if (key !== null) {
          const [t, id] = key;
          if (typeof t !== 'number' || typeof id !== 'string')
            throw invalidParameter('cursor', 'is not a cursor of this API');
          before = [t, id];
        }
        const stored = await ctx.repo.testloadJobs({
          range,
          filters: testloadFilters(q),
          limit: limit + 1,
          ...(before ? { before } : {}),
        });
        const items = stored.slice(0, limit).map(testloadJobOf);
        const last = items[items.length - 1];
        const body = {
          window: range,
          items,
          nextCursor:
            stored.length > limit && last ? encodeCursor(q, [last.timeMs, last.jobId]) : null,
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({ rows: items, columns: csvColumns(TestloadJobSchema) }),
          name: 'testload-jobs',
          freshness: history(range.toMs),
          nowMs,
        });
      },
    );
  },
};
