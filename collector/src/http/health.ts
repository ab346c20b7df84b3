import type { FastifyInstance } from 'fastify';
import type { SelfMetrics } from '../telemetry/self-metrics.js';

export interface HealthDeps {
  /** Storage reachable and migrations done. */
  readonly ready: () => Promise<boolean>;
  readonly metrics: SelfMetrics;
}

/** `/healthz` (process alive), `/readyz` (storage ready), `/metrics` (Prometheus). */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = await deps.ready().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable' });
  });
  app.get('/metrics', async (_req, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
