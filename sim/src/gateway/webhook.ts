import { createHash } from 'node:crypto';

/** go-livepeer discovery/wh_discovery.go: `httpc := &http.Client{Timeout: 3 * time.Second}`. */
export const WEBHOOK_TIMEOUT_MS = 3_000;
/** Largest webhook answer read (go-livepeer reads it whole; bounded here). */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Parses a webhook answer like go-livepeer's `deserializeWebhookJSON`:
 * `[{"address":"https://orch:8935","score":0.5}]`. A body that is not such an
 * array fails as a whole (json.Unmarshal); entries whose address is not a
 * URI are skipped one by one.
 */
export function parseWebhookBody(body: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const out: string[] = [];
  for (const entry of parsed as unknown[]) {
    if (entry === null) continue;
    if (typeof entry !== 'object' || Array.isArray(entry)) return null;
    const { address, score } = entry as { address?: unknown; score?: unknown };
    if (address !== undefined && typeof address !== 'string') return null;
    if (score !== undefined && typeof score !== 'number') return null;
    if (typeof address === 'string' && URL.canParse(address)) out.push(address);
  }
  return out;
}

/**
 * `-orchWebhookUrl` discovery: GET the URL, reuse the answer for
 * `cacheMs` of wall time after the last successful fetch (go-livepeer:
 * `time.Since(lastReq) < common.WebhookDiscoveryRefreshInterval`, 1 min).
 * A failed fetch leaves the gateway without orchestrators for that request
 * and is retried on the next one. Concurrent refreshes share one fetch.
 */
export class WebhookDiscovery {
  private cached: { readonly addresses: readonly string[]; readonly hash: string } | null = null;
  private lastFetchWall = Number.NEGATIVE_INFINITY;
  private inflight: Promise<readonly string[]> | null = null;
  /** Number of GET requests made to the webhook. */
  fetchCount = 0;

  constructor(
    readonly url: string,
    private readonly cacheMs: number,
    private readonly fetchImpl: typeof fetch,
    private readonly wallNow: () => number = Date.now,
  ) {}

  async addresses(): Promise<readonly string[]> {
    if (this.cached !== null && this.wallNow() - this.lastFetchWall < this.cacheMs) {
      return this.cached.addresses;
    }
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refresh(): Promise<readonly string[]> {
    this.fetchCount++;
    const body = await this.get();
    if (body === null) return [];
    const hash = createHash('sha256').update(body).digest('hex');
    if (this.cached !== null && hash === this.cached.hash) {
      this.lastFetchWall = this.wallNow();
      return this.cached.addresses;
    }
    const addresses = parseWebhookBody(body);
    if (addresses === null) return [];
    this.cached = { addresses, hash };
    this.lastFetchWall = this.wallNow();
    return addresses;
  }

  private async get(): Promise<string | null> {
    try {
      const res = await this.fetchImpl(this.url, {
        method: 'GET',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      const text = await res.text();
      return text.length > MAX_WEBHOOK_BYTES ? null : text;
    } catch {
      return null;
    }
  }
}
