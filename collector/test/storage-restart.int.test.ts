import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/storage/store.js';
import { startClickHouseShim, type ClickHouseShim } from './clickhouse-shim/shim.js';
import { AGENT_ADDRESS, AGENT_TOKEN } from './harness.js';

// Server mode, ClickHouse unreachable: the collector acknowledges into its
// disk spool (--ingest-ack insert) or write-ahead log (--ingest-ack log);
// killed (SIGKILL) while the acknowledged rows exist only there, then started
// again once ClickHouse is back, it inserts every row exactly once.

const entry = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
type Ack = 'insert' | 'log';
const metricName = (ack: Ack): string => `fault.restart.${ack}`;

let dir = '';
let shim: ClickHouseShim;
let child: ResultPromise | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-storage-restart-'));
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify([{ token: AGENT_TOKEN, kind: 'agent', address: AGENT_ADDRESS }]),
  );
  shim = await startClickHouseShim({ dataPath: join(dir, 'server') });
}, 60_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await shim.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the collector process against the shim; resolves with its URL once it listens. */
function launch(ack: Ack): Promise<string> {
  const c = execa(
    process.execPath,
    [
      ...['--conditions=@naap/source', '--import', 'tsx', entry, 'run'],
      ...['--listen', '127.0.0.1:0', '--clickhouse', `${shim.url}/default`],
      ...['--tokens', join(dir, 'tokens.json'), '--spool-dir', join(dir, `spool-${ack}`)],
      ...['--batch-delay-ms', '100', '--log-level', 'info', '--ingest-ack', ack],
    ],
    { reject: false, all: true },
  );
  child = c;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('collector did not start'));
    }, 90_000);
    c.all.on('data', (chunk: Buffer) => {
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(chunk.toString());
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void c.then((r) => {
      clearTimeout(timer);
      reject(new Error(`collector exited (${String(r.exitCode)}): ${r.all.slice(-500)}`));
    });
  });
}

/** An OTLP/JSON request of `n` gauge points whose values are seq, seq+1, … */
function batch(ack: Ack, seq: number, n: number): string {
  const points = Array.from({ length: n }, (_, i) => ({
    timeUnixNano: String(BigInt(Date.now()) * 1_000_000n + BigInt(i)),
    asDouble: seq + i,
  }));
  return JSON.stringify({
    resourceMetrics: [
      { scopeMetrics: [{ metrics: [{ name: metricName(ack), gauge: { dataPoints: points } }] }] },
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

/** Rows stored and distinct values among them. */
async function stored(ack: Ack): Promise<{ n: number; distinct: number }> {
  const store = await openStore({
    storage: { mode: 'server', url: `${shim.url}/default` },
    database: 'naap',
    cluster: undefined,
  });
  try {
    const rs = await store.client.query({
      query: `SELECT count() AS n, uniqExact(Value) AS u FROM naap.otel_metrics_gauge WHERE MetricName = {m:String}`,
      query_params: { m: metricName(ack) },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string; u: string }>();
    return { n: Number(row?.n), distinct: Number(row?.u) };
  } finally {
    await store.close();
  }
}

describe.each<[Ack, RegExp]>([
  ['insert', /\.rec$/],
  ['log', /\.tsv$/],
])(
  'storage down, collector (--ingest-ack %s) killed with rows only on its disk, both back',
  (ack, file) => {
    it('inserts every acknowledged row exactly once after the restart', async () => {
      const url = await launch(ack);
      expect(await post(url, batch(ack, 0, 100))).toBe(200);
      await shim.stop();
      let acked = 100;
      for (let i = 1; i <= 5; i++)
        if ((await post(url, batch(ack, i * 100, 100))) === 200) acked += 100;
      expect(acked).toBe(600);
      child?.kill('SIGKILL');
      await child;
      // Acknowledged while storage was down: on disk, nowhere else.
      const files = (await readdir(join(dir, `spool-${ack}`))).filter((f) => file.test(f));
      expect(files.length).toBeGreaterThan(0);
      await shim.restart();
      const before = await stored(ack);
      expect(before.n).toBeLessThan(acked);
      await launch(ack);
      const deadline = Date.now() + 45_000;
      let now = before;
      while (now.n < acked && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        now = await stored(ack);
      }
      expect(now).toEqual({ n: acked, distinct: acked });
    }, 180_000);
  },
);
