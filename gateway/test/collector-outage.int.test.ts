import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import { ATTR, EVENT, METRIC, type TestloadJobRecord } from '@naap/otel';
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

// The collector goes away for OUTAGE_MS and comes back on the same address
// and data directory while an agent (its own process, as deployed) and a
// test-load gateway keep producing. The agent's buffer (points, default
// 500 000) outlasts the outage: everything it sampled must arrive, in order.
// The gateway appends every record to its JSONL file (its outbox) and sends
// the records the collector has not acknowledged yet: those it made during
// the outage arrive after the return, each exactly once.

/** How long the collector is down: tens of seconds, so CI stays short. */
const OUTAGE_MS = 20_000;
const AGENT_INTERVAL_MS = 1_000;
const AGENT_TOKEN = 'agent-outage-token-0123456789';
const GATEWAY_TOKEN = 'gateway-outage-token-0123456789';
const agentEntry = fileURLToPath(new URL('../../agent/src/bin.ts', import.meta.url));

let dir = '';
let port = 0;
let net: TestNetwork;
let collector: RunningCollector | undefined;
let agent: ChildProcess | undefined;
let runner: Runner | undefined;
const abort = new AbortController();
let running: Promise<void> = Promise.resolve();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function start(): Promise<RunningCollector> {
  const config = await loadConfig(
    [
      ...['--listen', `127.0.0.1:${port}`, '--clickhouse', `embedded:${join(dir, 'data')}`],
      ...['--tokens', join(dir, 'tokens.json'), '--batch-delay-ms', '100'],
    ],
    {},
  );
  return startCollector(config, pino({ level: 'silent' }));
}

function live(): RunningCollector {
  if (collector === undefined) throw new Error('the collector is down');
  return collector;
}

async function query<T>(sql: string, params: Record<string, string>): Promise<T[]> {
  const rs = await live().store.client.query({
    query: sql,
    query_params: params,
    format: 'JSONEachRow',
  });
  return rs.json<T>();
}

/** Distinct times (Unix ms) of the agent's heartbeats stored, in order. */
async function heartbeats(): Promise<number[]> {
  const rows = await query<{ t: string | number }>(
    `SELECT DISTINCT toUnixTimestamp64Milli(TimeUnix) AS t FROM ${live().store.table('otel_metrics_gauge')}
     WHERE MetricName = {m:String} ORDER BY t`,
    { m: METRIC.agentHeartbeat },
  );
  return rows.map((r) => Number(r.t));
}

/** Ids of the test-load job records stored, with how often each is. */
async function storedJobs(): Promise<Map<string, number>> {
  const rows = await query<{ job: string; n: string | number }>(
    `SELECT LogAttributes[{j:String}] AS job, count() AS n FROM ${live().store.table('otel_logs')}
     WHERE EventName = {e:String} GROUP BY job`,
    { e: EVENT.testloadJob, j: ATTR.jobId },
  );
  return new Map(rows.map((r) => [r.job, Number(r.n)]));
}

/** The job records in the gateway's results file. */
async function readRecords(): Promise<TestloadJobRecord[]> {
  return (await readFile(join(dir, 'results.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TestloadJobRecord);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(250);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-outage-'));
  port = await freePort();
  net = await testNetwork(
    [orch('alpha', [workload('text-to-image', 'sdxl')])],
    100,
    11,
    Date.now(),
  );
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([
      { token: AGENT_TOKEN, kind: 'agent', address: net.address('alpha') },
      { token: GATEWAY_TOKEN, kind: 'gateway', name: 'gw-outage' },
    ]),
  );
  collector = await start();
  const gw = await pinnedGateway(net, 'alpha');
  const config = await testConfig({
    pinning: 'static',
    'targets-file': await targetsFile(net, { targets: [staticTarget(net, 'alpha', gw)] }),
    'jobs-per-unit': 2,
    // Simulated time runs 100× faster: a round about every second.
    'cadence-ms': 100_000,
    collector: collector.url,
    token: GATEWAY_TOKEN,
    'instance-id': 'gw-outage',
    'results-file': join(dir, 'results.jsonl'),
    'export-interval-ms': 1_000,
    // Retries at most 2 s apart: the backlog goes out soon after the return.
    'outbox-max-backoff-ms': 2_000,
  });
  runner = await Runner.create(config, {
    dataset: await smallDataset([
      testCase('text-to-image', 't2i/good-32', { prompt: 'a fox', width: 32, height: 32 }),
    ]),
    clock: net.runnerClock,
    log: pino({ level: 'silent' }),
  });
  agent = spawn(
    process.execPath,
    ['--conditions=@naap/source', '--import', 'tsx', agentEntry, 'run'],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        NAAP_AGENT_COLLECTOR: collector.url,
        NAAP_AGENT_TOKEN: AGENT_TOKEN,
        NAAP_AGENT_ADDRESS: net.address('alpha'),
        NAAP_AGENT_EXPORT_INTERVAL_MS: String(AGENT_INTERVAL_MS),
        NAAP_AGENT_GO_LIVEPEER_CLI: '',
        NAAP_AGENT_SAMPLERS: 'host',
      },
    },
  );
  running = runner.run(abort.signal);
}, 120_000);

