import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/resolve.js';
import { startCollector, type RunningCollector } from '../src/service.js';
import { openStore } from '../src/storage/store.js';
import { startClickHouseShim, type ClickHouseShim } from './clickhouse-shim/shim.js';
import { AGENT_ADDRESS, AGENT_TOKEN } from './harness.js';

// Faults: storage unreachable for a while, and the collector killed right
// after it acknowledged data. Nothing acknowledged may be lost.

let dir = '';
let tokens = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-faults-'));
  tokens = join(dir, 'tokens.json');
  await writeFile(
    tokens,
    JSON.stringify([{ token: AGENT_TOKEN, kind: 'agent', address: AGENT_ADDRESS }]),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An OTLP/JSON request of `n` gauge points whose values are seq, seq+1, … */
function batch(seq: number, n: number): string {
  const points = Array.from({ length: n }, (_, i) => ({
    timeUnixNano: String(BigInt(Date.now()) * 1_000_000n + BigInt(i)),
    asDouble: seq + i,
  }));
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: {},
        scopeMetrics: [{ metrics: [{ name: 'fault.test', gauge: { dataPoints: points } }] }],
      },
    ],
  });
}

async function post(url: string, body: string): Promise<number> {
  const r = await fetch(`${url}/v1/metrics`, {
    method: 'POST',
    headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  return r.status;
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('storage unavailable, then back (server mode)', () => {
  let shim: ClickHouseShim;
  let collector: RunningCollector;

  beforeAll(async () => {
    shim = await startClickHouseShim({ dataPath: join(dir, 'server') });
    const config = await loadConfig(
      [
        '--listen',
        '127.0.0.1:0',
        '--clickhouse',
        `${shim.url}/default`,
        '--tokens',
        tokens,
        '--spool-dir',
        join(dir, 'spool'),
        '--batch-delay-ms',
        '100',
      ],
      {},
    );
    collector = await startCollector(config, pino({ level: 'silent' }));
  }, 60_000);
  afterAll(async () => {
    await collector.close();
    await shim.stop();
  });

  it('keeps acknowledging into the spool and replays every point exactly once', async () => {
    const count = async (): Promise<number> => {
      const rs = await collector.store.client.query({
        query: `SELECT count() AS n, uniqExact(Value) AS u FROM ${collector.store.table('otel_metrics_gauge')} WHERE MetricName = 'fault.test'`,
        format: 'JSONEachRow',
      });
      const [row] = await rs.json<{ n: string; u: string }>();
      return Number(row?.n) === Number(row?.u) ? Number(row?.n) : -1;
    };
    expect(await post(collector.url, batch(0, 100))).toBe(200);
    await eventually(async () => (await count()) === 100, 10_000);
    await shim.stop();
    for (let i = 1; i <= 5; i++) expect(await post(collector.url, batch(i * 100, 100))).toBe(200);
    expect(collector.pipeline.stats().storageHealthy).toBe(false);
    expect(collector.pipeline.stats().spooledRows).toBe(500);
    await shim.restart();
    await eventually(async () => (await count()) === 600, 45_000);
    // The spool record is deleted right after its INSERT succeeded.
    await eventually(() => Promise.resolve(collector.pipeline.stats().spoolFiles === 0), 10_000);
  }, 90_000);
});

describe('collector killed after acknowledging (embedded mode)', () => {
  const entry = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
  let child: ResultPromise | undefined;

  async function launch(data: string): Promise<string> {
    child = execa(
      process.execPath,
      [
        '--conditions=@naap/source',
        '--import',
        'tsx',
        entry,
        'run',
        '--listen',
        '127.0.0.1:0',
        '--clickhouse',
        `embedded:${data}`,
        '--tokens',
        tokens,
        '--log-level',
        'info',
      ],
      { reject: false, all: true },
    );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('collector did not start'));
      }, 60_000);
      child?.all?.on('data', (chunk: Buffer) => {
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(chunk.toString());
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
  }

  it('has stored every acknowledged point after SIGKILL and a restart', async () => {
    const data = join(dir, 'embedded');
    const url = await launch(data);
    let acked = 0;
    for (let i = 0; i < 10; i++) if ((await post(url, batch(i * 50, 50))) === 200) acked += 50;
    child?.kill('SIGKILL');
    await child;
    expect(acked).toBe(500);
    const store = await openStore({
      storage: { mode: 'embedded', dir: data },
      database: 'naap',
      cluster: undefined,
    });
    const rs = await store.client.query({
      query: `SELECT count() AS n FROM naap.otel_metrics_gauge WHERE MetricName = 'fault.test'`,
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string }>();
    await store.close();
    expect(Number(row?.n)).toBe(acked);
  }, 120_000);

  it('flushes and exits 0 on SIGTERM', async () => {
    const url = await launch(join(dir, 'embedded-term'));
    expect(await post(url, batch(0, 10))).toBe(200);
    child?.kill('SIGTERM');
    const result = await child;
    expect(result?.exitCode).toBe(0);
    expect(String(result?.all)).toMatch(/stopped/);
  }, 120_000);
});
