import { getAddress } from 'viem';

export interface ChallengeFields {
  readonly collector: string;
  /** Lower-case 0x address. */
  readonly address: string;
  readonly nonce: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/**
 * The text an orchestrator signs (EIP-191 personal message) to enroll: it
 * names the collector, the address, a single-use nonce and the expiry, so a
 * signature is good for one enrollment with one collector, briefly. Plain
 * lines, readable in a wallet's signing prompt.
 */
export function challengeMessage(f: ChallengeFields): string {
  return [
    'NaaP SLA agent enrollment',
    '',
    'Signing this message proves that you control this orchestrator address.',
    'It is not a transaction and costs nothing.',
    '',
    `Collector: ${f.collector}`,
    `Orchestrator: ${getAddress(f.address)}`,
    `Nonce: ${f.nonce}`,
    `Issued at: ${new Date(f.issuedAt).toISOString()}`,
    `Expires at: ${new Date(f.expiresAt).toISOString()}`,
  ].join('\n');
}
