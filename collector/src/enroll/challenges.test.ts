import { describe, expect, it } from 'vitest';
import { ChallengeBook, ChallengeBookFullError } from './challenges.js';

const A = `0x${'a'.repeat(40)}`;
const B = `0x${'b'.repeat(40)}`;

describe('ChallengeBook', () => {
  it('tells pending, used and expired challenges apart, newest first', () => {
    const book = new ChallengeBook({ collector: 'c', ttlMs: 1000 });
    const first = book.issue(A, 0);
    const second = book.issue(A, 500);
    expect(book.candidates(A, 600).map((c) => [c.challenge.nonce, c.state])).toEqual([
      [second.nonce, 'pending'],
      [first.nonce, 'pending'],
    ]);
    expect(book.consume(A, first.nonce, 600)).toBe(true);
    expect(book.consume(A, first.nonce, 600)).toBe(false);
    expect(book.consume(A, second.nonce, 1501)).toBe(false);
    expect(book.candidates(A, 1501).map((c) => c.state)).toEqual(['expired', 'used']);
    expect(book.candidates(B, 0)).toEqual([]);
  });

  it('release makes a consumed challenge pending again', () => {
    const book = new ChallengeBook({ collector: 'c', ttlMs: 1000 });
    const c = book.issue(A, 0);
    expect(book.consume(A, c.nonce, 1)).toBe(true);
    book.release(A, c.nonce);
    expect(book.consume(A, c.nonce, 2)).toBe(true);
  });

  it('keeps a few challenges per address, forgets old ones and bounds the total', () => {
    const book = new ChallengeBook({ collector: 'c', ttlMs: 1000, maxPerAddress: 2, maxHeld: 3 });
    const oldest = book.issue(A, 0);
    book.issue(A, 1);
    book.issue(A, 2);
    expect(book.size).toBe(2);
    expect(book.candidates(A, 3).some((c) => c.challenge.nonce === oldest.nonce)).toBe(false);
    book.issue(B, 3);
    expect(() => book.issue(`0x${'c'.repeat(40)}`, 4)).toThrow(ChallengeBookFullError);
    // Two lifetimes later everything is forgotten and there is room again.
    book.issue(`0x${'c'.repeat(40)}`, 2004);
    expect(book.size).toBe(1);
  });
});
