import type { FastifyInstance } from 'fastify';
import type { GatewayRuntime } from '../runtime.js';
import { registerLiveSmokeTest } from './smoketest-route.js';
import { registerLiveStart } from './start-route.js';
import { registerLiveStatus } from './status-route.js';
import { registerLiveStop } from './stop-route.js';

/** The live-video-to-video routes of the AI HTTP API. */
export function registerLiveRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  registerLiveSmokeTest(app, rt);
  registerLiveStart(app, rt);
  registerLiveStatus(app, rt);
  registerLiveStop(app, rt);
}
