import Fastify, { type FastifyInstance } from 'fastify';
import type { CollectorConfig } from '../config/config.js';
import { loadConfig } from '../config/resolve.js';
import type { ApiDeps } from './context.js';
import { registerApi } from './index.js';
import { apiFrameworkErrors } from './problem.js';
import { emptyRepository } from './repository/empty.js';

/**
 * Helpers for the API's unit tests (not used by the collector): a repository
 * that answers nothing unless told, and the API alone on a Fastify app.
 */
export { emptyRepository as stubRepository } from './repository/empty.js';

export const NOW = Date.UTC(2026, 10, 27, 12, 30, 0);

export async function apiApp(
  flags: readonly string[] = [],
  deps: Partial<ApiDeps> = {},
): Promise<{ app: FastifyInstance; config: CollectorConfig }> {
  const config = await loadConfig(['--api-rate-limit', '0', ...flags], {});
  const app = Fastify({ logger: false, frameworkErrors: apiFrameworkErrors });
  registerApi(app, config, { repository: emptyRepository(), now: () => NOW, ...deps });
  await app.ready();
  return { app, config };
}
