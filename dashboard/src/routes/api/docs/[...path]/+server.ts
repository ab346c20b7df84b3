import { forward } from '$lib/server/forward';
import type { RequestHandler } from './$types';

/** The API's OpenAPI documentation, on the dashboard's own origin. */
export const GET: RequestHandler = (event) => forward(event, '/api/docs', event.params.path);
export const HEAD: RequestHandler = GET;
