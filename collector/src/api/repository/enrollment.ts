import type { TokenRecord } from '../../auth/token-store.js';

/**
 * Orchestrators whose agent is enrolled: an agent token obtained by
 * enrollment (the collector's challenge signed with the orchestrator's key)
 * is bound to the address and not revoked. Tokens an operator issued (tokens
 * file, `tokens create`, admin API) prove nothing about the key and do not
 * count.
 */
export function enrolledAddresses(tokens: readonly TokenRecord[]): Set<string> {
  return new Set(
    tokens.flatMap((t) =>
      t.kind === 'agent' && t.origin === 'enroll' && t.revokedAt === null && t.address !== null
        ? [t.address]
        : [],
    ),
  );
}
