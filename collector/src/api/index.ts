import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_BASE_PATH } from '@naap/otel/api';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { CollectorConfig } from '../config/config.js';
import type { ApiContext, ApiDeps, ApiInstance } from './context.js';
import { DatasetReader } from './datasets/reader.js';
import { LiveHub } from './live/hub.js';
import { RepositoryLiveSource } from './live/source.js';
import { ApiError, apiErrorHandler, sendProblem } from './problem.js';
import { ROUTES } from './routes/index.js';
import { HEARTBEAT_MS } from './routes/live.js';
import { TtlCache } from './ttl-cache.js';

export type { ApiDeps, ApiRoute, OrchestratorScore, ScoreProvider } from './context.js';
export { createRepository, type Repository } from './repository/index.js';

export const DOCS_PATH = '/api/docs';
export const API_VERSION_NUMBER = '1.0.0';

/** OpenAPI document header of the read API. */
export const OPENAPI_INFO = {
  title: 'NaaP SLA public API',
  version: API_VERSION_NUMBER,
  description:
    'Public, read-only figures of the Livepeer AI network: orchestrators, GPUs, jobs, test loads, datasets and SLA scores. Units: ratios 0–1, durations ms, sizes bytes, times Unix ms (UTC). Every figure names its source (agent, testload, gateway, chain). Errors are RFC 7807 problems (application/problem+json). Lists and series accept format=csv. Rate limited per client IP (429 with Retry-After).',
  license: { name: 'MIT' },
};

const TAGS = [
  { name: 'network', description: 'the network as a whole' },
  { name: 'orchestrators', description: 'orchestrators and their figures' },
  { name: 'gpus', description: 'GPU time series (agent)' },
  { name: 'testloads', description: 'independent test-load measurements' },
  { name: 'datasets', description: 'the public test-load datasets' },
  { name: 'live', description: 'live updates (Server-Sent Events)' },
  { name: 'sla', description: 'SLA scores, leaderboard and demand' },
];

interface PluginOptions {
  readonly config: CollectorConfig;
  readonly deps: ApiDeps;
}

function createContext(
  config: CollectorConfig,
  deps: ApiDeps,
  log: FastifyInstance['log'],
): ApiContext {
  const now = deps.now ?? Date.now;
  const o = config.api;
  const live = new LiveHub(new RepositoryLiveSource(deps.repository, now), {
    intervalMs: o.liveIntervalMs,
    heartbeatMs: HEARTBEAT_MS,
    maxClients: o.maxLiveClients,
    maxPerIp: 10,
    exemptIps: config.api.rateLimitExempt,
    now,
    onError: (err) => {
      log.warn({ err }, 'live aggregates failed');
    },
  });
  return {
    options: o,
    repo: deps.repository,
    scores: deps.scores,
    sla: deps.sla,
    now,
    minuteRetentionMs: config.ttlDays.minute * 86_400_000,
    cache: new TtlCache(now),
    live,
    datasets: new DatasetReader(o.datasetsDir),
  };
}

const apiPlugin: FastifyPluginAsync<PluginOptions> = async (app, { config, deps }) => {
  const ctx = createContext(config, deps, app.log);
  app.addHook('preClose', (done) => {
    ctx.live.close();
    done();
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Answers are serialized by `answer()` (ETag over the exact bytes): no schema serializers.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(apiErrorHandler);
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: OPENAPI_INFO, tags: TAGS },
  });
  await app.register(cors, {
    origin: config.api.corsOrigin === '*' ? '*' : config.api.corsOrigin,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    maxAge: 600,
    exposedHeaders: ['ETag', 'Retry-After', 'Content-Disposition'],
  });
  if (config.api.rateLimitPerMinute > 0)
    await app.register(rateLimit, {
      max: config.api.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.ip,
      allowList: [...config.api.rateLimitExempt],
      errorResponseBuilder: (_request, c) =>
        new ApiError(
          'rate_limited',
          `at most ${c.max} requests per minute from one address; retry later`,
          undefined,
          Math.max(1, Math.ceil(c.ttl / 1000)),
        ),
    });
  await app.register(
    (v1, _opts, done) => {
      const typed: ApiInstance = v1.withTypeProvider<TypeBoxTypeProvider>();
      for (const route of ROUTES) route.register(typed, ctx);
      v1.setNotFoundHandler((request, reply) =>
        sendProblem(
          reply,
          new ApiError(
            'not_found',
            `no such API endpoint: ${request.method} ${request.url.split('?')[0]}`,
          ),
          request.url.split('?')[0],
        ),
      );
      done();
    },
    { prefix: API_BASE_PATH },
  );
  await app.register(swaggerUi, { routePrefix: DOCS_PATH, uiConfig: { deepLinking: true } });
};

/**
 * The public read API: `/api/v1/*` (routes in `routes/`), its OpenAPI at
 * `/api/v1/openapi.json` and the docs page at `/api/docs`. Registered in its
 * own scope: problems, validation, CORS and the rate limit apply to it only.
 */
export function registerApi(app: FastifyInstance, config: CollectorConfig, deps: ApiDeps): void {
  void app.register(apiPlugin, { config, deps });
}
