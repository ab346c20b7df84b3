import type { FastifyInstance } from 'fastify';
import type { GatewayRuntime } from '../runtime.js';
import { sendJson } from '../reply-json.js';

/**
 * GET /status (CLI): go-livepeer's common.NodeStatus (Go field names). The
 * orchestrator pool is the gateway's current one (static, webhook or all).
 */
export function registerStatus(app: FastifyInstance, rt: GatewayRuntime): void {
  app.get('/status', async (_request, reply) => {
    const view = await rt.pool.view();
    return sendJson(
      reply,
      {
        Manifests: {},
        InternalManifests: {},
        StreamInfo: {},
        OrchestratorPool: view.members.map((o) => o.serviceUri),
        OrchestratorPoolInfos: view.members.map((o) => ({ Url: o.serviceUri, Score: 1 })),
        Version: rt.options.version,
        GolangRuntimeVersion: 'go1.23.4',
        GOArch: 'amd64',
        GOOS: 'linux',
        RegisteredTranscodersNumber: 0,
        RegisteredTranscoders: [],
        LocalTranscoding: false,
        BroadcasterPrices: {},
      },
      200,
      false,
    );
  });
}
