import { getText, type Fetch } from '../http.js';
import { parseNetworkCapabilities } from '../targets/capabilities.js';

/**
 * The orchestrators a go-livepeer gateway currently uses, from its CLI
 * `/getNetworkCapabilities` (go-livepeer lists the orchestrators its
 * discovery returned); null when the CLI cannot say.
 */
export async function gatewayPool(fetchImpl: Fetch, cliUrl: string): Promise<string[] | null> {
  const r = await getText(fetchImpl, `${cliUrl}/getNetworkCapabilities`, 10_000, 16 * 1024 * 1024);
  if (!r.ok) return null;
  const targets = parseNetworkCapabilities(r.text);
  return targets === null ? null : targets.map((t) => t.address);
}

export type PoolCheck = 'alone' | 'absent' | 'mixed' | 'unknown';

/** How the gateway's pool relates to the one target it should hold. */
export function checkPool(pool: readonly string[] | null, target: string): PoolCheck {
  if (pool === null) return 'unknown';
  if (pool.length === 0) return 'absent';
  if (pool.every((a) => a === target)) return 'alone';
  return 'mixed';
}
