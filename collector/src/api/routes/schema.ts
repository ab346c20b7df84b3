import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '@naap/otel/api';
import type { TSchema } from 'typebox';

/**
 * OpenAPI/validation schema of a read route: query and path parameters,
 * the 200 answer (JSON, and CSV where `csv`), and problem answers.
 */
export interface RouteDoc<Q extends TSchema | undefined, P extends TSchema | undefined> {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly operationId: string;
  readonly querystring?: Q;
  readonly params?: P;
  readonly response: TSchema;
  readonly csv?: boolean;
  /** Response media type other than JSON (SSE). */
  readonly mediaType?: string;
}

const problem = {
  description: 'RFC 7807 problem',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
};

export function routeSchema<Q extends TSchema | undefined, P extends TSchema | undefined>(
  doc: RouteDoc<Q, P>,
) {
  const content: Record<string, { schema: TSchema | { type: 'string' } }> = {
    [doc.mediaType ?? 'application/json']: { schema: doc.response },
  };
  if (doc.csv) content['text/csv'] = { schema: { type: 'string' } };
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [...doc.tags],
    operationId: doc.operationId,
    ...(doc.querystring ? { querystring: doc.querystring } : {}),
    ...(doc.params ? { params: doc.params } : {}),
    response: {
      200: { description: 'OK', content },
      '4xx': problem,
      '5xx': problem,
    },
  } as {
    querystring: Q;
    params: P;
    summary: string;
    tags: string[];
    operationId: string;
    response: Record<string, unknown>;
  };
}
