/** Exponential backoff with jitter: 1 s, 2 s, 4 s … up to `maxMs`, each between half and all of it. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
    private readonly initialMs = 1_000,
  ) {}

  /** The wait before the next attempt; each call doubles the next one (up to the cap). */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(base / 2 + (base / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Longest wait a Retry-After header may ask for; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 300_000;

/**
 * A Retry-After header in ms: delay-seconds or an HTTP date (RFC 9110);
 * null when absent or unreadable. Capped at MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text) * 1000);
  if (text.length > 64 || !/[A-Za-z]/.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}
