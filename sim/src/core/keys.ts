import { keccak256, stringToHex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/**
 * A real secp256k1 key pair per orchestrator, derived deterministically from
 * the scenario seed and the orchestrator id: keccak256 of a domain-separated
 * string is a valid private key with overwhelming probability (it is re-hashed
 * in the astronomically rare case it is not).
 */
export function orchestratorAccount(seed: number, orchestratorId: string): PrivateKeyAccount {
  let key = keccak256(stringToHex(`naap-sim/orchestrator/${seed}/${orchestratorId}`));
  for (let i = 0; i < 4; i++) {
    try {
      return privateKeyToAccount(key);
    } catch {
      key = keccak256(key);
    }
  }
  throw new Error(`cannot derive a key for ${orchestratorId}`);
}

/** Lower-case address of an account, as the product stores addresses. */
export function addressOf(account: PrivateKeyAccount): string {
  return account.address.toLowerCase();
}
