import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { adminTokensPlugin } from './auth/admin-routes.js';
import type { TokenService } from './auth/token-service.js';
import { DOCS_PATH, registerApi, type ApiDeps } from './api/index.js';
import { apiFrameworkErrors } from './api/problem.js';
import type { TokenRegistry } from './auth/tokens.js';
import type { CollectorConfig } from './config/config.js';
import { enrollOptions, enrollPlugin } from './enroll/index.js';
import { registerHealthRoutes } from './http/health.js';
import { registerOtlpRoutes } from './http/otlp.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { IngestLimiter } from './ingest/limits/index.js';
import type { Row } from './pipeline/types.js';
import type { SelfMetrics } from './telemetry/self-metrics.js';

export interface AppDeps {
  readonly tokens: TokenRegistry;
  /** Stored tokens (enrollment, admin endpoints); none: both are off. */
  readonly tokenService?: TokenService;
  readonly pipeline: { accept(batch: ReadonlyMap<string, readonly Row[]>): Promise<void> };
  readonly metrics: SelfMetrics;
  readonly ready: () => Promise<boolean>;
  /** The public read API (`/api/v1`, docs); none: not served. */
  readonly api?: ApiDeps;
  /** Per-token ingest limits (tests drive their clock); none: from the configuration. */
  readonly ingestLimits?: IngestLimiter;
  /** A pino logger; none: silent. */
  readonly logger?: FastifyBaseLogger;
}

/**
 * The collector's HTTP app: OTLP ingest, health and self-metrics. Built
 * without listening, so tests drive it with `inject`; `main` starts it.
 */
export function buildApp(config: CollectorConfig, deps: AppDeps): FastifyInstance {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: config.limits.maxBodyBytes,
    // Ingest runs at thousands of requests per second: no per-request log lines.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: apiFrameworkErrors,
    // Client addresses (per-IP limits) from X-Forwarded-For only behind a trusted proxy.
    ...(config.trustProxy.length > 0 ? { trustProxy: [...config.trustProxy] } : {}),
  });
  registerSecurityHeaders(app, DOCS_PATH);
  app.setErrorHandler((err: { statusCode?: number; message: string }, request, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply.code(status).send({ error: 'internal error' });
    }
    return reply.code(status).send({ error: err.message });
  });
  registerHealthRoutes(app, { ready: deps.ready, metrics: deps.metrics });
  registerOtlpRoutes(app, {
    tokens: deps.tokens,
    pipeline: deps.pipeline,
    metrics: deps.metrics,
    limits: config.limits,
    ingestLimits: deps.ingestLimits ?? new IngestLimiter(config.ingestLimits),
  });
  const { tokenService: ts } = deps;
  if (ts) void app.register(adminTokensPlugin, { tokens: ts });
  if (ts && config.enroll.enabled) void app.register(enrollPlugin, enrollOptions(config, ts));
  if (deps.api) registerApi(app, config, deps.api);
  return app;
}
