import {
  DatasetsSchema,
  NetworkSummarySchema,
  OrchestratorListSchema,
  ProblemSchema,
  RegionsSchema,
  TestloadJobsSchema,
} from '@naap/otel/api';
import { ATTR } from '@naap/otel';
import type { FastifyInstance } from 'fastify';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryTimeoutError } from './problem.js';
import type { Identity, JobGroup, Repository, StoredJob } from './repository/index.js';
import { NOW, apiApp, stubRepository } from './test-support.js';

const A = (i: number): string => `0x${i.toString(16).padStart(40, '0')}`;
const O = A(0xab);

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(
  repo: Partial<Repository> = {},
  flags: string[] = [],
): Promise<FastifyInstance> {
  ({ app } = await apiApp(flags, { repository: stubRepository(repo) }));
  return app;
}

function conforms(schema: TSchema, value: unknown): void {
  const check = Compile(schema);
  expect(check.Check(value), JSON.stringify([...check.Errors(value)].slice(0, 3))).toBe(true);
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  code: string,
  parameter?: string,
): void {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  conforms(ProblemSchema, body);
  expect(body).toMatchObject({ status, code, type: `urn:naap:problem:${code}` });
  if (parameter !== undefined) expect(body['parameter']).toBe(parameter);
}

describe('validation problems name the parameter and touch no storage', () => {
  it.each([
    ['/api/v1/orchestrators?limit=501', 'limit'],
    ['/api/v1/orchestrators?limit=-1', 'limit'],
    ['/api/v1/orchestrators?limit=ten', 'limit'],
    ['/api/v1/orchestrators?sort=bogus', 'sort'],
    ['/api/v1/orchestrators?window=2h', 'window'],
    ['/api/v1/orchestrators?pipeline=%27%20OR%201%3D1%20--', 'pipeline'],
    ['/api/v1/orchestrators?q=' + 'x'.repeat(129), 'q'],
    ['/api/v1/orchestrators?colour=red', 'colour'],
    ['/api/v1/orchestrators?cursor=%25%25', 'cursor'],
    ['/api/v1/orchestrators?format=xml', 'format'],
    [`/api/v1/orchestrators/${O.toUpperCase().replace('0X', '0x')}`, 'address'],
    ['/api/v1/orchestrators/0x12', 'address'],
    [`/api/v1/gpu/metrics?orchestrator=${O}`, 'metric'],
    ['/api/v1/gpu/metrics?metric=utilization', 'orchestrator'],
    [`/api/v1/gpu/metrics?orchestrator=${O}&metric=utilization&from=yesterday`, 'from'],
    [`/api/v1/gpu/metrics?orchestrator=${O}&metric=utilization&step=0`, 'step'],
    [`/api/v1/gpu/metrics?orchestrator=${O}&metric=utilization&from=2&to=1`, 'from'],
    ['/api/v1/testloads/jobs?window=24h&from=1', 'window'],
    ['/api/v1/testloads/jobs?outcome=ok', 'outcome'],
    ['/api/v1/datasets/cases', 'pipeline'],
    ['/api/v1/jobs/series', 'metric'],
    ['/api/v1/jobs/series?metric=latency&source=chain', 'source'],
    ['/api/v1/live?orchestrator=nope', 'orchestrator'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    let calls = 0;
    const count =
      <T>(v: T) =>
      () => {
        calls++;
        return Promise.resolve(v);
      };
    await start({
      identities: count([]),
      jobCounts: count([]),
      gpuSeries: count([]),
      testloadJobs: count([]),
    });
    const res = await app!.inject(url);
    expectProblem(res, 400, 'invalid_parameter', parameter);
    expect(calls).toBe(0);
  });

  it('bounds ranges: more than 90 days is range_too_large', async () => {
    await start();
    const from = NOW - 91 * 86_400_000;
    const res = await app!.inject(`/api/v1/testloads/jobs?from=${from}`);
    expectProblem(res, 400, 'range_too_large', 'from');
  });
});

describe('errors', () => {
  it('unknown endpoints and orchestrators are 404 problems', async () => {
    await start();
    expectProblem(await app!.inject('/api/v1/nothing-here'), 404, 'not_found');
    expectProblem(
      await app!.inject({ method: 'DELETE', url: '/api/v1/orchestrators' }),
      404,
      'not_found',
    );
    expectProblem(await app!.inject(`/api/v1/orchestrators/${O}`), 404, 'not_found', 'address');
  });

  it('storage failures are 500 problems that leak nothing', async () => {
    await start({
      jobCounts: () =>
        Promise.reject(
          new Error('Code: 62. DB::Exception: Syntax error: SELECT secret FROM naap.otel_logs'),
        ),
    });
    const res = await app!.inject('/api/v1/network/summary');
    expectProblem(res, 500, 'internal');
    expect(res.body).not.toMatch(/SELECT|Syntax|otel_logs|Exception|at /);
  });

  it('a query past the timeout is a 504 problem', async () => {
    await start({ testloadJobs: () => Promise.reject(new QueryTimeoutError()) });
    expectProblem(await app!.inject('/api/v1/testloads/jobs'), 504, 'query_timeout');
  });
});

function job(i: number, attrs: Record<string, string> = {}): StoredJob {
  return {
    timeMs: NOW - 60_000 * (i + 1),
    address: O,
    region: 'FRA',
    pipeline: 'text-to-image',
    model: 'stabilityai/sdxl-turbo',
    attributes: {
      [ATTR.jobId]: `job-${i}`,
      [ATTR.outcome]: 'failure',
      [ATTR.errorClass]: 'runner_error',
      [ATTR.latencyMs]: '412.5',
      [ATTR.swapped]: 'false',
      ...attrs,
    },
  };
}

describe('CSV', () => {
  it('serves lists as RFC 4180 text with hostile text quoted and defused', async () => {
    const message = '=HYPERLINK("http://evil"), line1\nline2';
    await start({
      testloadJobs: () => Promise.resolve([job(0, { [ATTR.errorMessage]: message })]),
    });
    const res = await app!.inject('/api/v1/testloads/jobs?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rest] = res.body.split('\r\n');
    expect(header?.split(',').slice(0, 4)).toEqual(['jobId', 'timeMs', 'source', 'region']);
    expect(rest.join('\r\n')).toContain(`"'=HYPERLINK(""http://evil""), line1\nline2"`);
    expect(res.body.endsWith('\r\n')).toBe(true);
  });

  it('keeps JSON the default and validates against the contract', async () => {
    await start({ testloadJobs: () => Promise.resolve([job(0), job(1)]) });
    const res = await app!.inject('/api/v1/testloads/jobs');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    conforms(TestloadJobsSchema, res.json());
    expect(res.json()).toMatchObject({
      items: [{ jobId: 'job-0', latencyMs: 412.5, outcome: 'failure', source: 'testload' }, {}],
    });
  });
});

function identity(address: string): Identity {
  return {
    address,
    source: 'agent',
    uri: `https://${address.slice(-4)}.example:8935`,
    version: '0.1.0',
    region: 'FRA',
    hosts: ['h1'],
    firstSeenMs: NOW - 3_600_000,
    lastSeenMs: NOW - 1_000,
  };
}

describe('paging', () => {
  const addresses = Array.from({ length: 7 }, (_, i) => A(i + 1));
  const jobs = (q: { dims: readonly string[] }): Promise<JobGroup[]> =>
    Promise.resolve(
      addresses.map((address, i) => ({
        dims: q.dims.includes('source')
          ? { orchestrator: address, source: 'agent' }
          : { orchestrator: address, pipeline: 'llm', model: 'm' },
        bucketMs: null,
        success: 10 * (i % 3),
        failure: 1,
        excused: 0,
      })),
    );

  it('walks every orchestrator once with cursors, in the sort order', async () => {
    await start({ identities: () => Promise.resolve(addresses.map(identity)), jobCounts: jobs });
    const seen: string[] = [];
    let url = '/api/v1/orchestrators?sort=jobs&limit=3';
    for (let page = 0; page < 5; page++) {
      const res = await app!.inject(url);
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        items: { address: string; jobs: number }[];
        nextCursor: string | null;
      }>();
      conforms(OrchestratorListSchema, body);
      seen.push(...body.items.map((r) => r.address));
      if (body.nextCursor === null) break;
      url = `/api/v1/orchestrators?sort=jobs&limit=3&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual([A(3), A(6), A(2), A(5), A(1), A(4), A(7)]);
  });

  it('refuses a cursor used with another sort', async () => {
    await start({ identities: () => Promise.resolve(addresses.map(identity)), jobCounts: jobs });
    const first = (await app!.inject('/api/v1/orchestrators?sort=jobs&limit=2')).json<{
      nextCursor: string;
    }>();
    const res = await app!.inject(
      `/api/v1/orchestrators?sort=fps&limit=2&cursor=${first.nextCursor}`,
    );
    expectProblem(res, 400, 'invalid_parameter', 'cursor');
  });
});

describe('HTTP behaviour', () => {
  it('rate limits per client with 429, Retry-After and a problem', async () => {
    await start({}, ['--api-rate-limit', '3']);
    for (let i = 0; i < 3; i++)
      expect((await app!.inject('/api/v1/datasets')).statusCode).toBe(200);
    const res = await app!.inject('/api/v1/datasets');
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json<{ retryAfterSeconds: number }>().retryAfterSeconds).toBe(
      Number(res.headers['retry-after']),
    );
    const other = await app!.inject({ url: '/api/v1/datasets', remoteAddress: '10.0.0.2' });
    expect(other.statusCode).toBe(200);
  });

  it('exempts configured addresses from the rate limit', async () => {
    await start({}, ['--api-rate-limit', '1', '--api-rate-limit-exempt', '10.0.0.9, 127.0.0.1']);
    for (let i = 0; i < 3; i++)
      expect((await app!.inject('/api/v1/datasets')).statusCode).toBe(200);
    await app!.inject({ url: '/api/v1/datasets', remoteAddress: '10.0.0.3' });
    const limited = await app!.inject({ url: '/api/v1/datasets', remoteAddress: '10.0.0.3' });
    expect(limited.statusCode).toBe(429);
  });

  it('answers 304 to a matching If-None-Match and caches settled history longer', async () => {
    await start();
    const first = await app!.inject('/api/v1/regions');
    conforms(RegionsSchema, first.json());
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=5');
    const again = await app!.inject({ url: '/api/v1/regions', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const changed = await app!.inject({
      url: '/api/v1/regions',
      headers: { 'if-none-match': '"x"' },
    });
    expect(changed.statusCode).toBe(200);
    const old = await app!.inject(
      `/api/v1/testloads/jobs?from=${NOW - 5 * 3_600_000}&to=${NOW - 2 * 3_600_000}`,
    );
    expect(old.headers['cache-control']).toBe('public, max-age=300');
  });

  it('allows cross-origin GETs only', async () => {
    await start();
    const get = await app!.inject({
      url: '/api/v1/datasets',
      headers: { origin: 'https://x.example' },
    });
    expect(get.headers['access-control-allow-origin']).toBe('*');
    const pre = await app!.inject({
      method: 'OPTIONS',
      url: '/api/v1/datasets',
      headers: { origin: 'https://x.example', 'access-control-request-method': 'GET' },
    });
    expect(pre.statusCode).toBe(204);
    expect(String(pre.headers['access-control-allow-methods'])).not.toContain('POST');
  });

  it('serves the OpenAPI document and the docs page', async () => {
    await start();
    const doc = await app!.inject('/api/v1/openapi.json');
    expect(doc.json<{ openapi: string }>().openapi).toBe('3.1.0');
    const docs = await app!.inject('/api/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('summary and datasets answers follow the contract', async () => {
    await start();
    conforms(NetworkSummarySchema, (await app!.inject('/api/v1/network/summary')).json());
    conforms(DatasetsSchema, (await app!.inject('/api/v1/datasets')).json());
  });
});
