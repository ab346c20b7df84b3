import type { Identity } from '../../auth/tokens.js';
import {
  countDataPoints,
  countLogRecords,
  type LogsRequest,
  type MetricsRequest,
} from '../../otlp/model.js';
import { limitLogs } from './logs.js';
import { limitMetrics } from './metrics.js';
import type { IngestLimitOptions } from './options.js';
import { SeriesBudget } from './series-budget.js';
import { TokenBucket } from './token-bucket.js';

/** A request over its token's ingest rate: answered 429 with `Retry-After`. */
export class IngestRateError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly points: number,
    rate: number,
  ) {
    super(`ingest rate of this token exceeded (${rate} points per second); retry later`);
    this.name = 'IngestRateError';
  }
}

/** A request after the limits: what passes, and what was refused (counts, first reasons). */
export interface Limited<T> {
  readonly request: T;
  readonly refused: number;
  readonly reasons: readonly string[];
}

interface TokenState {
  readonly bucket: TokenBucket | null;
  readonly series: SeriesBudget | null;
  lastSeen: number;
}

/** How often idle tokens' states are looked for (ms). */
const SWEEP_MS = 60_000;

/** The key of a token's state: stable across re-reads of the stored tokens. */
function keyOf(identity: Identity): string {
  const address = identity.kind === 'agent' ? identity.address : '';
  return `${identity.kind}\u0000${identity.id ?? ''}\u0000${identity.name}\u0000${address}`;
}

/**
 * Per-token ingest limits: the rate (token bucket, whole requests refused
 * with 429), the attribute limits and the series budget (single points
 * refused, counted in OTLP partial success). State is kept per token and
 * dropped once a token has been idle for a series window.
 */
export class IngestLimiter {
  private readonly states = new Map<string, TokenState>();
  private sweptAt: number;

  constructor(
    readonly options: IngestLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  /** Tokens with state held. */
  get tokens(): number {
    return this.states.size;
  }

  /** Series known for a token. */
  seriesOf(identity: Identity): number {
    return this.states.get(keyOf(identity))?.series?.size ?? 0;
  }

  metrics(request: MetricsRequest, identity: Identity): Limited<MetricsRequest> {
    const state = this.admit(identity, countDataPoints(request));
    const out = limitMetrics(request, this.options, state.series);
    return {
      request: out.request,
      refused: out.refusals.count,
      reasons: [...out.refusals.reasons],
    };
  }

  logs(request: LogsRequest, identity: Identity): Limited<LogsRequest> {
    this.admit(identity, countLogRecords(request));
    const out = limitLogs(request, this.options);
    return {
      request: out.request,
      refused: out.refusals.count,
      reasons: [...out.refusals.reasons],
    };
  }

  /** The token's state, after taking `points` from its rate (IngestRateError when over it). */
  private admit(identity: Identity, points: number): TokenState {
    const now = this.now();
    if (now - this.sweptAt >= SWEEP_MS) this.sweep(now);
    const key = keyOf(identity);
    let state = this.states.get(key);
    if (state === undefined) {
      const o = this.options;
      state = {
        bucket:
          o.pointsPerSecond > 0 ? new TokenBucket(o.pointsPerSecond, o.burstPoints, now) : null,
        series:
          o.maxSeriesPerToken > 0
            ? new SeriesBudget(o.maxSeriesPerToken, o.seriesWindowMs, now)
            : null,
        lastSeen: now,
      };
      this.states.set(key, state);
    }
    state.lastSeen = now;
    const wait = state.bucket?.take(points, now) ?? 0;
    if (wait > 0) throw new IngestRateError(wait, points, this.options.pointsPerSecond);
    state.series?.tick(now);
    return state;
  }

  /** Drops the state of tokens idle for a whole series window whose bucket is full again. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, s] of this.states) {
      if (now - s.lastSeen >= this.options.seriesWindowMs && (s.bucket?.full(now) ?? true))
        this.states.delete(key);
    }
  }
}
