import { ATTR, normalizeAddress } from '@naap/otel';
import type { Identity } from '../auth/tokens.js';

/** What the collector writes on every resource it accepts from an identity. */
export function stampedResource(
  resource: Record<string, string>,
  identity: Identity,
): { ok: true; attributes: Record<string, string> } | { ok: false; reason: string } {
  const out = { ...resource };
  if (identity.kind === 'agent') {
    const claimed = resource[ATTR.orchestratorAddress];
    if (claimed !== undefined && claimed !== '' && normalizeAddress(claimed) !== identity.address) {
      return {
        ok: false,
        reason: `resource claims orchestrator ${claimed.slice(0, 64)}, token is bound to ${identity.address}`,
      };
    }
    out[ATTR.orchestratorAddress] = identity.address;
    out[ATTR.source] = 'agent';
  } else {
    out[ATTR.source] = 'testload';
    out[ATTR.synthetic] = 'true';
  }
  return { ok: true, attributes: out };
}

/**
 * Whether a point may name this orchestrator (`claimed`: the point's
 * orchestrator attribute as stored, undefined without one): an agent cannot
 * name another orchestrator on a point; a test-load gateway names the one it
 * measured.
 */
export function pointAllowed(claimed: string | undefined, identity: Identity): boolean {
  if (identity.kind !== 'agent') return true;
  return claimed === undefined || claimed === '' || normalizeAddress(claimed) === identity.address;
}
