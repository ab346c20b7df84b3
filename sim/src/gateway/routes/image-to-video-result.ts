import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JsonFields, parseJsonBody } from '../body/json-body.js';
import { badRequest, replyError, SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';
import { sendJson } from '../reply-json.js';

/**
 * The request id of a poll. go-livepeer decodes `{"request_id"}` from the
 * body whatever the method; a GET without a body may also give
 * `?request_id=` (simulator convenience: fetch() cannot send a GET body).
 */
function requestIdOf(request: FastifyRequest): string {
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  const query = (request.query as Record<string, unknown>)['request_id'];
  if ((body === undefined || body.length === 0) && typeof query === 'string') return query;
  const id = new JsonFields(parseJsonBody(body), 'ImageToVideoResultRequest').string('request_id');
  return id ?? '';
}

async function handle(rt: GatewayRuntime, request: FastifyRequest, reply: FastifyReply) {
  try {
    const state = rt.asyncResults.get(requestIdOf(request));
    if (state === null) throw badRequest('invalid request ID');
    if (state.status === 'processing') {
      return await sendJson(reply, { status: 'processing' }, 202);
    }
    if (state.orchestrator !== null) void reply.header(SIM_ORCHESTRATOR_HEADER, state.orchestrator);
    return await sendJson(reply, { result: state.result, status: 'complete' });
  } catch (err) {
    return replyError(reply, err);
  }
}

/**
 * /image-to-video/result (go-livepeer ImageToVideoResult): unknown id → 400
 * "invalid request ID"; still running → 202 `{"status":"processing"}`;
 * done → 200 `{"result":{…ImageResponse or "error"},"status":"complete"}`.
 */
export function registerImageToVideoResult(app: FastifyInstance, rt: GatewayRuntime): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/image-to-video/result',
    handler: (request, reply) => handle(rt, request, reply),
  });
}
