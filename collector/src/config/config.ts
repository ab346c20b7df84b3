import type { IngestLimitOptions } from '../ingest/limits/options.js';

export { ConfigError } from '@naap/otel/config';

/** The collector's configuration: parsed once at start-up, then frozen. */
export interface CollectorConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly storage:
    | { readonly mode: 'embedded'; readonly dir: string }
    | { readonly mode: 'server'; readonly url: string };
  readonly database: string;
  readonly cluster: string | undefined;
  readonly tokensFile: string | undefined;
  /** Stored tokens are re-read this often (ms). */
  readonly tokenRefreshMs: number;
  readonly enroll: {
    readonly enabled: boolean;
    /** How challenges name this collector. */
    readonly name: string;
    readonly challengeTtlMs: number;
    readonly ratePerMinute: number;
  };
  readonly spool: { readonly dir: string; readonly maxBytes: number };
  readonly limits: { readonly maxBodyBytes: number; readonly maxDecompressionRatio: number };
  /** Per-token ingest limits: attributes, series budget, rate. */
  readonly ingestLimits: IngestLimitOptions;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (Fastify `trustProxy`:
   * addresses, CIDRs, proxy-addr range names); empty: none.
   */
  readonly trustProxy: readonly string[];
  readonly batching: {
    /** When ingest acknowledges: after the INSERT (or spool write), or after the write-ahead log write. */
    readonly ack: 'insert' | 'log';
    /** Rows per INSERT at most with ack 'log'. */
    readonly logRows: number;
    readonly rows: number;
    readonly delayMs: number;
    readonly maxPendingRows: number;
  };
  readonly ttlDays: { readonly raw: number; readonly minute: number; readonly hour: number };
  readonly api: ApiOptions;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

/** Options of the public read API (`/api/v1`). */
export interface ApiOptions {
  /** Requests per minute per client IP; 0: no limit. */
  readonly rateLimitPerMinute: number;
  /** Client IPs without the rate limit and the per-IP live-stream cap. */
  readonly rateLimitExempt: readonly string[];
  readonly queryTimeoutMs: number;
  readonly corsOrigin: string;
  readonly liveIntervalMs: number;
  readonly maxLiveClients: number;
  /** Test-load dataset directory; undefined: none served. */
  readonly datasetsDir: string | undefined;
}
