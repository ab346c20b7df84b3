import {
  TestloadSummaryQuerySchema,
  TestloadSummaryRowSchema,
  TestloadSummarySchema,
  type TestloadStats,
} from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { resolveRange } from '../params/time.js';
import type { TestloadAggregate } from '../repository/index.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';
import { testloadFilters } from './testload-jobs.js';

const rate = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function testloadStats(a: TestloadAggregate | undefined, hours: number): TestloadStats {
  const jobs = { success: a?.success ?? 0, failure: a?.failure ?? 0, excused: a?.excused ?? 0 };
  const total = jobs.success + jobs.failure + jobs.excused;
  return {
    jobs,
    jobsPerHour: total / hours,
    orchestrators: a?.orchestrators ?? 0,
    successRate: rate(jobs.success, jobs.success + jobs.failure),
    swapRate: rate(a?.swapped ?? 0, total),
    latencyP50Ms: a?.latencyP50Ms ?? null,
    latencyP95Ms: a?.latencyP95Ms ?? null,
    ptffP50Ms: a?.ptffP50Ms ?? null,
    fpsMean: a?.fpsMean ?? null,
    jitter: a?.jitter ?? null,
    expectedRejections: a?.expectedRejections ?? 0,
    lastJobMs: a?.lastJobMs ?? null,
  };
}

export const testloadSummaryRoute: ApiRoute = {
  name: 'testload-summary',
  register(app, ctx) {
    app.get(
      '/testloads/summary',
      {
        schema: routeSchema({
          summary: 'What the test loads ran, from where, how often, with what result',
          description:
            'Per (gateway region, pipeline, model) and in total over the window (default 24h): jobs by outcome, jobs per hour, orchestrators tested, success and swap rates, p50/p95 latency and PTFF p50 of successful jobs (exact quantiles, linear interpolation), mean FPS and jitter weighted by FPS samples.',
          tags: ['testloads'],
          operationId: 'getTestloadSummary',
          querystring: TestloadSummaryQuerySchema,
          response: TestloadSummarySchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const nowMs = ctx.now();
        const range = resolveRange({ window: q.window }, nowMs, '24h');
        const filters = testloadFilters(q);
        const [rows, totals] = await Promise.all([
          ctx.repo.testloadAggregates({
            range,
            filters,
            groupBy: ['Region', 'Pipeline', 'ModelId'],
          }),
          ctx.repo.testloadAggregates({ range, filters, groupBy: [] }),
        ]);
        const hours = (range.toMs - range.fromMs) / 3_600_000;
        const items = rows.map((r) => ({
          region: r.region === '' ? null : r.region,
          pipeline: r.pipeline,
          modelId: r.model,
          stats: testloadStats(r, hours),
        }));
        const body = {
          window: range,
          source: 'testload' as const,
          totals: testloadStats(totals[0], hours),
          items,
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({ rows: items, columns: csvColumns(TestloadSummaryRowSchema) }),
          name: 'testload-summary',
          freshness: LIVE,
          nowMs,
        });
      },
    );
  },
};
