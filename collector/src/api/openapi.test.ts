import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from './openapi-doc.js';

const committed = new URL('../../openapi.json', import.meta.url);

describe('collector/openapi.json', () => {
  it('is the document the routes generate (run `pnpm --filter @naap/collector gen:openapi`)', async () => {
    const file: unknown = JSON.parse(await readFile(committed, 'utf8'));
    expect(file).toEqual(await openapiDocument());
  });

  it('documents every public endpoint with problems and CSV where lists are', async () => {
    const doc = (await openapiDocument()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }>;
    };
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/network/summary',
      '/api/v1/orchestrators',
      '/api/v1/orchestrators/{address}',
      '/api/v1/gpu/metrics',
      '/api/v1/jobs/series',
      '/api/v1/testloads/jobs',
      '/api/v1/testloads/summary',
      '/api/v1/datasets',
      '/api/v1/datasets/cases',
      '/api/v1/regions',
      '/api/v1/pipelines',
      '/api/v1/live',
    ])
      expect(paths).toContain(p);
    expect(paths).not.toContain('/api/v1/openapi.json');
    const list = doc.paths['/api/v1/orchestrators']?.get?.responses;
    expect(Object.keys(list?.['200']?.content ?? {})).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(list?.['4XX']?.content ?? {})).toEqual(['application/problem+json']);
  });
});
