/**
 * The finer points of the HTTP interface the shim imitates: settings and the
 * database apply to their request only (concurrent requests included), the
 * body follows the `query` parameter, parameters may come as form data, one
 * request runs one statement, bodies are bounded, and responses are
 * compressed on request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseClient, ClickHouseClientConfigOptions } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouseShim } from './shim.js';
import type { ClickHouseShim } from './shim.js';

let dir: string;
let shim: ClickHouseShim;
const clients: ClickHouseClient[] = [];

function client(options: ClickHouseClientConfigOptions = {}): ClickHouseClient {
  const c = createClient({ url: shim.url, log: { level: ClickHouseLogLevel.OFF }, ...options });
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ch-shim-protocol-'));
  shim = await startClickHouseShim({ dataPath: dir, maxBodyBytes: 1 << 20 });
  await client().command({
    query: 'CREATE TABLE kv (k String, v UInt32, at DateTime64(3)) ENGINE = MergeTree ORDER BY k',
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await shim.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('ClickHouse shim protocol details', () => {
  it('applies URL settings and SET statements to their request only', async () => {
    const db = client();
    const get = async (settings: Record<string, number>) => {
      const rs = await db.query({
        query: "SELECT toString(getSetting('max_block_size')) AS b, toUInt64(1) AS one",
        format: 'JSONEachRow',
        clickhouse_settings: settings,
      });
      return rs.json();
    };
    const before = await get({});
    const quoted = { max_block_size: 1234, output_format_json_quote_64bit_integers: 1 };
    expect(await get(quoted)).toEqual([{ b: '1234', one: '1' }]);
    await db.command({ query: 'SET max_block_size = 4321' });
    expect(await get({})).toEqual(before);
    expect(before).not.toEqual([{ b: '4321', one: 1 }]);
  });

  it('keeps concurrent requests apart', async () => {
    const db = client({ max_open_connections: 20 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const rs = await db.query({
          query: "SELECT {i:UInt32} AS i, toUInt32(getSetting('max_block_size')) AS b",
          format: 'JSONEachRow',
          query_params: { i },
          clickhouse_settings: { max_block_size: String(1000 + i) },
        });
        return rs.json();
      }),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => [{ i, b: 1000 + i }]));
  });

  it('applies insert settings to that insert only', async () => {
    const db = client();
    const values = [
      { k: 'ok', v: 1, at: '2024-01-02 03:04:05.678' },
      { k: 'bad', v: 'not a number', at: '2024-01-02 03:04:05.678' },
    ];
    const settings = { input_format_allow_errors_num: '1' };
    const first = await db.insert({
      table: 'kv',
      values,
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    });
    expect(first.summary?.written_rows).toBe('1');
    const again = await rejection(db.insert({ table: 'kv', values, format: 'JSONEachRow' }));
    expect(again).toMatchObject({ type: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED' });
    const rs = await db.query({ query: 'SELECT k, at FROM kv WHERE v = 1', format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ k: 'ok', at: '2024-01-02 03:04:05.678' }]);
  });

  it('runs exec with the query in the URL and the data in the body', async () => {
    const db = client({ compression: { request: true } });
    const values = Readable.from(['"a",1\n"b",2\n']);
    const { stream } = await db.exec({ query: 'INSERT INTO kv (k, v) FORMAT CSV', values });
    stream.resume();
    const values2 = [{ k: 'c', v: 3 }];
    await db.insert({
      table: 'kv',
      columns: { except: ['at'] },
      values: values2,
      format: 'JSONEachRow',
    });
    const rs = await db.query({
      query: "SELECT k, v FROM kv WHERE k IN ('a', 'b', 'c') ORDER BY k",
      format: 'JSONCompactEachRow',
    });
    expect(await rs.json()).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('takes query parameters as multipart form data', async () => {
    const s = `quote' nl\n bs\\ ${'x'.repeat(5000)}`;
    const rs = await client({ use_multipart_params: true }).query({
      query: 'SELECT {s:String} AS s, {a:Array(String)} AS a',
      format: 'JSONEachRow',
      query_params: { s, a: [s] },
    });
    expect(await rs.json()).toEqual([{ s, a: [s] }]);
  });

  it('runs one statement per request and one database per request', async () => {
    const db = client();
    const multi = await rejection(db.command({ query: 'SELECT 1; SELECT 2' }));
    expect(multi).toMatchObject({ type: 'SYNTAX_ERROR', message: /Multi-statements/ });
    const rs = await db.query({ query: "SELECT 'a;b' AS s /* ; */", format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ s: 'a;b' }]);
    const nowhere = client({ url: `${shim.url}/nowhere` });
    const missing = await rejection(nowhere.query({ query: 'SELECT 1' }));
    expect(missing).toMatchObject({ type: 'UNKNOWN_DATABASE' });
    await db.command({ query: 'CREATE DATABASE other' });
    const other = client({ url: `${shim.url}/other` });
    const current = await other.query({ query: 'SELECT currentDatabase() AS d', format: 'JSON' });
    expect((await current.json()).data).toEqual([{ d: 'other' }]);
    const back = await db.query({ query: 'SELECT currentDatabase() AS d', format: 'JSONEachRow' });
    expect(await back.json()).toEqual([{ d: 'default' }]);
  });

  it('answers 413 beyond the body limit, compressed or not', async () => {
    const big = 'x'.repeat((1 << 20) + 1);
    const plain = await fetch(`http://127.0.0.1:${shim.port}/?query=SELECT%201`, {
      method: 'POST',
      body: big,
    });
    expect([plain.status, plain.headers.get('x-clickhouse-exception-code')]).toEqual([413, '229']);
    const db = client({ compression: { request: true } });
    const values = Readable.from([`"${big}",1\n`], { objectMode: false });
    const err = await rejection(
      db.insert({ table: 'kv', columns: ['k', 'v'], values, format: 'CSV' }),
    );
    expect(err).toMatchObject({ type: 'QUERY_IS_TOO_LARGE' });
  });

  it('compresses responses when the request enables it and accepts the codec', async () => {
    const url = `http://127.0.0.1:${shim.port}/?enable_http_compression=1&query=SELECT%2042`;
    for (const codec of ['gzip', 'deflate', 'br']) {
      const res = await fetch(url, { headers: { 'Accept-Encoding': codec } });
      expect([res.headers.get('content-encoding'), await res.text()]).toEqual([codec, '42\n']);
    }
    const unknownSetting = await fetch(url.replace('enable_http_compression', 'no_such_setting'));
    expect(unknownSetting.status).toBe(404);
    const none = await fetch(url.replace('enable_http_compression=1&', ''), {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect([none.headers.get('content-encoding'), await none.text()]).toEqual([null, '42\n']);
    expect(shim.requests).toBeGreaterThan(20);
  });
});
