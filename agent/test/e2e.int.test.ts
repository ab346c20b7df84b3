import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTR, METRIC } from '@naap/otel';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import {
  computeTruth,
  manualNetwork,
  startOrchestratorSurfaces,
  writeNvidiaSmiWrapper,
  type ManualNetwork,
  type OrchestratorSurfaces,
} from '@naap/sim';
import { execa, type ResultPromise } from 'execa';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DURATION_BOUNDARIES_S } from '../src/samplers/go-livepeer-log/buckets.js';
import {
  heartbeatAfter,
  lastSuccess,
  storedGpus,
  storedGpuTuples,
  storedJobCounts,
  storedLatencies,
  type StoredWindow,
} from './e2e-storage.js';
import {
  MINUTES,
  SCENARIO,
  T0,
  T1,
  expectedJobCounts,
  matchingSeconds,
  relativeError,
  type StoredGpuTuple,
} from './e2e-truth.js';

// The whole chain on one host: a simulated orchestrator (go-livepeer CLI and
// job log on a manual clock, a fake nvidia-smi on a real-time clock) →
// `naap-agent run` → a real collector → storage, compared with the
// simulator's ground truth. The job window is explicit and closed: the
// simulated clock starts at T0, moves to T1 minute by minute once the agent
// runs, and never moves again; the figures are read once the agent has
// provably read and exported everything up to T1.

const TOKEN = 'agent-e2e-token-0123456789';
const EXPORT_MS = 1000;
const agentEntry = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let dir = '';
let net: ManualNetwork;
let surfaces: OrchestratorSurfaces;
let collector: RunningCollector;
let agent: ResultPromise | undefined;
let startedWall = 0;
let agentOutput = '';

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in time; agent said:\n${agentOutput.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  const { ensureSimBuilt } = (await import(
    new URL('../../sim/test/ensure-built.ts', import.meta.url).href
  )) as { ensureSimBuilt: () => Promise<void> };
  await ensureSimBuilt();
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-e2e-'));
  net = manualNetwork(SCENARIO, { startMs: T0 });
  surfaces = await startOrchestratorSurfaces(net.ctx(join(dir, 'sim')), net.orchestrator, {
    flushIntervalMs: 3_600_000,
  });
  // The fake nvidia-smi is a separate process: it reads the same scenario and
  // follows its own real-time clock (simulated time = wall time).
  await writeFile(join(dir, 'scenario.json'), JSON.stringify(SCENARIO));
  startedWall = Date.now();
  const clock = { wallOriginMs: startedWall, simOriginMs: startedWall, speed: 1, catchUp: false };
  await writeFile(
    join(dir, 'host.json'),
    JSON.stringify({ scenarioPath: 'scenario.json', seed: 21, orchestratorId: 'orch-e2e', clock }),
  );
  const smi = await writeNvidiaSmiWrapper(join(dir, 'bin'), join(dir, 'host.json'));
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([{ token: TOKEN, kind: 'agent', address: net.orchestrator.address }]),
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
        NAAP_AGENT_NVIDIA_SMI: smi,
        NAAP_AGENT_REGION: 'FRA',
        NAAP_AGENT_EXPORT_INTERVAL_MS: String(EXPORT_MS),
        NAAP_AGENT_GO_LIVEPEER_CLI: surfaces.cliUrl,
        NAAP_AGENT_JOB_LOG: surfaces.jobLogPath,
        NAAP_AGENT_SAMPLERS: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log',
        NAAP_AGENT_SCRAPE_INTERVAL_MS: '1000',
      },
    },
  );
  agent.all?.on('data', (chunk: Buffer) => {
    agentOutput = (agentOutput + chunk.toString('utf8')).slice(-100_000);
  });
}, 180_000);

