import {
  GPU_SERIES,
  GpuMetricsQuerySchema,
  GpuMetricsSchema,
  type GpuSeries,
} from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { planSeries } from '../params/resolution.js';
import { parseStep, resolveRange } from '../params/time.js';
import { answer, history } from '../respond.js';
import { routeSchema } from './schema.js';

export const gpuMetricsRoute: ApiRoute = {
  name: 'gpu-metrics',
  register(app, ctx) {
    app.get(
      '/gpu/metrics',
      {
        schema: routeSchema({
          summary: 'GPU time series of one orchestrator, downsampled on the server',
          description:
            'One series per GPU of the orchestrator (or the one asked for), for one metric, as [t_ms, value] points. The step is at least the one asked for and at least span/1500; raw points within the last hour, minute rollups while retained, hourly rollups beyond. Range: window (default 1h) or from/to, at most 90 days.',
          tags: ['gpus'],
          operationId: 'getGpuMetrics',
          querystring: GpuMetricsQuerySchema,
          response: GpuMetricsSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const nowMs = ctx.now();
        const range = resolveRange(q, nowMs, '1h');
        const requested = q.step === undefined ? undefined : parseStep(q.step);
        const plan = planSeries(range, requested, nowMs, ctx.minuteRetentionMs);
        const series = GPU_SERIES[q.metric];
        const stat = q.stat ?? 'avg';
        const points = await ctx.repo.gpuSeries({
          address: q.orchestrator,
          ...(q.gpu ? { gpu: q.gpu } : {}),
          metric: series.metric,
          range: plan.range,
          stepMs: plan.stepMs,
          resolution: plan.resolution,
          stat,
        });
        const byGpu = new Map<string, GpuSeries>();
        for (const p of points) {
          const s = byGpu.get(p.gpuId) ?? { gpuId: p.gpuId, gpuModel: p.model, points: [] };
          s.points.push([p.tMs, p.value]);
          byGpu.set(p.gpuId, s);
        }
        const body = {
          orchestrator: q.orchestrator,
          metric: q.metric,
          metricName: series.metric,
          unit: series.unit,
          source: 'agent' as const,
          stat,
          fromMs: plan.range.fromMs,
          toMs: plan.range.toMs,
          stepMs: plan.stepMs,
          resolution: plan.resolution,
          series: [...byGpu.values()],
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({
            columns: ['gpuId', 'gpuModel', 't_ms', 'value'],
            rows: body.series.flatMap((s) =>
              s.points.map(([t, v]) => ({
                gpuId: s.gpuId,
                gpuModel: s.gpuModel,
                t_ms: t,
                value: v,
              })),
            ),
          }),
          name: `gpu-${q.metric}`,
          freshness: history(plan.range.toMs),
          nowMs,
        });
      },
    );
  },
};
