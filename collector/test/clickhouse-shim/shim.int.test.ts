/**
 * The unmodified `@clickhouse/client` against the shim: the requests it sends
 * in "ClickHouse server" mode (ping, DDL, streamed and compressed inserts,
 * bound parameters, several output formats, settings) must get the answers a
 * server gives, errors included.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type {
  ClickHouseClient,
  ClickHouseClientConfigOptions,
  DataFormat,
} from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouseShim } from './shim.js';
import type { ClickHouseShim } from './shim.js';

const PASSWORD = 'p@ss:w/rd';
const ROWS = 10_000;
const MAX_U64 = '18446744073709551615';
const T7 = '2024-01-02 03:04:05.000000007';

let dir: string;
let shim: ClickHouseShim;
const clients: ClickHouseClient[] = [];

function client(options: ClickHouseClientConfigOptions = {}, path = '/naap'): ClickHouseClient {
  const c = createClient({
    url: `${shim.url}${path}`,
    request_timeout: 10_000,
    log: { level: ClickHouseLogLevel.OFF },
    ...options,
  });
  clients.push(c);
  return c;
}

/** Row `i` of a batch: nanosecond timestamps, 64-bit ids, a map, a low-cardinality name. */
function row(batch: number, i: number): Record<string, unknown> {
  const ns = String(batch * ROWS + i).padStart(9, '0');
  return {
    ts: `2024-01-02 03:04:05.${ns}`,
    name: `svc-${i % 7}`,
    attrs: { batch: String(batch), 'it\'s "odd"': `v${i}` },
    ids: [String(i), MAX_U64],
  };
}

