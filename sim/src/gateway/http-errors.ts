import type { FastifyReply } from 'fastify';
import { sendJson } from './reply-json.js';

/**
 * Error bodies as the go-livepeer gateway writes them. The AI routes answer
 * `respondJsonError(ctx, w, err, status)` → `{"error":{"message":"…"}}`
 * (the same APIError the async image-to-video result embeds); the live and
 * CLI routes use Go's `http.Error` → `text/plain`, the message and a newline.
 */
export interface ErrorBody {
  readonly error: { readonly message: string };
}

export function errorBody(message: string): ErrorBody {
  return { error: { message } };
}

/** A request the gateway answers with an error status. */
export class GatewayHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** true: `http.Error` plain text; false: the JSON error body. */
    readonly plain = false,
  ) {
    super(message);
    this.name = 'GatewayHttpError';
  }
}

/** go-livepeer processAIRequest: every orchestrator tried or none in the pool. */
export const NO_ORCHESTRATORS = 'no orchestrators available';

export function badRequest(message: string): GatewayHttpError {
  return new GatewayHttpError(400, message);
}

export function serviceUnavailable(message = NO_ORCHESTRATORS): GatewayHttpError {
  return new GatewayHttpError(503, message);
}

/** Writes the JSON error body. */
export function sendJsonError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return sendJson(reply, errorBody(message), status);
}

/** Writes what Go's `http.Error(w, msg, code)` writes. */
export function sendPlainError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .header('x-content-type-options', 'nosniff')
    .type('text/plain; charset=utf-8')
    .send(`${message}\n`);
}

export function sendGatewayError(reply: FastifyReply, err: GatewayHttpError): FastifyReply {
  return err.plain
    ? sendPlainError(reply, err.status, err.message)
    : sendJsonError(reply, err.status, err.message);
}

/** Answers a GatewayHttpError as go-livepeer would; anything else goes to Fastify's error handler (500). */
export function replyError(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof GatewayHttpError) return sendGatewayError(reply, err);
  throw err;
}

/**
 * Simulator-only response header naming the address of the orchestrator
 * that served the request. A real go-livepeer gateway sends no such header:
 * there, the serving orchestrator shows only in its logs and /metrics.
 */
export const SIM_ORCHESTRATOR_HEADER = 'x-naap-sim-orchestrator';
