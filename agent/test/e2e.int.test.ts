import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR, METRIC } from '@naap/otel';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import { startSimulation, type RunningSimulation } from '@naap/sim';
import { execa, type ResultPromise } from 'execa';
import { pino } from 'pino';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The whole chain on one host: a simulated orchestrator (go-livepeer CLI,
// job log, fake nvidia-smi) → `naap-agent run` → a real collector → storage.

const SCENARIO = `
version: 1
name: agent-e2e
seed: 21
orchestrators:
  - id: orch-e2e
    region: FRA
    gpus:
      - model: rtx-4090
        count: 2
        workloads: [{ pipeline: text-to-image, model: stabilityai/sdxl-turbo, demandPerHour: 20000, capacity: 4 }]
`;
const TOKEN = 'agent-e2e-token-0123456789';
const agentEntry = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let dir = '';
let sim: RunningSimulation;
let collector: RunningCollector;
let agent: ResultPromise | undefined;

beforeAll(async () => {
  const { ensureSimBuilt } = (await import(
    new URL('../../sim/test/ensure-built.ts', import.meta.url).href
  )) as { ensureSimBuilt: () => Promise<void> };
  await ensureSimBuilt();
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-e2e-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  sim = await startSimulation({
    scenarioPath: join(dir, 'scenario.yaml'),
    stateDir: join(dir, 'sim'),
  });
  const o = sim.endpoints.orchestrators[0]!;
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([{ token: TOKEN, kind: 'agent', address: o.address }]),
  );
  const config = await loadConfig(
    [
      '--listen',
      '127.0.0.1:0',
      '--clickhouse',
      `embedded:${join(dir, 'data')}`,
      '--tokens',
      join(dir, 'tokens.json'),
      '--batch-delay-ms',
      '200',
    ],
    {},
  );
  collector = await startCollector(config, pino({ level: 'silent' }));
  agent = execa(
    process.execPath,
    ['--conditions=@naap/source', '--import', 'tsx', agentEntry, 'run'],
    {
      reject: false,
      all: true,
      // A clean stop (samplers, final export) may take a few seconds.
      forceKillAfterDelay: 20_000,
      env: {
        NAAP_AGENT_COLLECTOR: collector.url,
        NAAP_AGENT_TOKEN: TOKEN,
        NAAP_AGENT_NVIDIA_SMI: o.nvidiaSmi,
        NAAP_AGENT_REGION: 'FRA',
        NAAP_AGENT_EXPORT_INTERVAL_MS: '1000',
        NAAP_AGENT_GO_LIVEPEER_CLI: o.cliUrl,
        NAAP_AGENT_JOB_LOG: o.jobLog,
        NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log',
        NAAP_AGENT_SCRAPE_INTERVAL_MS: '1000',
      },
    },
  );
}, 120_000);

afterAll(async () => {
  agent?.kill('SIGKILL');
  await collector.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function query<T>(sql: string, params: Record<string, string>): Promise<T[]> {
  const rs = await collector.store.client.query({
    query: sql,
    query_params: params,
    format: 'JSONEachRow',
  });
  return rs.json<T>();
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('simulator → naap-agent → collector', () => {
  it('delivers every GPU of the host by UUID, with contract units, bound to the orchestrator', async () => {
    const o = sim.endpoints.orchestrators[0]!;
    const uuids = sim.network.orchestrators[0]!.gpus.map((g) => g.uuid).sort();
    const table = collector.store.table('otel_metrics_gauge');
    await eventually(
      async () =>
        (
          await query(`SELECT DISTINCT GpuId FROM ${table} WHERE MetricName = {m:String}`, {
            m: METRIC.gpuUtilization,
          })
        ).length === 2,
      60_000,
    );
    const rows = await query<{
      GpuId: string;
      OrchestratorAddress: string;
      Region: string;
      v: number;
      model: string;
    }>(
      `SELECT GpuId, any(OrchestratorAddress) AS OrchestratorAddress, any(Region) AS Region, max(Value) AS v, any(Attributes[{k:String}]) AS model
       FROM ${table} WHERE MetricName = {m:String} GROUP BY GpuId ORDER BY GpuId`,
      { m: METRIC.gpuUtilization, k: ATTR.hwModel },
    );
    expect(rows.map((r) => r.GpuId)).toEqual(uuids);
    for (const r of rows) {
      expect(r.OrchestratorAddress).toBe(o.address);
      expect(r.Region).toBe('FRA');
      expect(r.model).toBe('NVIDIA GeForce RTX 4090');
      expect(r.v).toBeGreaterThanOrEqual(0);
      expect(r.v).toBeLessThanOrEqual(1);
    }
    const memory = await query<{ v: number }>(
      `SELECT max(Value) AS v FROM ${table} WHERE MetricName = {m:String}`,
      { m: METRIC.gpuMemoryLimit },
    );
    expect(memory[0]?.v).toBe(24564 * 1048576);
  }, 90_000);

  it('delivers job counts and per-job durations from go-livepeer', async () => {
    await eventually(async () => {
      const rows = await query<{ n: number }>(
        `SELECT sum(Value) AS n FROM ${collector.store.table('otel_metrics_sum')} WHERE MetricName = {m:String}`,
        { m: METRIC.jobs },
      );
      return (rows[0]?.n ?? 0) > 0;
    }, 60_000);
    await eventually(async () => {
      const rows = await query<{ n: number }>(
        `SELECT sum(Count) AS n FROM ${collector.store.table('otel_metrics_histogram')} WHERE MetricName = {m:String}`,
        { m: METRIC.jobDuration },
      );
      return (rows[0]?.n ?? 0) > 0;
    }, 60_000);
  }, 130_000);

  it('makes a final export and exits 0 on SIGTERM', async () => {
    agent?.kill('SIGTERM');
    const result = await agent;
    expect(result?.exitCode, String(result?.all).slice(-3000)).toBe(0);
  }, 30_000);
});
