import Fastify, { type FastifyInstance } from 'fastify';
import type { CollectorConfig } from '../config/config.js';
import { loadConfig } from '../config/resolve.js';
import type { ApiDeps } from './context.js';
import { registerApi } from './index.js';
import type { Repository } from './repository/index.js';

/**
 * Helpers for the API's unit tests (not used by the collector): a repository
 * that answers nothing unless told, and the API alone on a Fastify app.
 */
export function stubRepository(overrides: Partial<Repository> = {}): Repository {
  return {
    identities: () => Promise.resolve([]),
    activity: () => Promise.resolve([]),
    jobCounts: () => Promise.resolve([]),
    swapCounts: () => Promise.resolve([]),
    probeCounts: () => Promise.resolve(new Map()),
    quantiles: () => Promise.resolve([]),
    fps: () => Promise.resolve([]),
    heartbeats: () => Promise.resolve([]),
    gpusSeen: () => Promise.resolve([]),
    gpuLatest: () => Promise.resolve([]),
    gpuSeries: () => Promise.resolve([]),
    testloadJobs: () => Promise.resolve([]),
    testloadAggregates: () => Promise.resolve([]),
    ...overrides,
  };
}

export const NOW = Date.UTC(2026, 10, 27, 12, 30, 0);

export async function apiApp(
  flags: readonly string[] = [],
  deps: Partial<ApiDeps> = {},
): Promise<{ app: FastifyInstance; config: CollectorConfig }> {
  const config = await loadConfig(['--api-rate-limit', '0', ...flags], {});
  const app = Fastify({ logger: false });
  registerApi(app, config, { repository: stubRepository(), now: () => NOW, ...deps });
  await app.ready();
  return { app, config };
}
