import { isSource } from '@naap/otel';
import { DemandQuerySchema, DemandRowSchema, DemandSchema, type DemandRow } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { resolveRange } from '../params/time.js';
import { answer, history } from '../respond.js';
import { routeSchema } from './schema.js';
import { slaOf, withinTimeout } from './sla-common.js';

export const networkDemandRoute: ApiRoute = {
  name: 'network-demand',
  register(app, ctx) {
    app.get(
      '/network/demand',
      {
        schema: routeSchema({
          summary: 'Demand per hour, day or week',
          description:
            'Per bucket (default hour, window default 24h) and (pipeline, model, source), split by GPU model when gpu_model is given: jobs, live streams, inference minutes (Σ batch job durations + Σ live stream time), capacity rate (inference minutes / GPU-minutes of the orchestrators that served the group; above 1 when GPUs serve jobs concurrently) and missing capacity (requests refused for capacity or for want of an orchestrator). Days and weeks are summed from the hourly inputs. Fees are per bucket in `fees` (they are earned per orchestrator, not per pipeline).',
          tags: ['sla'],
          operationId: 'getNetworkDemand',
          querystring: DemandQuerySchema,
          response: DemandSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const nowMs = ctx.now();
        const range = resolveRange(q, nowMs, '24h');
        const granularity = q.granularity ?? 'hour';
        const answerOf = await withinTimeout(
          ctx,
          slaOf(ctx).demand({
            range,
            granularity,
            ...(q.orchestrator ? { orchestrator: q.orchestrator } : {}),
            ...(q.pipeline ? { pipeline: q.pipeline } : {}),
            ...(q.model ? { model: q.model } : {}),
            ...(q.region ? { region: q.region } : {}),
            ...(q.gpu_model ? { gpuModel: q.gpu_model } : {}),
            now: nowMs,
          }),
        );
        const items = answerOf.rows.flatMap((r): DemandRow[] => {
          const { source } = r;
          if (!isSource(source)) return [];
          const { orchestrators: _count, ...row } = r;
          return [{ ...row, source, region: q.region ?? null, feesEth: null }];
        });
        const body = {
          window: range,
          granularity,
          items,
          fees: answerOf.fees.map((f) => ({ ...f, source: 'agent' as const })),
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({ rows: items, columns: csvColumns(DemandRowSchema) }),
          name: 'network-demand',
          freshness: history(range.toMs),
          nowMs,
        });
      },
    );
  },
};
