/**
 * Outages through the shim: while it is stopped the real client fails fast
 * with a connection error (no hang), a request in flight when it stops is cut
 * off like by a crashed server, and after a restart on the same port the data
 * written before is still there and the same client works again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouseShim } from './shim.js';
import type { ClickHouseShim } from './shim.js';

const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|socket hang up/;

let dir: string;
let shim: ClickHouseShim;
let client: ClickHouseClient;

async function count(): Promise<number> {
  const rs = await client.query({ query: 'SELECT count() AS n FROM t', format: 'JSONEachRow' });
  const [row] = await rs.json<{ n: number }>();
  return row?.n ?? -1;
}

async function insert(from: number, rows: number): Promise<void> {
  const values = Array.from({ length: rows }, (_, i) => ({ n: from + i }));
  await client.insert({ table: 't', values, format: 'JSONEachRow' });
}

/** How long a promise takes to settle, and its rejection (undefined when it resolved). */
async function settle(p: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = Date.now();
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - start, error };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ch-shim-outage-'));
  shim = await startClickHouseShim({ dataPath: dir, user: 'collector', password: 'secret' });
  client = createClient({
    url: `${shim.url}/naap`,
    request_timeout: 2_000,
    log: { level: ClickHouseLogLevel.OFF },
  });
  const admin = createClient({ url: shim.url, log: { level: ClickHouseLogLevel.OFF } });
  await admin.command({ query: 'CREATE DATABASE naap' });
  await admin.close();
  await client.command({ query: 'CREATE TABLE t (n UInt32) ENGINE = MergeTree ORDER BY n' });
});

afterAll(async () => {
  await client.close();
  await shim.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('ClickHouse shim outages', () => {
  it('fails fast while stopped and keeps the data across a restart on the same port', async () => {
    await insert(0, 100);
    const port = shim.port;
    await shim.stop();

    const query = await settle(count());
    expect(String(query.error)).toMatch(CONNECTION_ERROR);
    expect(query.ms).toBeLessThan(1_000);
    const write = await settle(insert(100, 10));
    expect(String(write.error)).toMatch(CONNECTION_ERROR);
    const ping = await client.ping();
    expect(ping.success).toBe(false);

    await shim.restart();
    expect(shim.port).toBe(port);
    await expect(client.ping()).resolves.toEqual({ success: true });
    expect(await count()).toBe(100);
    await insert(100, 50);
    expect(await count()).toBe(150);
  });

  it('cuts off a request in flight, like a crashed server', async () => {
    const before = shim.requests;
    const slow = settle(
      client.query({ query: 'SELECT sleepEachRow(0.4) FROM numbers(3)', format: 'JSONEachRow' }),
    );
    while (shim.requests === before) await sleep(10);
    await sleep(100);
    const stopping = settle(shim.stop());

    const { error } = await slow;
    expect(String(error)).toMatch(CONNECTION_ERROR);
    expect((await stopping).error).toBeUndefined();

    await shim.restart();
    expect(await count()).toBe(150);
  });

  it('refuses a second shim on the same data path', async () => {
    await expect(startClickHouseShim({ dataPath: dir })).rejects.toThrow(/already serves/);
  });
});
