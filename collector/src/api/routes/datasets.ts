import { Type } from 'typebox';
import { DatasetsSchema } from '@naap/otel/api';
import type { ApiRoute } from '../context.js';
import { STATIC, answer } from '../respond.js';
import { routeSchema } from './schema.js';

export const datasetsRoute: ApiRoute = {
  name: 'datasets',
  register(app, ctx) {
    app.get(
      '/datasets',
      {
        schema: routeSchema({
          summary: 'The public test-load datasets: manifest and cases per pipeline',
          description:
            'Name, version and creation date of the dataset the test loads use, every file with its sha256, and the number of good, random and bad cases per pipeline. `available` is false when the collector serves no dataset directory.',
          tags: ['datasets'],
          operationId: 'getDatasets',
          querystring: Type.Object({}, { additionalProperties: false }),
          response: DatasetsSchema,
        }),
      },
      async (request, reply) =>
        answer(request, reply, {
          json: await ctx.datasets.summary(),
          name: 'datasets',
          freshness: STATIC,
          nowMs: ctx.now(),
        }),
    );
  },
};
