import { isPipelineId, isSource } from '@naap/otel';
import {
  PAGE_LIMITS,
  SlaComplianceQuerySchema,
  SlaComplianceRowSchema,
  SlaComplianceSchema,
  type SlaComplianceRow,
} from '@naap/otel/api';
import type { ComplianceKey, ComplianceRow } from '../../analytics/queries.js';
import type { ApiRoute } from '../context.js';
import { csvColumns } from '../csv-columns.js';
import { decodeCursor, encodeCursor } from '../params/cursor.js';
import { resolveRange } from '../params/time.js';
import { invalidParameter } from '../problem.js';
import { answer, history } from '../respond.js';
import { routeSchema } from './schema.js';
import { slaOf, withinTimeout } from './sla-common.js';

function cursorKey(k: readonly (string | number | null)[]): ComplianceKey {
  const [t, o, p, m, g, s] = k;
  if (typeof t !== 'number' || [o, p, m, g, s].some((x) => typeof x !== 'string'))
    throw invalidParameter('cursor', 'is not a cursor of this API');
  return [t, String(o), String(p), String(m), String(g), String(s)];
}

/** The analytics row in the API's shape; scores exist only for contract pipelines and sources. */
function toRow(r: ComplianceRow): SlaComplianceRow[] {
  const { pipeline, source } = r;
  return isPipelineId(pipeline) && isSource(source) ? [{ ...r, pipeline, source }] : [];
}

export const slaComplianceRoute: ApiRoute = {
  name: 'sla-compliance',
  register(app, ctx) {
    app.get(
      '/sla/compliance',
      {
        schema: routeSchema({
          summary: 'naap-sla-v1 scores with their inputs, cohort and breakdown',
          description:
            'Scores per hour (stored as computed), per day or over the whole window (default 24h), per (orchestrator, pipeline, model, source), GPU when filtered. Day and window scores are recomputed from the merged additive inputs, never averaged from hours. Each row carries the formula version, the inputs, the cohort it was judged against and the breakdown (rates, subscores, effective weights), so anyone can recompute it. Cursor paging in time order.',
          tags: ['sla'],
          operationId: 'getSlaCompliance',
          querystring: SlaComplianceQuerySchema,
          response: SlaComplianceSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const sla = slaOf(ctx);
        const nowMs = ctx.now();
        const range = resolveRange(q, nowMs, '24h');
        const granularity = q.granularity ?? 'hour';
        const after = q.cursor === undefined ? undefined : cursorKey(decodeCursor(q, q.cursor, 6));
        const page = await withinTimeout(
          ctx,
          sla.compliance({
            range,
            granularity,
            ...(q.orchestrator ? { orchestrator: q.orchestrator } : {}),
            ...(q.pipeline ? { pipeline: q.pipeline } : {}),
            ...(q.model ? { model: q.model } : {}),
            ...(q.gpu ? { gpu: q.gpu } : {}),
            ...(q.region ? { region: q.region } : {}),
            ...(q.source ? { source: q.source } : {}),
            limit: q.limit ?? PAGE_LIMITS.default,
            ...(after ? { after } : {}),
            now: nowMs,
          }),
        );
        const items = page.items.flatMap(toRow);
        const body = {
          window: range,
          granularity,
          items,
          nextCursor: page.next === null ? null : encodeCursor(q, page.next),
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({ rows: items, columns: csvColumns(SlaComplianceRowSchema) }),
          name: 'sla-compliance',
          freshness: history(range.toMs),
          nowMs,
        });
      },
    );
  },
};
