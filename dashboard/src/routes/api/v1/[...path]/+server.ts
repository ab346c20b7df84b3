import { forward } from '$lib/server/forward';
import type { RequestHandler } from './$types';

/** The public API on the dashboard's own origin (exports, the live stream). */
export const GET: RequestHandler = (event) => forward(event, '/api/v1', event.params.path);
export const HEAD: RequestHandler = GET;
