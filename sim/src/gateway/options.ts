/**
 * Options of the simulated go-livepeer gateway, named after the go-livepeer
 * flags they stand for.
 */
export interface GatewayOptions {
  /** `-orchAddr`: orchestrator service URIs; unknown URIs are ignored. */
  readonly orchAddr?: readonly string[];
  /** `-orchWebhookUrl`: answered with `[{"address":"https://orch:8935"}]`. */
  readonly webhookUrl?: string;
  /** Orchestrators tried per request (go-livepeer: maxTries 20, bounded by the pool). Default 3. */
  readonly retries?: number;
  /** Wall time a webhook answer is reused (go-livepeer WebhookDiscoveryRefreshInterval: 1 min). */
  readonly webhookCacheMs?: number;
  /**
   * go-livepeer `-aiProcessingRetryTimeout`: simulated ms after which no new
   * orchestrator is tried (503 "no orchestrators available within … timeout").
   * Default: no limit.
   */
  readonly requestTimeoutMs?: number;
  /** Largest request body accepted (413 above). Default 32 MiB. */
  readonly maxBodyBytes?: number;
  /** go-livepeer node_id label of /metrics. Default `naap-sim-gateway`. */
  readonly nodeId?: string;
  /** Version the gateway reports on /status and in livepeer_versions. */
  readonly version?: string;
  /**
   * Simulator-only: also end LLM SSE streams with `data: [DONE]`. A real
   * go-livepeer gateway stops after the chunk with a finish_reason and never
   * forwards the runner's [DONE] (server/ai_mediaserver.go LLM()). Default false.
   */
  readonly llmDoneSentinel?: boolean;
  /** Test seam: the HTTP client used for the webhook. Default: global fetch. */
  readonly fetch?: typeof fetch;
}

export interface ResolvedGatewayOptions {
  readonly orchAddr: readonly string[] | null;
  readonly webhookUrl: string | null;
  readonly retries: number;
  readonly webhookCacheMs: number;
  readonly requestTimeoutMs: number | null;
  readonly maxBodyBytes: number;
  readonly nodeId: string;
  readonly version: string;
  readonly llmDoneSentinel: boolean;
  readonly fetch: typeof fetch;
}

export const DEFAULT_RETRIES = 3;
export const DEFAULT_WEBHOOK_CACHE_MS = 60_000;
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be >= 0, got ${value}`);
  }
  return value;
}

/** Fills in defaults and rejects impossible values. */
export function resolveGatewayOptions(options: GatewayOptions): ResolvedGatewayOptions {
  return {
    orchAddr:
      options.orchAddr !== undefined && options.orchAddr.length > 0 ? options.orchAddr : null,
    webhookUrl: options.webhookUrl ?? null,
    retries: positiveInt(options.retries, DEFAULT_RETRIES, 'retries'),
    webhookCacheMs: nonNegative(options.webhookCacheMs, DEFAULT_WEBHOOK_CACHE_MS, 'webhookCacheMs'),
    requestTimeoutMs:
      options.requestTimeoutMs === undefined
        ? null
        : nonNegative(options.requestTimeoutMs, 0, 'requestTimeoutMs'),
    maxBodyBytes: positiveInt(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    nodeId: options.nodeId ?? 'naap-sim-gateway',
    version: options.version ?? '0.9.1',
    llmDoneSentinel: options.llmDoneSentinel ?? false,
    fetch: options.fetch ?? fetch,
  };
}