async function expectClickHouseError(
  p: Promise<unknown>,
  type: string,
  text: string,
): Promise<void> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClickHouseError);
  expect(err).toMatchObject({ type, message: expect.stringContaining(text) as unknown });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ch-shim-'));
  shim = await startClickHouseShim({ dataPath: dir, password: PASSWORD });
  await client({}, '').command({ query: 'CREATE DATABASE naap' });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await shim.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('ClickHouse HTTP shim over chDB', () => {
  it('answers ping, with and without a query', async () => {
    await expect(client().ping()).resolves.toEqual({ success: true });
    await expect(client().ping({ select: true })).resolves.toEqual({ success: true });
    const res = await fetch(`http://127.0.0.1:${shim.port}/ping`);
    expect([res.status, await res.text()]).toEqual([200, 'Ok.\n']);
  });

  it('creates a table with Map, DateTime64(9), Array(UInt64), LowCardinality and a TTL', async () => {
    await client().command({
      query: `CREATE TABLE events (
        ts DateTime64(9), name LowCardinality(String),
        attrs Map(LowCardinality(String), String), ids Array(UInt64)
      ) ENGINE = MergeTree ORDER BY (name, ts) TTL toDateTime(ts) + INTERVAL 20 YEAR`,
    });
    const rs = await client().query({ query: 'SHOW CREATE TABLE events', format: 'TabSeparated' });
    expect(await rs.text()).toContain('TTL toDateTime(ts) + toIntervalYear(20)');
  });

  it.each([
    { batch: 0, compress: false, stream: false },
    { batch: 1, compress: true, stream: true },
  ])('inserts 10k JSONEachRow rows (gzip: $compress, streamed: $stream)', async (c) => {
    const rows = Array.from({ length: ROWS }, (_, i) => row(c.batch, i));
    const values = c.stream ? Readable.from(rows) : rows;
    const db = client({ compression: { request: c.compress } });
    const result = await db.insert({ table: 'events', values, format: 'JSONEachRow' });
    expect(result.summary?.written_rows).toBe(String(ROWS));
    const rs = await db.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ n: (c.batch + 1) * ROWS }]);
  });

  it('binds {name:String} and {t:DateTime64(9)} and returns exact values in every format', async () => {
    const db = client({ compression: { response: true } });
    const query = `SELECT ts, name, attrs, ids FROM events
      WHERE name = {name:String} AND ts = {t:DateTime64(9)}`;
    const run = <F extends DataFormat>(format: F) =>
      db.query({
        query,
        format,
        query_params: { name: 'svc-0', t: T7 },
        clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
      });
    const expected = {
      ts: T7,
      name: 'svc-0',
      attrs: { batch: '0', 'it\'s "odd"': 'v7' },
      ids: ['7', MAX_U64],
    };
    expect((await (await run('JSON')).json<typeof expected>()).data).toEqual([expected]);
    expect(await (await run('JSONEachRow')).json()).toEqual([expected]);
    expect(await (await run('JSONCompactEachRow')).json()).toEqual([Object.values(expected)]);
    const map = `{'batch':'0','it\\'s "odd"':'v7'}`;
    expect(await (await run('TabSeparated')).text()).toBe(`${T7}\tsvc-0\t${map}\t[7,${MAX_U64}]\n`);
    const csvMap = map.replace(/"/g, '""');
    expect(await (await run('CSV')).text()).toBe(`"${T7}","svc-0","${csvMap}","[7,${MAX_U64}]"\n`);
  });

  it('binds awkward parameter values exactly as a server would', async () => {
    const s = `tab\t nl\n cr\r quote' dq" bs\\ \\N braces{} nul\0 é 🚀`;
    const rs = await client().query({
      query: `SELECT {s:String} AS s, {a:Array(String)} AS a, {m:Map(String, String)} AS m,
        {n:Nullable(String)} AS n, {d:DateTime64(3)} AS d, {u:UInt64} AS u`,
      format: 'JSONEachRow',
      query_params: {
        s,
        a: [s, "'", ''],
        m: { [s]: s },
        n: null,
        d: new Date(1704164645123),
        u: MAX_U64,
      },
      clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    });
    const d = '2024-01-02 03:04:05.123';
    expect(await rs.json()).toEqual([
      { s, a: [s, "'", ''], m: { [s]: s }, n: null, d, u: MAX_U64 },
    ]);
  });

  it('raises ClickHouse errors for failing SQL', async () => {
    const db = client({ compression: { response: true } });
    await expectClickHouseError(db.query({ query: 'SELECT * FROM nope' }), 'UNKNOWN_TABLE', 'nope');
    await expectClickHouseError(
      db.command({ query: 'SELECT 1 FROM' }),
      'SYNTAX_ERROR',
      'Syntax error',
    );
    const bad = db.insert({ table: 'events', values: [{ ts: 'never' }], format: 'JSONEachRow' });
    await expectClickHouseError(bad, 'CANNOT_PARSE_DATETIME', 'Cannot read DateTime');
    const res = await fetch(`http://127.0.0.1:${shim.port}/?query=SELECT%201%20FROM%20nope`, {
      method: 'POST',
      headers: { 'X-ClickHouse-User': 'default', 'X-ClickHouse-Key': PASSWORD },
    });
    expect([res.status, res.headers.get('x-clickhouse-exception-code')]).toEqual([404, '60']);
    expect(await res.text()).toMatch(
      /^Code: 60\. DB::Exception: .*\(UNKNOWN_TABLE\) \(version [\d.]+\)\n$/s,
    );
  });

  it('refuses wrong credentials', async () => {
    const wrong = client({ url: `http://default:nope@127.0.0.1:${shim.port}` });
    const password = encodeURIComponent(PASSWORD);
    const stranger = client({ url: `http://nobody:${password}@127.0.0.1:${shim.port}` });
    await expectClickHouseError(
      wrong.query({ query: 'SELECT 1' }),
      'REQUIRED_PASSWORD',
      'Authentication failed',
    );
    await expectClickHouseError(
      stranger.command({ query: 'SELECT 1' }),
      'AUTHENTICATION_FAILED',
      'nobody',
    );
    const statuses = await Promise.all(
      ['default:nope', `nobody:${PASSWORD}`].map(async (auth) => {
        const headers = { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` };
        const res = await fetch(`http://127.0.0.1:${shim.port}/?query=SELECT%201`, { headers });
        return res.status;
      }),
    );
    expect(statuses).toEqual([401, 403]);
  });
});
