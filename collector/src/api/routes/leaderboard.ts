import { isPipelineId } from '@naap/otel';
import {
  LeaderboardQuerySchema,
  LeaderboardRowSchema,
  LeaderboardSchema,
  PAGE_LIMITS,
  type Figure,
  type LeaderboardRow,
} from '@naap/otel/api';
import type { LeaderboardEntry, SourcedValue } from '../../analytics/queries.js';
import type { ApiContext, ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { decodeCursor, encodeCursor } from '../params/cursor.js';
import type { Range } from '../params/time.js';
import { resolveRange } from '../params/time.js';
import { LIVE, answer } from '../respond.js';
import { routeSchema } from './schema.js';
import { slaOf, withinTimeout } from './sla-common.js';

const figure = (v: SourcedValue): Figure => ({ value: v.value, source: v.source });

async function rows(
  ctx: ApiContext,
  q: { pipeline?: string; model?: string; region?: string; gpu_model?: string },
  range: Range,
): Promise<LeaderboardRow[]> {
  const entries = await withinTimeout(
    ctx,
    slaOf(ctx).leaderboard({
      range,
      ...(q.pipeline ? { pipeline: q.pipeline } : {}),
      ...(q.model ? { model: q.model } : {}),
      ...(q.region ? { region: q.region } : {}),
      ...(q.gpu_model ? { gpuModel: q.gpu_model } : {}),
      now: ctx.now(),
    }),
  );
  const ids = await ctx.repo.identities({ range, addresses: entries.map((e) => e.address) });
  const byAddress = new Map<string, (typeof ids)[number]>();
  // agent identities first: the orchestrator's own URI and region
  for (const id of ids)
    if (!byAddress.has(id.address) || id.source === 'agent') byAddress.set(id.address, id);
  return entries.flatMap((e: LeaderboardEntry): LeaderboardRow[] => {
    const { pipeline } = e;
    if (!isPipelineId(pipeline)) return [];
    const id = byAddress.get(e.address);
    return [
      {
        rank: e.rank,
        address: e.address,
        uri: id?.uri ?? null,
        region: id?.region ?? (e.regions.length === 1 ? (e.regions[0] ?? null) : null),
        pipeline,
        modelId: e.modelId,
        source: e.source,
        version: e.version,
        score: e.score,
        coverage: e.coverage,
        reliability: figure(e.reliability),
        quality: figure(e.quality),
        successRate: figure(e.successRate),
        swapRate: figure(e.swapRate),
        e2eP50Ms: figure(e.e2eP50Ms),
        ptffP50Ms: figure(e.ptffP50Ms),
        fps: figure(e.fps),
        jitter: figure(e.jitter),
        availability: figure(e.availability),
        gpus: e.gpus,
        jobs: e.jobs,
      },
    ];
  });
}

export const leaderboardRoute: ApiRoute = {
  name: 'leaderboard',
  register(app, ctx) {
    app.get(
      '/leaderboard',
      {
        schema: routeSchema({
          summary: 'Orchestrators ranked by their naap-sla-v1 score over a window',
          description:
            'The score of each orchestrator over the window (default 24h), recomputed from the window’s merged additive inputs (never an average of hourly scores), for the asked pipeline and model or else its busiest one in the window; test-load figures are preferred to self-reported agent ones. Each figure names its source. Ranked by score (nulls last), then jobs; cursor paging.',
          tags: ['sla'],
          operationId: 'getLeaderboard',
          querystring: LeaderboardQuerySchema,
          response: LeaderboardSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const range = resolveRange({ window: q.window }, ctx.now(), '24h');
        const after = q.cursor === undefined ? null : decodeCursor(q, q.cursor, 1);
        const all = await ctx.cache.get(
          `leaderboard:${JSON.stringify({ ...q, cursor: null, limit: null, format: null })}`,
          10_000,
          () => rows(ctx, q, range),
        );
        const from = typeof after?.[0] === 'number' ? after[0] : 0;
        const limit = q.limit ?? PAGE_LIMITS.default;
        const items = all.filter((r) => r.rank > from).slice(0, limit);
        const last = items.at(-1);
        const more = last !== undefined && all.some((r) => r.rank > last.rank);
        const body = {
          window: range,
          items,
          nextCursor: more ? encodeCursor(q, [last.rank]) : null,
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({ rows: items, columns: csvColumns(LeaderboardRowSchema) }),
          name: 'leaderboard',
          freshness: LIVE,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
