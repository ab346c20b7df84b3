import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import { ATTR, EVENT, type TestloadJobRecord } from '@naap/otel';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  orch,
  pinnedGateway,
  staticTarget,
  targetsFile,
  testNetwork,
  workload,
  type TestNetwork,
} from './harness.js';

// naap-gateway as deployed (its own process) reports to a collector that
// goes away; the gateway is killed (SIGKILL) while the collector is down,
// with records only in its results file, and started again once the
// collector is back: the new process sends what the old one could not, from
// the offset it saved, and every record arrives exactly once.

const TOKEN = 'gateway-restart-token-0123456789';
const entry = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let dir = '';
let port = 0;
let net: TestNetwork;
let collector: RunningCollector | undefined;
let targets = '';
const children: ChildProcess[] = [];
const logs: string[] = [];

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

async function startOurCollector(): Promise<RunningCollector> {
  const config = await loadConfig(
    [
      ...['--listen', `127.0.0.1:${port}`, '--clickhouse', `embedded:${join(dir, 'data')}`],
      ...['--tokens', join(dir, 'tokens.json'), '--batch-delay-ms', '100'],
    ],
    {},
  );
  return startCollector(config, pino({ level: 'silent' }));
}

/** `naap-gateway run` in its own process; what it logs (warnings and errors) goes to `logs`. */
function startGateway(n: number): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@naap/source', '--import', 'tsx', entry, 'run'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        NAAP_GATEWAY_REGION: 'FRA',
        NAAP_GATEWAY_COLLECTOR: `http://127.0.0.1:${port}`,
        NAAP_GATEWAY_TOKEN: TOKEN,
        NAAP_GATEWAY_INSTANCE_ID: 'gw-restart',
        NAAP_GATEWAY_PINNING: 'static',
        NAAP_GATEWAY_TARGETS_FILE: targets,
        NAAP_GATEWAY_PIPELINE: 'text-to-image',
        NAAP_GATEWAY_JOBS_PER_UNIT: '2',
        NAAP_GATEWAY_CADENCE_MS: '1000',
        NAAP_GATEWAY_MAX_JOBS_PER_MINUTE: '600',
        NAAP_GATEWAY_RESULTS_FILE: join(dir, 'results.jsonl'),
        NAAP_GATEWAY_EXPORT_INTERVAL_MS: '1000',
        NAAP_GATEWAY_OUTBOX_MAX_BACKOFF_MS: '1000',
        NAAP_GATEWAY_LOG_LEVEL: 'warn',
      },
    },
  );
  child.stderr.on('data', (b: Buffer) => {
    logs.push(`gateway ${n}: ${b.toString('utf8')}`);
  });
  children.push(child);
  return child;
}

function live(): RunningCollector {
  if (collector === undefined) throw new Error('the collector is down');
  return collector;
}

/** Ids of the test-load job records stored, with how often each is. */
async function storedJobs(): Promise<Map<string, number>> {
  const rs = await live().store.client.query({
    query: `SELECT LogAttributes[{j:String}] AS job, count() AS n FROM ${live().store.table('otel_logs')}
            WHERE EventName = {e:String} GROUP BY job`,
    query_params: { e: EVENT.testloadJob, j: ATTR.jobId },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ job: string; n: string | number }>();
  return new Map(rows.map((r) => [r.job, Number(r.n)]));
}

/** The records in the results file (complete lines that parse; a torn last line is not one). */
async function fileRecords(): Promise<TestloadJobRecord[]> {
  const text = await readFile(join(dir, 'results.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l) as TestloadJobRecord];
    } catch {
      return [];
    }
  });
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
  dir = await mkdtemp(join(tmpdir(), 'naap-gw-restart-'));
  port = await freePort();
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([{ token: TOKEN, kind: 'gateway', name: 'gw-restart' }]),
  );
  collector = await startOurCollector();
  net = await testNetwork(
    [orch('alpha', [workload('text-to-image', 'sdxl')])],
    100,
    11,
    Date.now(),
  );
  const gw = await pinnedGateway(net, 'alpha');
  targets = await targetsFile(net, { targets: [staticTarget(net, 'alpha', gw)] });
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await collector?.close();
  await net.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('gateway killed while the collector is down, started again after it is back', () => {
  let beforeOutage = 0;
  let madeWhileDown: TestloadJobRecord[] = [];
  let kept: TestloadJobRecord[] = [];
  let stored = new Map<string, number>();
  let secondExit: number | null = null;

  beforeAll(async () => {
    const first = startGateway(1);
    await eventually(async () => (await storedJobs()).size >= 2, 90_000);
    await live().close();
    collector = undefined;
    beforeOutage = (await fileRecords()).length;
    // The first gateway keeps measuring while the collector is down, then dies.
    await eventually(async () => (await fileRecords()).length >= beforeOutage + 4, 60_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    madeWhileDown = (await fileRecords()).slice(beforeOutage);
    collector = await startOurCollector();
    const second = startGateway(2);
    // The second gateway sends the first one's backlog, then its own records.
    await eventually(async () => {
      stored = await storedJobs();
      return madeWhileDown.every((r) => stored.has(r.jobId));
    }, 90_000);
    second.kill('SIGTERM');
    [secondExit] = (await once(second, 'exit')) as [number | null];
    kept = await fileRecords();
    await eventually(async () => {
      stored = await storedJobs();
      return kept.every((r) => stored.has(r.jobId));
    }, 30_000);
  }, 300_000);

  it('the records made while the collector was down were kept and then delivered', () => {
    expect(madeWhileDown.length).toBeGreaterThanOrEqual(4);
    expect(
      madeWhileDown.filter((r) => !stored.has(r.jobId)),
      logs.join(''),
    ).toEqual([]);
  });

  it('every record in the file is stored exactly once, nothing else is', () => {
    expect(kept.length).toBeGreaterThan(madeWhileDown.length);
    expect(
      kept.filter((r) => stored.get(r.jobId) !== 1),
      logs.join(''),
    ).toEqual([]);
    const ids = new Set(kept.map((r) => r.jobId));
    expect([...stored.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('the second gateway stops cleanly on SIGTERM', () => {
    expect(secondExit, logs.join('')).toBe(0);
  });
});
