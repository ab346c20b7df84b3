import type { Fetch } from '../src/http.js';
import { png } from './dataset.js';
import type { ManualClock } from './manual-clock.js';

export interface FakeCall {
  readonly at: number;
  readonly path: string;
  readonly model: string | null;
}

/**
 * A go-livepeer gateway's /text-to-image as a fetch function on a manual
 * clock: each request takes `latencyMs` of that clock and answers an image
 * of the requested size (as a data: URL). Everything else is a 404.
 */
export function fakeGateway(
  clock: ManualClock,
  latencyMs = 1_000,
): { fetch: Fetch; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const fetchImpl: Fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname !== '/text-to-image')
      return new Response('404 page not found\n', { status: 404 });
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      width?: number;
      height?: number;
      model_id?: string;
    };
    calls.push({ at: clock.now(), path: url.pathname, model: body.model_id ?? null });
    await clock.sleep(latencyMs, init?.signal ?? undefined);
    const image = png(body.width ?? 512, body.height ?? 512).toString('base64');
    return Response.json({
      images: [{ url: `data:image/png;base64,${image}`, seed: 1, nsfw: false }],
    });
  };
  return { fetch: fetchImpl, calls };
}
