import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { SlaAnalytics } from '../analytics/api.js';
import type { ApiOptions } from '../config/config.js';
import type { DatasetReader } from './datasets/reader.js';
import type { LiveHub } from './live/hub.js';
import type { Range } from './params/time.js';
import type { Repository } from './repository/index.js';
import type { TtlCache } from './ttl-cache.js';

/** The Fastify instance routes are registered on (TypeBox type provider). */
export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** One orchestrator's SLA figures over a window, from the SLA analytics. */
export interface OrchestratorScore {
  readonly score: number | null;
  readonly version: string;
  /** Reliability subscore, ratio 0–1. */
  readonly reliability: number | null;
  readonly source: 'agent' | 'testload';
}

/**
 * Where orchestrator lists and details get SLA scores. The SLA analytics
 * provides one; without it scores are null.
 */
export interface ScoreProvider {
  scores(q: {
    range: Range;
    addresses?: readonly string[];
    pipeline?: string;
    model?: string;
  }): Promise<ReadonlyMap<string, OrchestratorScore>>;
}

/** What `registerApi` needs besides the configuration. */
export interface ApiDeps {
  readonly repository: Repository;
  readonly scores?: ScoreProvider;
  /** The SLA analytics (compliance, leaderboard, demand, aggregated stats); without it those routes answer 503. */
  readonly sla?: SlaAnalytics;
  /** Clock (tests); default Date.now. */
  readonly now?: () => number;
}

/** Shared by every route. */
export interface ApiContext {
  readonly options: ApiOptions;
  readonly repo: Repository;
  readonly scores: ScoreProvider | undefined;
  readonly sla: SlaAnalytics | undefined;
  now(): number;
  /** How far back per-minute rollups are kept (ms): older series read hourly rollups. */
  readonly minuteRetentionMs: number;
  /** Short-lived memo of computed answers (live KPIs), keyed by route and query. */
  readonly cache: TtlCache;
  readonly live: LiveHub;
  readonly datasets: DatasetReader;
}

/** A route file: registered by name in `routes/index.ts`. */
export interface ApiRoute {
  readonly name: string;
  register(app: ApiInstance, ctx: ApiContext): void;
}
