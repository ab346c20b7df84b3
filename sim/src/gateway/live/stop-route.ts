import type { FastifyInstance } from 'fastify';
import { sendPlainError } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';

/**
 * POST /live/video-to-video/{streamId}/stop — simulator control. With a real
 * go-livepeer gateway a live-video-to-video stream ends when its ingest
 * (RTMP/WHIP) disconnects; the nearest real endpoint is the BYOC
 * `POST /process/stream/{streamId}/stop`. Stopping ends the stream at the
 * current simulated time and writes it to the ledger; 404 "Stream not
 * found" for an unknown or already ended stream.
 */
export function registerLiveStop(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post<{ Params: { streamId: string } }>(
    '/live/video-to-video/:streamId/stop',
    (request, reply) => {
      const stream = rt.live.get(request.params.streamId);
      if (stream === null || stream.endedAtMs !== null)
        return sendPlainError(reply, 404, 'Stream not found');
      stream.stop();
      return reply.code(200).send();
    },
  );
}
