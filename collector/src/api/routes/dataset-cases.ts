import { DatasetCasesQuerySchema, DatasetCasesSchema, PAGE_LIMITS } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { decodeCursor, encodeCursor } from '../params/cursor.js';
import { STATIC, answer } from '../respond.js';
import { routeSchema } from './schema.js';

const KIND_ORDER = { good: 0, random: 1, bad: 2 } as const;

export const datasetCasesRoute: ApiRoute = {
  name: 'dataset-cases',
  register(app, ctx) {
    app.get(
      '/datasets/cases',
      {
        schema: routeSchema({
          summary: 'The cases of one pipeline, as written in the dataset',
          description:
            'Good, random and bad cases (request parameters, media references, expectations) with their ids — the caseId every test-load result names. Cursor paging.',
          tags: ['datasets'],
          operationId: 'listDatasetCases',
          querystring: DatasetCasesQuerySchema,
          response: DatasetCasesSchema,
          csv: true,
        }),
      },
      async (request, reply) => {
        const q = request.query;
        const limit = q.limit ?? PAGE_LIMITS.default;
        const after = q.cursor === undefined ? null : decodeCursor(q, q.cursor, 2);
        const [summary, all] = await Promise.all([
          ctx.datasets.summary(),
          ctx.datasets.cases(q.pipeline, q.kind),
        ]);
        const ordered = [...all].sort(
          (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.line - b.line,
        );
        const start =
          after === null
            ? 0
            : ordered.findIndex(
                (c) =>
                  KIND_ORDER[c.kind] > Number(after[0]) ||
                  (KIND_ORDER[c.kind] === Number(after[0]) && c.line > Number(after[1])),
              );
        const rest = start < 0 ? [] : ordered.slice(start);
        const items = rest.slice(0, limit);
        const last = items[items.length - 1];
        const body = {
          version: summary.version,
          items,
          nextCursor:
            rest.length > limit && last
              ? encodeCursor(q, [KIND_ORDER[last.kind], last.line])
              : null,
        };
        return answer(request, reply, {
          format: q.format,
          json: body,
          csv: () => ({
            columns: ['pipeline', 'kind', 'id', 'line', 'case'],
            rows: items.map((c) => ({ ...c, case: JSON.stringify(c.case) })),
          }),
          name: `dataset-${q.pipeline}`,
          freshness: STATIC,
          nowMs: ctx.now(),
        });
      },
    );
  },
};