afterAll(async () => {
  agent?.kill('SIGKILL');
  await collector.close();
  await surfaces.close();
  await net.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('simulator → naap-agent → collector', () => {
  it('delivers every GPU of the host by UUID, with contract units, bound to the orchestrator', async () => {
    const uuids = net.orchestrator.gpus.map((g) => g.uuid).sort();
    const stored = () => storedGpus(collector.store, METRIC.gpuUtilization, ATTR.hwModel);
    await eventually(async () => (await stored()).length === uuids.length, 90_000);
    const rows = await stored();
    expect(rows.map((r) => r.gpu)).toEqual(uuids);
    for (const r of rows) expect([r.address, r.region]).toEqual([net.orchestrator.address, 'FRA']);
    expect(new Set(rows.map((r) => r.attribute))).toEqual(
      new Set(['NVIDIA GeForce RTX 4090', 'NVIDIA A100-SXM4-80GB']),
    );
  }, 120_000);

  it('counts exactly the window’s jobs per pipeline, model, outcome and error class, and their latency', async () => {
    // The agent follows the log (its start offset fixed) and scrapes /metrics:
    // only then does the window open.
    await eventually(
      async () =>
        agentOutput.includes('following the go-livepeer log') &&
        (await lastSuccess(collector.store, 'go-livepeer-metrics')).value > 0,
      60_000,
    );
    for (let m = 1; m <= MINUTES; m++) {
      net.engine.advanceTo(T0 + m * 60_000);
      await surfaces.flush();
    }
    const closedAt = Date.now();
    // A line after the window: the log pass that reads it read everything before it.
    await new Promise((r) => setTimeout(r, 2000));
    const marker = Date.now();
    await appendFile(surfaces.jobLogPath, 'end of the e2e window\n');
    // Flushed: a log pass that ended after the marker, a scrape that began after
    // the window closed (its timeout is 3 s), then one more export.
    let collected = 0;
    await eventually(async () => {
      const log = await lastSuccess(collector.store, 'go-livepeer-log');
      const scrape = await lastSuccess(collector.store, 'go-livepeer-metrics');
      collected = Math.max(log.atMs, scrape.atMs);
      return log.value * 1000 >= marker && scrape.value * 1000 >= closedAt + 3_500;
    }, 60_000);
    await eventually(() => heartbeatAfter(collector.store, collected + EXPORT_MS), 30_000);

    const truth = computeTruth(net.network, { fromMs: T0, toMs: T1, gpuUtilization: false });
    const window: StoredWindow = {
      store: collector.store,
      address: net.orchestrator.address,
      from: new Date(Math.floor(startedWall / 60_000) * 60_000 - 60_000),
      to: new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000),
    };

    const expected = expectedJobCounts(truth);
    // The window holds every kind of count the scenario asks for.
    expect([...expected.keys()].sort()).toEqual([
      'audio-to-text|openai/whisper-large-v3|success|-',
      'text-to-image|stabilityai/sdxl-turbo|excused|client_disconnect',
      'text-to-image|stabilityai/sdxl-turbo|failure|oom',
      'text-to-image|stabilityai/sdxl-turbo|failure|timeout',
      'text-to-image|stabilityai/sdxl-turbo|success|-',
    ]);
    expect(await storedJobCounts(window)).toEqual(expected);

    const latencies = await storedLatencies(window);
    const rows = (pipeline: string) => truth.rows.filter((r) => r.pipeline === pipeline);
    const successes = (pipeline: string) => rows(pipeline).reduce((n, r) => n + r.jobs.success, 0);
    // One `took=` per successful job, exactly.
    const image = latencies.get('text-to-image|stabilityai/sdxl-turbo');
    expect(image?.count).toBe(successes('text-to-image'));
    const whisper = latencies.get('audio-to-text|openai/whisper-large-v3');
    const [truthRow] = rows('audio-to-text');
    const t = truthRow?.latencyMs;
    expect(t?.count).toBeGreaterThan(200);
    expect(whisper?.count).toBe(t?.count);
    // Durations are printed to the microsecond: their sum is exact to rounding.
    expect(
      relativeError(whisper?.sumS ?? 0, ((t?.mean ?? 0) * (t?.count ?? 0)) / 1000),
    ).toBeLessThan(1e-6);
    // Quantiles read off the buckets lie within the bucket of the true value:
    // neighbouring bounds differ by 10 % (buckets.ts).
    const ratio = Math.max(
      ...JOB_DURATION_BOUNDARIES_S.slice(1).map((b, i) => b / (JOB_DURATION_BOUNDARIES_S[i] ?? b)),
    );
    const [p50, p95, p99] = whisper?.quantiles ?? [];
    for (const [estimate, trueMs] of [
      [p50, t?.p50],
      [p95, t?.p95],
      [p99, t?.p99],
    ] as const) {
      expect(relativeError((estimate ?? 0) * 1000, trueMs ?? 1)).toBeLessThan(ratio - 1);
    }
  }, 180_000);

  it('stores each GPU gauge as the fake nvidia-smi printed it at a sampled second', async () => {
    const PER_GPU = 5;
    let complete: StoredGpuTuple[] = [];
    await eventually(async () => {
      complete = await storedGpuTuples(collector.store);
      const perGpu = net.orchestrator.gpus.map(
        (g) => complete.filter((t) => t.gpu === g.uuid).length,
      );
      return perGpu.every((n) => n >= PER_GPU);
    }, 90_000);
    // Simulated time = wall time for the fake nvidia-smi; a reading is at most
    // 3 intervals old when exported (STALE_INTERVALS), so it is one of the
    // seconds just before the collection.
    for (const tuple of complete) {
      const candidates = [0, 1, 2, 3, 4].map((k) => (Math.floor(tuple.atMs / 1000) - k) * 1000);
      const seconds = matchingSeconds(net.network, net.orchestrator, tuple, candidates);
      expect(seconds.length, JSON.stringify(tuple)).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it('makes a final export and exits 0 on SIGTERM', async () => {
    const killedAt = Date.now();
    agent?.kill('SIGTERM');
    const result = await agent;
    expect(result?.exitCode, String(result?.all).slice(-3000)).toBe(0);
    // The last collection, made after the signal, reached storage.
    await eventually(() => heartbeatAfter(collector.store, killedAt), 10_000);
  }, 30_000);
});