afterAll(async () => {
  abort.abort();
  await running.catch(() => undefined);
  await runner?.close().catch(() => undefined);
  agent?.kill('SIGKILL');
  await collector?.close();
  await net.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe(`collector down for ${OUTAGE_MS / 1000} s while an agent and a gateway produce`, () => {
  let downAt = 0;
  let upAt = 0;
  /** The outage in the gateway's (simulated) time. */
  let simDown = 0;
  let simUp = 0;
  let kept: TestloadJobRecord[] = [];
  let stored = new Map<string, number>();
  /** Records of the outage in the file, and those stored before the gateway stopped. */
  let outage: TestloadJobRecord[] = [];
  let storedWhileRunning = new Map<string, number>();

  beforeAll(async () => {
    // Both have delivered something before the collector goes away.
    await eventually(
      async () => (await heartbeats()).length >= 2 && (await storedJobs()).size >= 1,
      60_000,
    );
    await live().close();
    collector = undefined;
    downAt = Date.now();
    simDown = net.clock.now();
    await sleep(OUTAGE_MS);
    collector = await start();
    upAt = Date.now();
    simUp = net.clock.now();
    // The agent delivers in order: a heartbeat sampled after the return means the backlog is in.
    await eventually(async () => ((await heartbeats()).at(-1) ?? 0) > upAt + 2_000, 60_000);
    // The running gateway sends the outage's backlog by itself (not only when it stops).
    outage = (await readRecords()).filter((r) => r.timeUnixMs >= simDown && r.timeUnixMs < simUp);
    await eventually(async () => {
      storedWhileRunning = await storedJobs();
      return outage.every((r) => storedWhileRunning.has(r.jobId));
    }, 60_000).catch(() => undefined);
    // The gateway runs a few more rounds, then stops (its sinks flush on close).
    await sleep(3_000);
    abort.abort();
    await running;
    await runner?.close();
    runner = undefined;
    kept = await readRecords();
    await eventually(async () => {
      stored = await storedJobs();
      return kept.every((r) => stored.has(r.jobId));
    }, 20_000);
  }, 180_000);

  it('the agent delivers everything it sampled meanwhile: no gap in its heartbeats', async () => {
    const times = await heartbeats();
    expect(times[0]).toBeLessThan(downAt);
    expect(times.at(-1)).toBeGreaterThan(upAt);
    // One sample per export interval; under a loaded CPU the agent's timers may lag.
    const during = times.filter((t) => t > downAt && t < upAt);
    expect(during.length).toBeGreaterThanOrEqual(OUTAGE_MS / AGENT_INTERVAL_MS / 4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThan(OUTAGE_MS / 4);
  });

  it('the gateway keeps every record locally and delivers each exactly once, outage included', () => {
    const made = (from: number, to: number) =>
      kept.filter((r) => r.timeUnixMs >= from && r.timeUnixMs < to);
    expect(made(0, simDown).length).toBeGreaterThan(0);
    expect(made(simDown, simUp).length).toBeGreaterThan(0); // it kept measuring meanwhile
    expect(made(simUp, Number.MAX_SAFE_INTEGER).length).toBeGreaterThan(0);
    expect(kept.filter((r) => !stored.has(r.jobId))).toEqual([]);
    // Nothing stored twice, nothing the gateway did not make.
    expect([...stored.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const ids = new Set(kept.map((r) => r.jobId));
    expect([...stored.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect(stored.size).toBe(kept.length);
  });

  it('the running gateway delivers the records it made while the collector was down', () => {
    expect(outage.length).toBeGreaterThan(0);
    expect(outage.filter((r) => !storedWhileRunning.has(r.jobId))).toEqual([]);
  });
});
