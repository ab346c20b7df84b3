import { Type, type Static } from 'typebox';

/**
 * Errors of the public API: RFC 7807 problem details, served as
 * `application/problem+json`. `code` is stable (clients switch on it);
 * `type` is the same code as a URN. 4xx problems name the parameter at fault;
 * 5xx problems never carry SQL, stack traces or internals.
 */
export const PROBLEM_CODES = {
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  range_too_large: { status: 400, title: 'Range too large' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
  query_timeout: { status: 504, title: 'Query timed out' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
export const PROBLEM_CODE_NAMES = Object.keys(PROBLEM_CODES) as ProblemCode[];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `type` URI of a problem code. */
export function problemType(code: ProblemCode): string {
  return `urn:naap:problem:${code}`;
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:naap:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'what went wrong, for people' }),
    instance: Type.Optional(Type.String({ description: 'the request path' })),
    /** Stable code (PROBLEM_CODES for the read API); type ends with it. */
    code: Type.String(),
    /** The query/path parameter at fault (4xx). */
    parameter: Type.Optional(Type.String()),
    /** Seconds to wait (429, 503). */
    retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { description: 'RFC 7807 problem details (application/problem+json)' },
);
export type Problem = Static<typeof ProblemSchema>;
