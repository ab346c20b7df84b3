import type { PageServerLoad } from './$types';

/** An address to fill the examples with: the first one on the leaderboard, when the API answers. */
export const load: PageServerLoad = async ({ locals, fetch }) => {
  let example = '0x0000000000000000000000000000000000000000';
  try {
    const r = await fetch(`${locals.config.apiUrl}/api/v1/orchestrators?limit=1`, {
      signal: AbortSignal.timeout(locals.config.apiTimeoutMs),
    });
    const body: unknown = r.ok ? await r.json() : null;
    const first: unknown =
      typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items)
        ? (body.items as unknown[])[0]
        : undefined;
    if (
      typeof first === 'object' &&
      first !== null &&
      'address' in first &&
      typeof first.address === 'string'
    ) {
      example = first.address;
    }
  } catch {
    // The page documents the API either way.
  }
  return { example };
};
