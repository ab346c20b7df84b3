import Fastify from 'fastify';
import { loadConfig } from '../config/resolve.js';
import { registerApi } from './index.js';
import { emptyRepository } from './repository/empty.js';

/**
 * The OpenAPI document of the read API, as `/api/v1/openapi.json` serves it,
 * built from the route schemas without storage. `collector/openapi.json` is
 * this document, committed; a test fails when they differ.
 */
export async function openapiDocument(): Promise<unknown> {
  const config = await loadConfig(['--api-rate-limit', '0'], {});
  const app = Fastify({ logger: false });
  registerApi(app, config, { repository: emptyRepository(), now: () => 0 });
  await app.ready();
  try {
    const res = await app.inject('/api/v1/openapi.json');
    if (res.statusCode !== 200) throw new Error(`openapi.json: HTTP ${res.statusCode}`);
    return res.json<unknown>();
  } finally {
    await app.close();
  }
}
