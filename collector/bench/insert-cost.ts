/**
 * What one row costs chDB, and which parts of the schema it goes to: the rows
 * of `bench:ingest` (same payload, decoded and mapped by the collector, as
 * TabSeparated text) inserted into a fresh embedded chDB with the full schema,
 * `--batch-rows` rows per INSERT, one INSERT after the other, optionally with
 * some materialized views or the raw table's skip indexes dropped first, or
 * the table altered (`--alter 'MODIFY SETTING …'`; in that scratch database
 * only). Prints CPU per row by thread group during the
 * INSERTs and the merges until `--settle` seconds after them.
 *
 *   node --conditions=@naap/source --import tsx collector/bench/insert-cost.ts \
 *     [--requests 400] [--batch-rows 10000] [--settle 10] [--drop REGEX] [--no-skip-indexes]
 *     [--alter 'MODIFY SETTING …' …]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { loadConfig } from '../src/config/resolve.js';
import { insertColumns } from '../src/ingest/columns.js';
import { mapMetrics } from '../src/ingest/rows.js';
import { decodeMetricsProtobuf } from '../src/otlp/index.js';
import { prepareStorage } from '../src/service.js';
import { insertRows } from '../src/storage/insert.js';
import { RAW_METRIC_TABLES } from '../src/storage/schema/raw-tables.js';
import { openStore, type Store } from '../src/storage/store.js';
import { identityOf } from './baseline.js';
import { buildRequests } from './payload.js';
import { cpuBetween, THREAD_GROUPS, threadCpu, type ThreadCpu } from './threads.js';

const TABLE = RAW_METRIC_TABLES.gauge;
const SKIP_INDEXES = ['idx_attr_key', 'idx_attr_value'];

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    requests: { type: 'string', default: '400' },
    'batch-rows': { type: 'string', default: '10000' },
    settle: { type: 'string', default: '10' },
    drop: { type: 'string' },
    'no-skip-indexes': { type: 'boolean', default: false },
    alter: { type: 'string', multiple: true, default: [] },
  },
  strict: true,
});

/** Every row of the benchmark's requests, as the collector maps them. */
async function benchRows(requests: number): Promise<string[]> {
  const built = await buildRequests({
    requests,
    pointsPerRequest: 1000,
    orchestrators: 100,
    gpusPerOrchestrator: 8,
  });
  const rows: string[] = [];
  for (const r of built.requests) {
    const o = built.orchestrators[r.orchestrator];
    if (o === undefined) throw new Error('request of an unknown orchestrator');
    const mapped = mapMetrics(
      decodeMetricsProtobuf(gunzipSync(r.body)),
      identityOf(o, r.orchestrator),
    );
    for (const lines of mapped.tables.values()) rows.push(...lines);
  }
  return rows;
}

/** Drops the views matching `pattern` and, if asked, the skip indexes; returns what went. */
async function strip(store: Store, pattern: RegExp | null, indexes: boolean): Promise<string[]> {
  const rs = await store.client.query({
    query: `SELECT name FROM system.tables WHERE database = {db:String} AND engine = 'MaterializedView'`,
    query_params: { db: store.database },
    format: 'JSONEachRow',
  });
  const views = (await rs.json<{ name: string }>())
    .map((v) => v.name)
    .filter((n) => pattern?.test(n));
  for (const v of views) await store.client.command({ query: `DROP VIEW ${store.table(v)}` });
  if (!indexes) return views;
  for (const i of SKIP_INDEXES) {
    await store.client.command({ query: `ALTER TABLE ${store.table(TABLE)} DROP INDEX ${i}` });
  }
  return [...views, ...SKIP_INDEXES];
}

function report(label: string, cpu: ThreadCpu | null, rows: number): string {
  if (cpu === null) return `${label}: (no /proc)`;
  const us = (s: number): string => ((s / rows) * 1e6).toFixed(2);
  const total = THREAD_GROUPS.reduce((n, g) => n + cpu[g], 0);
  return `${label}: ${us(total)} µs/row (${THREAD_GROUPS.map((g) => `${g} ${us(cpu[g])}`).join(', ')})`;
}

async function main(): Promise<void> {
  const batch = Number(flags['batch-rows']);
  const rows = await benchRows(Number(flags.requests));
  const dir = await mkdtemp(join(tmpdir(), 'naap-insert-cost-'));
  const config = await loadConfig(['--clickhouse', `embedded:${dir}`, '--log-level', 'warn'], {});
  const store = await openStore(config);
  try {
    await prepareStorage(store, config, pino({ level: 'warn' }));
    const pattern = flags.drop === undefined ? null : new RegExp(flags.drop);
    const dropped = await strip(store, pattern, flags['no-skip-indexes']);
    for (const change of flags.alter) {
      await store.client.command({ query: `ALTER TABLE ${store.table(TABLE)} ${change}` });
      dropped.push(`altered: ${change}`);
    }
    const columns = insertColumns(TABLE);
    const batches: string[][] = [];
    for (let i = 0; i < rows.length; i += batch) batches.push(rows.slice(i, i + batch));
    const [first, ...timed] = batches;
    await insertRows(store, TABLE, first ?? [], { columns }); // warm-up, not counted
    const before = await threadCpu(process.pid);
    for (const b of timed) await insertRows(store, TABLE, b, { columns });
    const inserted = await threadCpu(process.pid);
    await new Promise((resolve) => setTimeout(resolve, Number(flags.settle) * 1000));
    const settled = await threadCpu(process.pid);
    const n = rows.length - (first?.length ?? 0);
    process.stdout.write(
      [
        `${n} rows in ${timed.length} INSERTs of ${batch}; dropped: ${dropped.join(', ') || 'nothing'}`,
        report('  during the INSERTs', cpuBetween(before, inserted), n),
        report(`  incl. ${flags.settle} s after`, cpuBetween(before, settled), n),
        '',
      ].join('\n'),
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
