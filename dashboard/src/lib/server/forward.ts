import type { RequestEvent } from '@sveltejs/kit';

/**
 * Forwards a read-only request to the collector's public API, so visitors
 * reach `/api/v1` (exports, the OpenAPI docs) on the
 * dashboard's own origin and base path. GET and HEAD only; the answer is
 * streamed through unchanged (status, body, caching and content headers).
 */
const PASS_REQUEST = ['accept', 'if-none-match', 'if-modified-since', 'last-event-id'] as const;
const PASS_RESPONSE = [
  'content-type',
  'cache-control',
  'etag',
  'last-modified',
  'retry-after',
  'content-disposition',
  'link',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const;

const SAFE_PATH = /^[A-Za-z0-9_.\-/]{0,512}$/;

export async function forward(
  event: RequestEvent,
  prefix: '/api/v1' | '/api/docs',
  rest: string,
): Promise<Response> {
  if (!SAFE_PATH.test(rest) || rest.split('/').includes('..')) {
    return new Response('not found', { status: 404 });
  }
  const { config } = event.locals;
  const path = rest === '' ? prefix : `${prefix}/${rest}`;
  const target = `${config.apiUrl}${path}${event.url.search}`;
  const headers = new Headers();
  for (const name of PASS_REQUEST) {
    const value = event.request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('x-forwarded-for', event.getClientAddress());
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: event.request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.any([event.request.signal, AbortSignal.timeout(config.apiTimeoutMs)]),
    });
  } catch {
    return Response.json(
      {
        type: 'urn:naap:problem:unavailable',
        title: 'Service unavailable',
        status: 503,
        code: 'unavailable',
        detail: 'The API cannot be reached right now.',
      },
      { status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '5' } },
    );
  }
  const out = new Headers();
  for (const name of PASS_RESPONSE) {
    const value = upstream.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  const location = upstream.headers.get('location');
  if (location !== null && location.startsWith('/api/')) {
    // A redirect inside the API (e.g. /api/docs → /api/docs/): keep it relative to this origin.
    const mount = event.url.pathname.slice(0, Math.max(0, event.url.pathname.indexOf(prefix)));
    out.set('location', `${mount}${location}`);
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
