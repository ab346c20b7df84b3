import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyError, sendPlainError, SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';
import { liveStartRequest } from './start-params.js';
import { whepUrl } from './streams.js';
import { sendJson } from '../reply-json.js';

/** The URLs of a started stream, named like go-livepeer's BYOC StreamUrls. */
function streamUrls(
  request: FastifyRequest,
  streamName: string,
  streamId: string,
  requestId: string,
) {
  const host = request.headers.host ?? '127.0.0.1';
  const base = `http://${host}/live/video-to-video`;
  const hostname = host.replace(/:\d+$/, '');
  return {
    stream_id: streamId,
    request_id: requestId,
    whip_url: `${base}/${streamName}/whip`,
    whep_url: whepUrl(streamName, requestId),
    rtmp_url: `rtmp://${hostname}/${streamName}`,
    rtmp_output_url: `rtmp://${hostname}/${streamName}-out`,
    update_url: `${base}/${streamName}/update`,
    status_url: `${base}/${streamId}/status`,
    data_url: '',
    stop_url: `${base}/${streamId}/stop`,
  };
}

/**
 * POST /live/video-to-video/{stream}/start. In go-livepeer this is the hook
 * MediaMTX calls when an RTMP/WHIP ingest arrives; it selects an
 * orchestrator (only those whose URI contains `orchestrator=`, if given) and
 * answers 200 with no body. The simulator's ingest is this call itself, so
 * it answers 200 with the stream's URLs (the shape of go-livepeer's BYOC
 * StreamUrls) and the simulator header; when no orchestrator takes the
 * stream it answers 503 "no orchestrators available" (go-livepeer would
 * kick the ingest instead). A name ending in `-out` is ignored, as there.
 */
export function registerLiveStart(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post<{ Params: { stream: string } }>(
    '/live/video-to-video/:stream/start',
    async (request, reply) => {
      try {
        const name = request.params.stream;
        if (name === '') return await sendPlainError(reply, 400, 'Missing stream name');
        if (name.endsWith('-out')) return await reply.code(200).send();
        const spec = liveStartRequest(request, name);
        const stream = await rt.live.start(spec);
        const first = stream.chain[0];
        if (first === undefined) {
          return await sendPlainError(reply, 503, stream.error ?? 'no orchestrators available');
        }
        void reply.header(SIM_ORCHESTRATOR_HEADER, first.orchestrator.address);
        return await sendJson(reply, streamUrls(request, name, spec.streamId, stream.requestId));
      } catch (err) {
        return replyError(reply, err);
      }
    },
  );
}
