import { isPipelineId, normalizeAddress } from '@naap/otel';
import { LiveRelay } from '$lib/server/live-relay';
import type { RequestHandler } from './$types';

let relay: LiveRelay | undefined;

function problem(status: number, code: string, detail: string, parameter?: string): Response {
  return Response.json(
    {
      type: `urn:naap:problem:${code}`,
      title: code.replaceAll('_', ' '),
      status,
      code,
      detail,
      parameter,
    },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/**
 * The API's live stream through the dashboard, shared between visitors
 * (one upstream stream per filter).
 */
export const GET: RequestHandler = ({ url, locals, request }) => {
  const { config } = locals;
  relay ??= new LiveRelay({
    maxVisitors: config.liveMaxVisitors,
    open: (query, signal) =>
      fetch(`${config.apiUrl}/api/v1/live${query}`, {
        headers: { accept: 'text/event-stream' },
        signal,
      }),
  });
  const query = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (key === 'orchestrator') {
      const address = normalizeAddress(value);
      if (address === null)
        return problem(400, 'invalid_parameter', 'orchestrator: not an address', key);
      query.set(key, address);
    } else if (key === 'pipeline') {
      if (!isPipelineId(value))
        return problem(400, 'invalid_parameter', 'pipeline: unknown pipeline', key);
      query.set(key, value);
    } else {
      return problem(
        400,
        'invalid_parameter',
        `${key.slice(0, 40)}: unknown parameter`,
        key.slice(0, 40),
      );
    }
  }
  query.sort();
  const text = query.toString();
  const stream = relay.subscribe(text === '' ? '' : `?${text}`, request.signal);
  if (stream === null)
    return problem(503, 'unavailable', 'Too many live visitors right now; retry shortly.');
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
};
