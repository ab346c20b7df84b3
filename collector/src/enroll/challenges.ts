import { randomBytes } from 'node:crypto';
import { challengeMessage } from './message.js';

/** One challenge: the exact text the orchestrator signs. */
export interface Challenge {
  readonly address: string;
  readonly nonce: string;
  readonly message: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** A challenge and where it stands at a given moment. */
export interface ChallengeState {
  readonly challenge: Challenge;
  readonly state: 'pending' | 'used' | 'expired';
}

export interface ChallengeBookOptions {
  /** Collector name written in every challenge. */
  readonly collector: string;
  readonly ttlMs: number;
  /** Challenges held at most (pending and remembered); beyond it issuing fails. */
  readonly maxHeld?: number;
  /** Challenges per address at most; a new one pushes out the oldest. */
  readonly maxPerAddress?: number;
}

export class ChallengeBookFullError extends Error {
  constructor() {
    super('too many pending enrollment challenges');
    this.name = 'ChallengeBookFullError';
  }
}

interface Entry {
  readonly challenge: Challenge;
  used: boolean;
}

/**
 * Single-use, expiring enrollment challenges, in memory. Used and expired
 * ones are remembered until twice their lifetime has passed, so a replayed
 * or late signature gets a precise answer; then they are forgotten (a
 * replay after that matches no challenge and is refused all the same).
 * Memory is bounded by `maxHeld` and `maxPerAddress`.
 */
export class ChallengeBook {
  private readonly byAddress = new Map<string, Entry[]>();
  private held = 0;
  private sweptAt = Number.NEGATIVE_INFINITY;
  private readonly maxHeld: number;
  private readonly maxPerAddress: number;

  constructor(private readonly options: ChallengeBookOptions) {
    this.maxHeld = options.maxHeld ?? 10_000;
    this.maxPerAddress = options.maxPerAddress ?? 4;
  }

  get size(): number {
    return this.held;
  }

  /** A new challenge for `address` (lower-case, validated by the caller). */
  issue(address: string, now: number): Challenge {
    this.sweep(now);
    const entries = this.byAddress.get(address) ?? [];
    if (entries.length >= this.maxPerAddress) {
      entries.shift();
      this.held--;
    } else if (this.held >= this.maxHeld) {
      throw new ChallengeBookFullError();
    }
    const nonce = randomBytes(16).toString('hex');
    const expiresAt = now + this.options.ttlMs;
    const challenge: Challenge = {
      address,
      nonce,
      issuedAt: now,
      expiresAt,
      message: challengeMessage({
        collector: this.options.collector,
        address,
        nonce,
        issuedAt: now,
        expiresAt,
      }),
    };
    entries.push({ challenge, used: false });
    this.byAddress.set(address, entries);
    this.held++;
    return challenge;
  }

  /** Every challenge remembered for `address`, newest first. */
  candidates(address: string, now: number): ChallengeState[] {
    return (this.byAddress.get(address) ?? [])
      .map((e) => ({
        challenge: e.challenge,
        state: e.used
          ? ('used' as const)
          : now > e.challenge.expiresAt
            ? ('expired' as const)
            : ('pending' as const),
      }))
      .reverse();
  }

  /** Marks a pending challenge used; false when it was not pending (used, expired or unknown). */
  consume(address: string, nonce: string, now: number): boolean {
    const entry = this.byAddress.get(address)?.find((e) => e.challenge.nonce === nonce);
    if (entry === undefined || entry.used || now > entry.challenge.expiresAt) return false;
    entry.used = true;
    return true;
  }

  /** Makes a consumed challenge pending again (the enrollment it served failed). */
  release(address: string, nonce: string): void {
    const entry = this.byAddress.get(address)?.find((e) => e.challenge.nonce === nonce);
    if (entry !== undefined) entry.used = false;
  }

  /** Forgets what expired more than one lifetime ago. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 1000 && this.held < this.maxHeld) return;
    this.sweptAt = now;
    const horizon = now - this.options.ttlMs;
    for (const [address, entries] of this.byAddress) {
      const kept = entries.filter((e) => e.challenge.expiresAt >= horizon);
      this.held -= entries.length - kept.length;
      if (kept.length === 0) this.byAddress.delete(address);
      else if (kept.length !== entries.length) this.byAddress.set(address, kept);
    }
  }
}
