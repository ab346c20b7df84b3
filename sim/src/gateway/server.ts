import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { createGoLikeApp } from './app-setup.js';
import { registerCliRoutes } from './cli/index.js';
import { registerLiveRoutes } from './live/index.js';
import type { GatewayOptions } from './options.js';
import { registerAiRoutes } from './routes/index.js';
import { GatewayRuntime } from './runtime.js';

export type { GatewayOptions } from './options.js';

/** The simulated gateway's two HTTP apps (not listening) and their shared state. */
export interface GatewayApps {
  /** The AI HTTP API (go-livepeer `-httpAddr`). */
  readonly api: FastifyInstance;
  /** The CLI API (go-livepeer `-cliAddr`): /status, /getNetworkCapabilities, /registeredOrchestrators, /metrics. */
  readonly cli: FastifyInstance;
  readonly runtime: GatewayRuntime;
  /** Ends running live streams (into the ledger), closes both apps and flushes the log. */
  close(): Promise<void>;
}

export interface RunningGateway {
  /** Base URL of the AI HTTP API, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Base URL of the CLI API. */
  readonly cliUrl: string;
  readonly runtime: GatewayRuntime;
  close(): Promise<void>;
}

/** Builds the simulated go-livepeer gateway over a simulation (test with `app.inject`). */
export function buildGatewayApp(ctx: SimContext, options: GatewayOptions = {}): GatewayApps {
  const runtime = new GatewayRuntime(ctx, options);
  const api = createGoLikeApp(runtime.options.maxBodyBytes);
  registerAiRoutes(api, runtime);
  registerLiveRoutes(api, runtime);
  const cli = createGoLikeApp(64 * 1024);
  registerCliRoutes(cli, runtime);
  return {
    api,
    cli,
    runtime,
    async close() {
      runtime.live.stopAll();
      await Promise.all([api.close(), cli.close()]);
      await runtime.log.flush();
    },
  };
}

/** Starts the gateway on two ephemeral loopback ports. */
export async function startGateway(
  ctx: SimContext,
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  const apps = buildGatewayApp(ctx, options);
  try {
    const url = await apps.api.listen({ host: '127.0.0.1', port: 0 });
    const cliUrl = await apps.cli.listen({ host: '127.0.0.1', port: 0 });
    return { url, cliUrl, runtime: apps.runtime, close: () => apps.close() };
  } catch (err) {
    await apps.close();
    throw err;
  }
}
