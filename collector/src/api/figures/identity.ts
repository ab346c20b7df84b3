import { isRegionCode, type RegionCode } from '@naap/otel';
import type { Identity } from '../repository/index.js';

/** What the API says about who an orchestrator is, merged over sources. */
export interface MergedIdentity {
  readonly address: string;
  readonly uri: string | null;
  readonly region: RegionCode | null;
  readonly enrolled: boolean;
  readonly version: string | null;
  readonly hosts: readonly string[];
  readonly agentLastSeenMs: number | null;
  readonly lastSeenMs: number | null;
}

/**
 * The agent's word for URI, version and region (it runs beside the node);
 * the test loads' for the URI when no agent reports. `enrolled`: whether an
 * unrevoked token obtained by enrollment is bound to the address.
 */
export function mergeIdentity(
  address: string,
  rows: readonly Identity[],
  enrolled: boolean,
): MergedIdentity {
  const agent = rows.find((r) => r.source === 'agent');
  const others = rows.filter((r) => r.source !== 'agent');
  const region = agent?.region ?? null;
  const lastSeen = rows.length === 0 ? null : Math.max(...rows.map((r) => r.lastSeenMs));
  return {
    address,
    uri: agent?.uri ?? others.find((r) => r.uri !== null)?.uri ?? null,
    region: region !== null && isRegionCode(region) ? region : null,
    enrolled,
    version: agent?.version ?? null,
    hosts: agent?.hosts ?? [],
    agentLastSeenMs: agent?.lastSeenMs ?? null,
    lastSeenMs: lastSeen,
  };
}

export function identitiesByAddress(rows: readonly Identity[]): Map<string, Identity[]> {
  const out = new Map<string, Identity[]>();
  for (const r of rows) {
    const list = out.get(r.address);
    if (list === undefined) out.set(r.address, [r]);
    else list.push(r);
  }
  return out;
}
