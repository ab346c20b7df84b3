import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import { ATTR, EVENT, METRIC, validateTestloadJob, type TestloadJobRecord } from '@naap/otel';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Runner } from '../src/runner.js';
import { smallDataset, testCase } from './dataset.js';
import {
  orch,
  pinnedGateway,
  staticTarget,
  targetsFile,
  testConfig,
  testNetwork,
  workload,
  type TestNetwork,
} from './harness.js';

// Job records reach a real collector: OTLP log records naap.testload.job in
// its logs table, stamped with the gateway's identity, and the test-load
// metrics; the same records in the local JSONL file.

const TOKEN = 'gateway-token-0123456789abcdef';
let dir = '';
let net: TestNetwork;
let collector: RunningCollector;
let records: TestloadJobRecord[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-gw-collector-'));
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([{ token: TOKEN, kind: 'gateway', name: 'gw-fra-1' }]),
  );
  collector = await startCollector(
    await loadConfig(
      [
        '--listen',
        '127.0.0.1:0',
        '--clickhouse',
        `embedded:${join(dir, 'data')}`,
        '--tokens',
        join(dir, 'tokens.json'),
        '--batch-delay-ms',
        '100',
      ],
      {},
    ),
    pino({ level: 'silent' }),
  );
  // Simulated time starts now: the collector keeps raw rows for a limited time.
  net = await testNetwork(
    [
      orch('alpha', [
        workload('text-to-image', 'sdxl'),
        workload('llm', 'llama', { latency: { p50Ms: 5000, p95Ms: 8000 } }),
      ]),
    ],
    100,
    11,
    Date.now(),
  );
  const gw = await pinnedGateway(net, 'alpha');
  const config = await testConfig({
    pinning: 'static',
    'targets-file': await targetsFile(net, { targets: [staticTarget(net, 'alpha', gw)] }),
    'jobs-per-unit': 3,
    collector: collector.url,
    token: TOKEN,
    'instance-id': 'gw-fra-1',
    'results-file': join(dir, 'results.jsonl'),
  });
  const dataset = await smallDataset([
    testCase('text-to-image', 't2i/good-32', { prompt: 'a fox', width: 32, height: 32 }),
    testCase('llm', 'llm/good', {
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      max_tokens: 8,
    }),
  ]);
  const runner = await Runner.create(config, {
    dataset,
    clock: net.runnerClock,
    log: pino({ level: 'silent' }),
  });
  records = (await runner.once()).jobs.map((j) => j.record);
  await runner.close();
}, 120_000);

afterAll(async () => {
  await collector.close();
  await net.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function query<T>(sql: string, params: Record<string, string> = {}): Promise<T[]> {
  const rs = await collector.store.client.query({
    query: sql,
    query_params: params,
    format: 'JSONEachRow',
  });
  return rs.json<T>();
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('reporting to a real collector', () => {
  it('stores one naap.testload.job log record per job, with the gateway identity', async () => {
    expect(records).toHaveLength(6);
    const table = collector.store.table('otel_logs');
    await eventually(async () => {
      const [row] = await query<{ n: string }>(
        `SELECT count() AS n FROM ${table} WHERE EventName = {e:String}`,
        { e: EVENT.testloadJob },
      );
      return Number(row?.n) === records.length;
    });
    const rows = await query<{
      job: string;
      case: string;
      orch: string;
      source: string;
      service: string;
      instance: string;
      synthetic: string;
      version: string;
    }>(
      `SELECT LogAttributes[{job:String}] AS job, LogAttributes[{case:String}] AS case, OrchestratorAddress AS orch, Source AS source,
              ResourceAttributes[{svc:String}] AS service, ResourceAttributes[{inst:String}] AS instance,
              ResourceAttributes[{syn:String}] AS synthetic, LogAttributes[{ver:String}] AS version
       FROM ${table} WHERE EventName = {e:String}`,
      {
        e: EVENT.testloadJob,
        job: ATTR.jobId,
        case: ATTR.caseId,
        svc: ATTR.serviceName,
        inst: ATTR.serviceInstanceId,
        syn: ATTR.synthetic,
        ver: ATTR.datasetVersion,
      },
    );
    expect(rows.map((r) => r.job).sort()).toEqual(records.map((r) => r.jobId).sort());
    for (const r of rows) {
      expect(r.orch).toBe(net.address('alpha'));
      expect(r.source).toBe('testload');
      expect(r.synthetic).toBe('true');
      expect(r.service).toBe('naap-gateway');
      expect(r.instance).toBe('gw-fra-1');
      expect(r.version).toBe('test-1');
      expect(['t2i/good-32', 'llm/good']).toContain(r.case);
    }
  });

  it('stores the job counters and latency histograms for the orchestrator measured', async () => {
    const sums = collector.store.table('otel_metrics_sum');
    await eventually(async () => {
      const [row] = await query<{ n: number }>(
        `SELECT sum(Value) AS n FROM ${sums} WHERE MetricName = {m:String}`,
        { m: METRIC.jobs },
      );
      return Number(row?.n) === records.length;
    });
    const hist = collector.store.table('otel_metrics_histogram');
    const rows = await query<{ orch: string; n: string; pipeline: string }>(
      `SELECT OrchestratorAddress AS orch, Pipeline AS pipeline, sum(Count) AS n FROM ${hist} WHERE MetricName = {m:String} GROUP BY orch, pipeline ORDER BY pipeline`,
      { m: METRIC.jobDuration },
    );
    expect(rows.map((r) => [r.orch, r.pipeline, Number(r.n)])).toEqual([
      [net.address('alpha'), 'llm', 3],
      [net.address('alpha'), 'text-to-image', 3],
    ]);
  });

  it('appends the same records to the JSONL file', async () => {
    const lines = (await readFile(join(dir, 'results.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(records.length);
    for (const line of lines) expect(validateTestloadJob(JSON.parse(line)).ok).toBe(true);
    expect(lines.map((l) => (JSON.parse(l) as TestloadJobRecord).jobId).sort()).toEqual(
      records.map((r) => r.jobId).sort(),
    );
  });
});
