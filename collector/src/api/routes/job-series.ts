import { JobSeriesQuerySchema, JobSeriesSchema } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { jobSeries } from '../figures/job-series.js';
import { resolveRange } from '../params/time.js';
import { answer, history } from '../respond.js';
import { routeSchema } from './schema.js';

export const jobSeriesRoute: ApiRoute = {
  name: 'job-series',
  register(app, ctx) {
    app.get(
      '/jobs/series',
      {
        schema: routeSchema({
          summary: 'Job figures over time: latency bands, outcomes, success rate, FPS',
          description:
            'Per minute up to 6 h, per hour beyond (at most 90 days): latency p50/p95/p99 or PTFF p50/p95 (ms), jobs by outcome, success rate (0–1) or mean live FPS, filtered by orchestrator, pipeline, model and region, from one source (test loads when they measured anything, else the agent; or the one asked for). CSV: long form (stat, t_ms, value).',
          tags: ['network'],
          operationId: 'getJobSeries',
          querystring: JobSeriesQuerySchema,
          response: JobSeriesSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const nowMs = ctx.now();
        const range = resolveRange(q, nowMs, '24h');
        const body = await jobSeries(ctx, q, range);
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({
            columns: ['stat', 't_ms', 'value'],
            rows: body.series.flatMap((s) =>
              s.points.map(([t, v]) => ({ stat: s.stat, t_ms: t, value: v })),
            ),
          }),
          name: `jobs-${q.metric}`,
          freshness: history(body.toMs),
          nowMs,
        });
      },
    );
  },
};
