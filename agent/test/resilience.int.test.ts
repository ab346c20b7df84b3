import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRIC } from '@naap/otel';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import { execa, type ResultPromise } from 'execa';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The collector goes away for a while and comes back: the agent keeps
// sampling into its buffer and delivers it, so the heartbeat series has no gap.

const TOKEN = 'agent-resilience-token-0123';
const ADDRESS = '0x5555555555555555555555555555555555555555';
const INTERVAL_MS = 500;
const agentEntry = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let dir = '';
let port = 0;
let collector: RunningCollector | undefined;
let agent: ResultPromise | undefined;

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
      '--listen',
      `127.0.0.1:${port}`,
      '--clickhouse',
      `embedded:${join(dir, 'data')}`,
      '--tokens',
      join(dir, 'tokens.json'),
      '--batch-delay-ms',
      '100',
    ],
    {},
  );
  return startCollector(config, pino({ level: 'silent' }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-res-'));
  port = await freePort();
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([{ token: TOKEN, kind: 'agent', address: ADDRESS }]),
  );
  collector = await start();
  agent = execa(
    process.execPath,
    ['--conditions=@naap/source', '--import', 'tsx', agentEntry, 'run'],
    {
      reject: false,
      forceKillAfterDelay: 20_000,
      env: {
        NAAP_AGENT_COLLECTOR: `http://127.0.0.1:${port}`,
        NAAP_AGENT_TOKEN: TOKEN,
        NAAP_AGENT_ADDRESS: ADDRESS,
        NAAP_AGENT_EXPORT_INTERVAL_MS: String(INTERVAL_MS),
        NAAP_AGENT_GO_LIVEPEER_CLI: '',
        NAAP_AGENT_SAMPLERS: 'host',
      },
    },
  );
}, 60_000);

afterAll(async () => {
  agent?.kill('SIGKILL');
  await collector?.close();
  await rm(dir, { recursive: true, force: true });
});

async function heartbeatTimes(c: RunningCollector): Promise<number[]> {
  const rs = await c.store.client.query({
    query: `SELECT toUnixTimestamp64Milli(TimeUnix) AS t FROM ${c.store.table('otel_metrics_gauge')} WHERE MetricName = {m:String} ORDER BY TimeUnix`,
    query_params: { m: METRIC.agentHeartbeat },
    format: 'JSONEachRow',
  });
  return (await rs.json<{ t: string | number }>()).map((r) => Number(r.t));
}

/** Polls until `check` holds; start-up on a loaded machine takes what it takes. */
async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('collector down, then up', () => {
  it('delivers every heartbeat sampled meanwhile, in order, without a gap', async () => {
    // The agent is exporting once its heartbeats arrive, however long it took to start.
    await until(
      async () => (await heartbeatTimes(collector!)).length >= 2,
      40_000,
      'first heartbeats',
    );
    await collector?.close();
    collector = undefined;
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 4_000));
    const upAt = Date.now();
    const up = await start();
    collector = up;
    // Delivery is in order: a heartbeat sampled after the return means the backlog is in.
    await until(
      async () => (await heartbeatTimes(up)).some((t) => t > upAt + INTERVAL_MS),
      40_000,
      'backlog delivered',
    );
    const times = await heartbeatTimes(up);
    const during = times.filter((t) => t > downAt && t < upAt);
    // Heartbeats sampled while the collector was down arrived afterwards…
    expect(during.length).toBeGreaterThanOrEqual(Math.floor((upAt - downAt) / INTERVAL_MS) - 2);
    // …and no interval is missing anywhere in the series.
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThan(INTERVAL_MS * 4);
  }, 120_000);
});
