import { recoverMessageAddress, type Hex } from 'viem';
import type { Challenge, ChallengeState } from './challenges.js';

/**
 * A 65-byte signature [r ‖ s ‖ v] as hex, with or without 0x (go-livepeer's
 * `/signMessage` returns the raw bytes; wallets give hex), v being 0/1 or
 * 27/28; null for anything else.
 */
export function parseSignature(value: unknown): Hex | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:0x)?([0-9a-fA-F]{130})$/.exec(value.trim());
  if (m?.[1] === undefined) return null;
  const v = parseInt(m[1].slice(128), 16);
  return [0, 1, 27, 28].includes(v) ? `0x${m[1].toLowerCase()}` : null;
}

export type SignatureMatch =
  | { readonly kind: 'ok'; readonly challenge: Challenge }
  | { readonly kind: 'used'; readonly challenge: Challenge }
  | { readonly kind: 'expired'; readonly challenge: Challenge }
  /** No challenge was issued to the address (or it was forgotten). */
  | { readonly kind: 'none' }
  /** The signature recovers another address, for every challenge of this one. */
  | { readonly kind: 'mismatch'; readonly recovered: string }
  /** Well-formed hex but not a valid secp256k1 signature. */
  | { readonly kind: 'malformed' };

/**
 * Which of the address's challenges (newest first) the signature signs, by
 * EIP-191 recovery with viem: the signer recovered from the challenge text
 * must be the claimed address.
 */
export async function matchSignature(
  address: string,
  signature: Hex,
  candidates: readonly ChallengeState[],
): Promise<SignatureMatch> {
  let newest: string | undefined;
  for (const c of candidates) {
    let signer: string;
    try {
      signer = (
        await recoverMessageAddress({ message: c.challenge.message, signature })
      ).toLowerCase();
    } catch {
      return { kind: 'malformed' };
    }
    if (signer === address) {
      const { challenge } = c;
      return c.state === 'pending' ? { kind: 'ok', challenge } : { kind: c.state, challenge };
    }
    newest ??= signer;
  }
  return newest === undefined ? { kind: 'none' } : { kind: 'mismatch', recovered: newest };
}
