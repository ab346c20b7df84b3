import type { FastifyInstance } from 'fastify';
import type { GatewayRuntime } from '../runtime.js';
import { registerNetworkCapabilities } from './network-capabilities.js';
import { registerRegisteredOrchestrators } from './registered-orchestrators.js';
import { registerStatus } from './status.js';

/** GET /metrics: the Prometheus text of go-livepeer's monitor (served with `-monitor`). */
function registerMetrics(app: FastifyInstance, rt: GatewayRuntime): void {
  app.get('/metrics', (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(rt.metrics.render()),
  );
}

/** The gateway's CLI API (go-livepeer `-cliAddr`, default 127.0.0.1:5935 on a gateway). */
export function registerCliRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  registerStatus(app, rt);
  registerNetworkCapabilities(app, rt);
  registerRegisteredOrchestrators(app, rt);
  registerMetrics(app, rt);
}
