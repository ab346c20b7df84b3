import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type HTTPMethods,
} from 'fastify';
import { getAddress } from 'viem';
import type { SimOrchestrator } from '../../scenario/resolve.js';
import { nodeStatusJson, orchestratorInfoJson } from './cli-status.js';
import { MAX_FORM_BYTES } from './go-form.js';
import { goHttpError } from './go-http.js';
import type { OrchestratorMetrics } from './orch-metrics.js';
import { signMessage } from './sign-message.js';

export interface CliServerOptions {
  readonly orchestrator: SimOrchestrator;
  readonly metrics: OrchestratorMetrics;
  /** Simulated time now. */
  readonly now: () => number;
}

/** Arbitrum One, the chain go-livepeer mainnet orchestrators run on. */
export const CHAIN_ID = 42161;

/** Go's ServeMux answers every method on a path. */
const ANY: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * go-livepeer's private CLI web server of an orchestrator (server/webserver.go
 * cliWebServerHandlers, default 127.0.0.1:7935), the parts an agent beside
 * the node uses: `/metrics` (with -monitor), `/status`, `/orchestratorInfo`,
 * `/signMessage`, and the cheap identity probes `/ethAddr`,
 * `/IsOrchestrator`, `/EthChainID`. Other paths answer Go's
 * "404 page not found". Bodies are kept raw: the handlers apply Go's form
 * parsing themselves.
 */
export function buildCliApp(o: CliServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: MAX_FORM_BYTES + 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
  const route = (url: string, handler: Parameters<FastifyInstance['route']>[0]['handler']) =>
    app.route({ method: ANY, url, handler });
  const { orchestrator: node, metrics, now } = o;

  route('/metrics', async (_req, reply) =>
    reply
      .header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
      .send(metrics.render(now())),
  );
  route('/status', async (_req, reply) =>
    reply.header('content-type', 'application/json').send(Buffer.from(nodeStatusJson(node))),
  );
  route('/orchestratorInfo', async (_req, reply) =>
    reply
      .header('content-type', 'application/json')
      .send(Buffer.from(orchestratorInfoJson(node, now()))),
  );
  route('/signMessage', (req, reply) => signMessage(node, req, reply));
  const plain = (body: string) => (_req: FastifyRequest, reply: FastifyReply) =>
    reply.header('content-type', 'text/plain; charset=utf-8').send(body);
  route('/ethAddr', plain(getAddress(node.address)));
  route('/IsOrchestrator', plain('true'));
  route('/EthChainID', plain(String(CHAIN_ID)));

  app.setNotFoundHandler((_req, reply) => goHttpError(reply, 404, '404 page not found'));
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const tooLarge = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    const message = tooLarge ? 'parse form error: http: POST too large' : err.message;
    const code =
      err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500
        ? err.statusCode
        : 500;
    return goHttpError(reply, tooLarge ? 400 : code, message);
  });
  return app;
}
