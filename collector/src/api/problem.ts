import {
  PROBLEM_CODES,
  PROBLEM_CONTENT_TYPE,
  problemType,
  type Problem,
  type ProblemCode,
} from '@naap/otel/api';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * RFC 7807 problems of the read API. Routes throw `ApiError`; the scope's
 * error handler renders every error as `application/problem+json`. 4xx
 * problems name the parameter at fault; 5xx problems say nothing of SQL,
 * stack traces or internals.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly parameter?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export function invalidParameter(parameter: string, detail: string): ApiError {
  return new ApiError('invalid_parameter', `${parameter}: ${detail}`, parameter);
}

/** A query that ran past the API's query timeout. */
export class QueryTimeoutError extends Error {
  constructor() {
    super('query timed out');
    this.name = 'QueryTimeoutError';
  }
}

export function problemOf(e: ApiError, instance?: string): Problem {
  const { status, title } = PROBLEM_CODES[e.code];
  return {
    type: problemType(e.code),
    title,
    status,
    detail: e.detail,
    code: e.code,
    ...(instance === undefined ? {} : { instance }),
    ...(e.parameter === undefined ? {} : { parameter: e.parameter }),
    ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
  };
}

export function sendProblem(reply: FastifyReply, e: ApiError, instance?: string): FastifyReply {
  const p = problemOf(e, instance);
  if (p.retryAfterSeconds !== undefined) void reply.header('retry-after', p.retryAfterSeconds);
  void reply.header('cache-control', 'no-store');
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
}

interface ValidationIssue {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/** The parameter a validation issue is about (`/limit` → limit; missing or extra ones by name). */
function issueParameter(issue: ValidationIssue): string | undefined {
  const path = issue.instancePath?.replace(/^\//, '').split('/')[0];
  if (path) return path;
  const p = issue.params ?? {};
  const named = p['requiredProperties'] ?? p['missingProperty'] ?? p['additionalProperties'];
  if (Array.isArray(named) && typeof named[0] === 'string') return named[0];
  return typeof named === 'string' ? named : undefined;
}

function describeIssue(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  if (issue.keyword === 'additionalProperties') return 'unknown parameter';
  if (issue.keyword === 'required') return 'required';
  if (issue.keyword === 'enum' && Array.isArray(p['allowedValues']))
    return `must be one of ${(p['allowedValues'] as unknown[]).map(String).join(', ')}`;
  return issue.message ?? 'invalid';
}

/** A Fastify schema-validation error as a problem naming the first bad parameter. */
export function validationProblem(err: FastifyError): ApiError {
  const issues = (err.validation ?? []) as ValidationIssue[];
  // "schema is false" issues repeat what the additionalProperties issue says.
  const issue = issues.find((i) => i.keyword !== 'boolean') ?? issues[0];
  const parameter = issue === undefined ? undefined : issueParameter(issue);
  if (parameter === undefined) return new ApiError('invalid_parameter', err.message);
  const detail = issue === undefined ? 'invalid' : describeIssue(issue);
  return invalidParameter(parameter, detail);
}

const clientCodes: Readonly<Record<number, ProblemCode>> = {
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
};

/** The error handler of the API scope: every error becomes a problem. */
export function apiErrorHandler(
  err: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const instance = request.url.split('?')[0];
  if (err instanceof ApiError) return sendProblem(reply, err, instance);
  if (err instanceof QueryTimeoutError)
    return sendProblem(
      reply,
      new ApiError('query_timeout', 'the query took too long; narrow the range or filters'),
      instance,
    );
  if (err.validation) return sendProblem(reply, validationProblem(err), instance);
  const status = err.statusCode ?? 500;
  if (status === 429) {
    const retry = Number(reply.getHeader('retry-after') ?? 60);
    const e = new ApiError('rate_limited', 'too many requests from this address; retry later');
    return sendProblem(
      reply,
      new ApiError(e.code, e.detail, undefined, Number.isFinite(retry) ? retry : 60),
      instance,
    );
  }
  const code = clientCodes[status];
  if (code !== undefined) return sendProblem(reply, new ApiError(code, err.message), instance);
  if (status >= 400 && status < 500)
    return sendProblem(reply, new ApiError('invalid_parameter', 'bad request'), instance);
  request.log.error({ err }, 'API request failed');
  return sendProblem(reply, new ApiError('internal', 'internal error'), instance);
}

/**
 * Fastify's `frameworkErrors` (errors raised before any route runs: a path
 * parameter over the length limit, a malformed URL): problems under `/api/`,
 * a plain JSON error elsewhere. Never echoes the URL back.
 */
export function apiFrameworkErrors(
  err: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status =
    err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500
      ? err.statusCode
      : 400;
  const path = request.url.split('?')[0] ?? '';
  if (!path.startsWith('/api/')) {
    void reply.code(status).send({ error: 'bad request' });
    return;
  }
  const detail = status === 414 ? 'a path parameter is too long' : 'malformed request URL';
  const p = { ...problemOf(new ApiError('invalid_parameter', detail), path.slice(0, 200)), status };
  void reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(p));
}
