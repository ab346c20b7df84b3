import type { PipelineId } from '@naap/otel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyError, SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import type { GatewayRuntime } from '../runtime.js';
import { serveBatch, type Served } from './dispatch.js';
import { sendJson } from '../reply-json.js';

/** What a route handler gets of the HTTP request. */
export interface RawRequest {
  readonly body: Buffer | undefined;
  readonly contentType: string | undefined;
  readonly header: (name: string) => string | undefined;
}

/** One batch pipeline route: how to read its request and what to answer. */
export interface BatchRouteSpec<P> {
  readonly pipeline: PipelineId;
  readonly path: string;
  /** Decodes and validates the request; throws a GatewayHttpError (400) like go-livepeer. */
  decode(request: RawRequest): P;
  /** The model id routed on: the request's, or go-livepeer's default for the pipeline. */
  modelId(params: P): string;
  /** A failure of the gateway's own submit step (before any orchestrator is called), or null. */
  localError?(params: P): string | null;
  /** The unit go-livepeer divides the time taken by for its latency score (pixels × steps, seconds, tokens…). */
  scoreUnits(params: P): number;
  /** The JSON body for a served request; stores the media it links to. */
  render(params: P, served: Served, rt: GatewayRuntime): Promise<unknown>;
}

export function rawRequest(request: FastifyRequest): RawRequest {
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  return {
    body,
    contentType: request.headers['content-type'],
    header: (name) => {
      const v = request.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
  };
}

/** Registers a synchronous batch route: decode, route with retries, wait the job, answer. */
export function registerBatchRoute<P>(
  app: FastifyInstance,
  rt: GatewayRuntime,
  spec: BatchRouteSpec<P>,
): void {
  app.post(spec.path, async (request, reply) => {
    try {
      const params = spec.decode(rawRequest(request));
      const req = {
        requestId: rt.nextRequestId(),
        pipeline: spec.pipeline,
        modelId: spec.modelId(params),
      };
      const served = await serveBatch(
        rt,
        req,
        spec.scoreUnits(params),
        spec.localError?.(params) ?? null,
      );
      const body = await spec.render(params, served, rt);
      void reply.header(SIM_ORCHESTRATOR_HEADER, served.orchestrator.address);
      return await sendJson(reply, body);
    } catch (err) {
      return replyError(reply, err);
    }
  });
}
