import { normalizeAddress } from '@naap/otel';

/** One on-chain orchestrator as go-livepeer's CLI `GET /registeredOrchestrators` lists it. */
export interface Registered {
  readonly address: string;
  readonly uri: string;
  readonly active: boolean;
}

const MAX_ENTRIES = 10_000;

/**
 * Parses /registeredOrchestrators: eth/types.Transcoder with Go field names
 * (`Address`, `ServiceURI`, `Active`). Entries without a valid address or
 * http(s) URI are skipped; null when the text is not a JSON array.
 */
export function parseRegisteredOrchestrators(text: string): Registered[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const out: Registered[] = [];
  for (const item of parsed.slice(0, MAX_ENTRIES) as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    const address = typeof e['Address'] === 'string' ? normalizeAddress(e['Address']) : null;
    const uri = typeof e['ServiceURI'] === 'string' ? e['ServiceURI'] : '';
    if (address === null || uri.length > 256 || !URL.canParse(uri)) continue;
    if (!/^https?:$/.test(new URL(uri).protocol)) continue;
    out.push({ address, uri: uri.replace(/\/+$/, ''), active: e['Active'] !== false });
  }
  return out;
}
