import type { FastifyInstance } from 'fastify';
import { sendPlainError } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';

/**
 * GET /stream/<session>/<name>: the media the AI responses link to, from the
 * gateway's in-memory object store. Unknown → Go's `404 page not found`.
 */
export function registerStreamMedia(app: FastifyInstance, rt: GatewayRuntime): void {
  app.get<{ Params: { session: string; name: string } }>(
    '/stream/:session/:name',
    (request, reply) => {
      const item = rt.media.get(request.params.session, request.params.name);
      if (item === null) return sendPlainError(reply, 404, '404 page not found');
      return reply.type(item.contentType).send(item.data);
    },
  );
}
