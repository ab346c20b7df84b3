/**
 * The baseline: the very rows the collector would store (its own decoder and
 * `mapMetrics` on the same request bodies, i.e. the same TabSeparated text),
 * inserted straight into a fresh embedded chDB with the collector's schema
 * (`prepareStorage`) through the collector's own INSERT (`insertRows`) of
 * `batchRows` rows at a time, from this process, one INSERT after the other.
 * Decoding and mapping happen between timed stretches of INSERTs and are not
 * counted: this is the raw insert rate of those rows.
 */
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import type { Identity } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config/resolve.js';
import { insertColumns } from '../src/ingest/columns.js';
import { mapMetrics, type Row } from '../src/ingest/rows.js';
import { decodeMetricsProtobuf } from '../src/otlp/index.js';
import { prepareStorage } from '../src/service.js';
import { insertRows } from '../src/storage/insert.js';
import { openStore, type Store } from '../src/storage/store.js';
import type { BenchRequest, Orchestrator } from './payload.js';
import { addCpu, cpuBetween, threadCpu, type ThreadCpu } from './threads.js';

export interface BaselineResult {
  readonly rows: number;
  readonly inserts: number;
  /** Summed over the timed stretches of INSERTs. */
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** Rows counted in the tables afterwards (warm-up rows included). */
  readonly stored: number;
  /** CPU per thread group over the same stretches (null without /proc). */
  readonly threads: ThreadCpu | null;
}

/** Rows mapped ahead of each timed stretch: this many batches' worth. */
const BATCHES_PER_STRETCH = 10;

export function identityOf(o: Orchestrator, i: number): Identity {
  return { kind: 'agent', address: o.address, name: `orch-${i}` };
}

async function countRows(store: Store, tables: Iterable<string>): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const rs = await store.client.query({
      query: `SELECT count() AS n FROM ${store.table(table)}`,
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string | number }>();
    total += Number(row?.n ?? 0);
  }
  return total;
}

/**
 * Inserts the rows of `warmup` untimed, then those of `measured`, timed; the
 * figures are of the measured rows only.
 */
export async function runBaseline(
  dir: string,
  warmup: readonly BenchRequest[],
  measured: readonly BenchRequest[],
  orchestrators: readonly Orchestrator[],
  batchRows: number,
): Promise<BaselineResult> {
  const config = await loadConfig(['--clickhouse', `embedded:${dir}`, '--log-level', 'warn'], {});
  const store = await openStore(config);
  const identities = orchestrators.map(identityOf);
  const pending = new Map<string, Row[]>();
  let timed = false;
  let rows = 0;
  let inserts = 0;
  let wallSeconds = 0;
  let cpuSeconds = 0;
  let threads: ThreadCpu | null = null;

  /** Inserts every full batch (or everything, at the end); timed once `timed`. */
  const drain = async (all: boolean): Promise<void> => {
    const threads0 = await threadCpu(process.pid);
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    let n = 0;
    for (const [table, buffer] of pending) {
      while (buffer.length >= batchRows || (all && buffer.length > 0)) {
        const values = buffer.splice(0, batchRows);
        await insertRows(store, table, values, { columns: insertColumns(table) });
        n += values.length;
        if (timed) inserts++;
      }
    }
    const cpu = process.cpuUsage(cpu0);
    if (!timed) return;
    rows += n;
    cpuSeconds += (cpu.user + cpu.system) / 1e6;
    wallSeconds += (performance.now() - wall0) / 1000;
    threads = addCpu(threads, cpuBetween(threads0, await threadCpu(process.pid)));
  };

  const feed = async (requests: readonly BenchRequest[]): Promise<void> => {
    let buffered = 0;
    for (const r of requests) {
      const identity = identities[r.orchestrator];
      if (identity === undefined) throw new Error('request of an unknown orchestrator');
      const mapped = mapMetrics(decodeMetricsProtobuf(gunzipSync(r.body)), identity);
      if (mapped.rejected > 0) throw new Error(`baseline: mapping rejected ${mapped.rejected}`);
      for (const [table, tableRows] of mapped.tables) {
        const buffer = pending.get(table) ?? [];
        pending.set(table, buffer);
        for (const row of tableRows) buffer.push(row);
        buffered += tableRows.length;
      }
      if (buffered >= batchRows * BATCHES_PER_STRETCH) {
        await drain(false);
        buffered = [...pending.values()].reduce((n, b) => n + b.length, 0);
      }
    }
    await drain(true);
  };

  try {
    await prepareStorage(store, config, pino({ level: 'warn' }));
    await feed(warmup);
    timed = true;
    await feed(measured);
    const stored = await countRows(store, pending.keys());
    return { rows, inserts, wallSeconds, cpuSeconds, stored, threads };
  } finally {
    await store.close();
  }
}
