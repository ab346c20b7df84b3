/**
 * The collector's INSERT (`insertRows`) against embedded chDB: text rows as
 * the mappers write them, object rows as spool records of earlier versions
 * hold them (also replayed through the pipeline from such a record), and
 * strings that UTF-8 cannot carry.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/resolve.js';
import { insertColumns } from '../ingest/columns.js';
import { mapLogs, mapMetrics } from '../ingest/rows.js';
import { decodeLogsJson, decodeMetricsJson } from '../otlp/index.js';
import { encodeRecord } from '../pipeline/record.js';
import { createPipeline, prepareStorage } from '../service.js';
import { insertRows } from './insert.js';
import { RAW_LOGS_TABLE, RAW_METRIC_TABLES } from './schema/raw-tables.js';
import { openStore, type Store } from './store.js';

const GAUGE = RAW_METRIC_TABLES.gauge;
const gateway = { kind: 'gateway', name: 'gw' } as const;
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-insert-'));
  const config = await loadConfig(['--clickhouse', `embedded:${join(dir, 'data')}`], {});
  store = await openStore(config);
  await prepareStorage(store, config, pino({ level: 'warn' }));
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function select<T>(sql: string): Promise<T[]> {
  const rs = await store.client.query({ query: sql, format: 'JSONEachRow' });
  return rs.json<T>();
}

const gaugeRequest = (name: string, value: string) =>
  decodeMetricsJson(
    JSON.stringify({
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'k', value: { stringValue: value } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name,
                  gauge: { dataPoints: [{ timeUnixNano: '1795000000000000000', asDouble: 1 }] },
                },
              ],
            },
          ],
        },
      ],
    }),
  );

describe('insertRows', () => {
  it('stores a lone UTF-16 surrogate as U+FFFD instead of failing the INSERT', async () => {
    const m = mapMetrics(gaugeRequest('lone \ud800 surrogate', 'x\udc00y'), gateway);
    const l = mapLogs(
      decodeLogsJson(
        JSON.stringify({
          resourceLogs: [
            {
              scopeLogs: [
                {
                  logRecords: [
                    { timeUnixNano: '1795000000000000000', body: { stringValue: 'b\ud83dody' } },
                  ],
                },
              ],
            },
          ],
        }),
      ),
      gateway,
    );
    for (const [table, rows] of [...m.tables, ...l.tables]) {
      await insertRows(store, table, rows, { columns: insertColumns(table) });
    }
    const [gauge] = await select<{ MetricName: string; k: string }>(
      `SELECT MetricName, ResourceAttributes['k'] AS k FROM ${store.table(GAUGE)} WHERE MetricName LIKE 'lone%'`,
    );
    expect(gauge).toEqual({ MetricName: 'lone \ufffd surrogate', k: 'x\ufffdy' });
    const logs = await select<{ Body: string }>(`SELECT Body FROM ${store.table(RAW_LOGS_TABLE)}`);
    expect(logs).toEqual([{ Body: 'b\ufffdody' }]);
  });

  it('inserts object rows (spool records of earlier versions) as JSONEachRow', async () => {
    await insertRows(store, GAUGE, [objectRow('legacy.direct', 2)], { columns: undefined });
    const rows = await select<{ Value: number }>(
      `SELECT Value FROM ${store.table(GAUGE)} WHERE MetricName = 'legacy.direct'`,
    );
    expect(rows).toEqual([{ Value: 2 }]);
  });

  it('refuses text rows without columns, and rows of both kinds in one INSERT', async () => {
    const [line = ''] = mapMetrics(gaugeRequest('text', 'v'), gateway).tables.get(GAUGE) ?? [];
    await expect(insertRows(store, GAUGE, [line], { columns: undefined })).rejects.toThrow(
      /no insert columns/,
    );
    const mixed = [line, objectRow('mixed', 1)];
    await expect(
      insertRows(store, GAUGE, mixed, { columns: insertColumns(GAUGE) }),
    ).rejects.toThrow(/mixes text and object rows/);
  });

  it('replays a spool record written by an earlier version (object rows)', async () => {
    const spoolDir = join(dir, 'spool');
    await mkdir(spoolDir, { recursive: true });
    const record = { id: 'legacy-1', table: GAUGE, rows: [objectRow('legacy.spooled', 3)] };
    await writeFile(join(spoolDir, '0000000000000001.rec'), encodeRecord(record));
    const config = await loadConfig(
      ['--clickhouse', `embedded:${join(dir, 'data')}`, '--spool-dir', spoolDir],
      {},
    );
    const pipeline = createPipeline(store, config);
    await pipeline.start();
    await pipeline.close();
    expect(pipeline.stats()).toMatchObject({ spoolFiles: 0, replayedRows: 1, droppedRows: 0 });
    const rows = await select<{ Value: number }>(
      `SELECT Value FROM ${store.table(GAUGE)} WHERE MetricName = 'legacy.spooled'`,
    );
    expect(rows).toEqual([{ Value: 3 }]);
  });
});

/** A gauge row as earlier versions built it for JSONEachRow. */
function objectRow(name: string, value: number): Record<string, unknown> {
  return {
    ResourceAttributes: { 'naap.source': 'testload' },
    ServiceName: '',
    MetricName: name,
    Attributes: {},
    StartTimeUnix: '0000000000000000000',
    TimeUnix: '1795000000000000000',
    Flags: 0,
    Value: value,
  };
}
