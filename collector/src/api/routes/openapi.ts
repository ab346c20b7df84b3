import type { ApiRoute } from '../context.js';

export const openapiRoute: ApiRoute = {
  name: 'openapi',
  register(app) {
    app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(app.swagger()),
    );
  },
};
