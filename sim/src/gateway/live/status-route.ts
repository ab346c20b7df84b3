import type { FastifyInstance } from 'fastify';
import { sendPlainError, SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';
import { sendJson } from '../reply-json.js';

/**
 * /live/video-to-video/{streamId}/status (go-livepeer GetLiveVideoToVideoStatus):
 * any method but OPTIONS (204) answers the stream's status JSON, or 404
 * "Stream not found" (plain text, Go's http.Error).
 */
export function registerLiveStatus(app: FastifyInstance, rt: GatewayRuntime): void {
  app.route<{ Params: { streamId: string } }>({
    method: ['GET', 'POST', 'OPTIONS'],
    url: '/live/video-to-video/:streamId/status',
    handler: async (request, reply) => {
      if (request.method === 'OPTIONS') return reply.code(204).send();
      const status = rt.live.status(request.params.streamId);
      if (status === null) return sendPlainError(reply, 404, 'Stream not found');
      const info = status['orchestrator_info'] as { address?: string } | undefined;
      if (info?.address !== undefined) void reply.header(SIM_ORCHESTRATOR_HEADER, info.address);
      return sendJson(reply, status);
    },
  });
}
