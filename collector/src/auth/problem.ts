import { PROBLEM_CONTENT_TYPE, type Problem as ProblemBody } from '@naap/otel/api';
import type { FastifyReply } from 'fastify';

/**
 * RFC 7807 problem details for the enrollment and token endpoints, in the
 * public API's shape (`@naap/otel/api` ProblemSchema): a stable `code`,
 * `type` = `urn:naap:problem:<code>`, and `parameter` naming the input at
 * fault (the code names it too: `invalid_address`, `invalid_signature`…).
 */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly parameter?: string;
  readonly retryAfterSeconds?: number;
}

export const PROBLEM_TYPE_PREFIX = 'urn:naap:problem:';

/** A problem thrown inside a route and rendered by `sendProblem`. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  if (p.retryAfterSeconds !== undefined)
    void reply.header('retry-after', String(p.retryAfterSeconds));
  const body: ProblemBody = {
    type: `${PROBLEM_TYPE_PREFIX}${p.code}`,
    title: p.title,
    status: p.status,
    detail: p.detail,
    code: p.code,
    ...(p.parameter === undefined ? {} : { parameter: p.parameter }),
    ...(p.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: p.retryAfterSeconds }),
  };
  return reply
    .code(p.status)
    .header('cache-control', 'no-store')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(body));
}

/** 400 for one bad input: `invalid_<parameter>`. */
export function invalidField(parameter: string, detail: string): ProblemError {
  return new ProblemError({
    status: 400,
    code: `invalid_${parameter}`,
    title: `invalid ${parameter}`,
    detail,
    parameter,
  });
}

/**
 * The error handler of a scope whose errors are problems: ProblemErrors as
 * they are; Fastify's own 4xx (bad JSON, body too large, rate limit) with a
 * stable code; anything else a 500 that says nothing of its cause.
 */
export function problemErrorHandler(
  err: { statusCode?: number; code?: string; message: string },
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof ProblemError) return sendProblem(reply, err.problem);
  const status = err.statusCode ?? 500;
  if (status === 429)
    return sendProblem(reply, {
      status,
      code: 'rate_limited',
      title: 'too many requests',
      detail: 'too many requests from this address; retry later',
      retryAfterSeconds: Number(reply.getHeader('retry-after') ?? 60),
    });
  if (status >= 400 && status < 500)
    return sendProblem(reply, {
      status,
      code:
        status === 413
          ? 'body_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : 'invalid_body',
      title: 'bad request body',
      detail: status === 413 ? 'request body too large' : `request body: ${err.message}`,
      parameter: 'body',
    });
  reply.log.error({ err }, 'request failed');
  return sendProblem(reply, {
    status: 500,
    code: 'internal',
    title: 'internal error',
    detail: 'internal error',
  });
}
