/** The printed result of `pnpm bench:ingest`: figures, then the goals as ratios. */
import type { BaselineResult } from './baseline.js';
import type { LoadResult } from './load.js';
import { THREAD_GROUPS, type ThreadCpu } from './threads.js';

export interface Setup {
  readonly requests: number;
  readonly warmup: number;
  readonly pointsPerRequest: number;
  readonly clients: number;
  readonly orchestrators: number;
  readonly gpus: number;
  readonly gauges: number;
  readonly gzipBytes: number;
  readonly rawBytes: number;
  readonly generateSeconds: number;
  readonly batchRows: number;
  readonly ack: 'insert' | 'log';
  readonly collectorArgs: readonly string[];
}

export interface CollectorFigures {
  readonly load: LoadResult;
  readonly stored: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  /** Peak RSS once started (schema ready), before any load. */
  readonly idlePeakRssBytes: number;
  /** After the load: RSS, the V8 heap within it, its file-backed share (libchdb.so). */
  readonly endRssBytes: number;
  readonly endHeapBytes: number;
  readonly endRssFileBytes: number | null;
  readonly loadGeneratorCpuSeconds: number;
  readonly threads: ThreadCpu | null;
}

/** The goals. */
export const GOALS = {
  pointsPerCpuSecond: 50_000,
  shareOfRawInsertRate: 0.5,
  peakRssBytes: 1024 ** 3,
} as const;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (n: number): string => `${n.toFixed(2)} s`;
const mib = (n: number): string => `${int(n / 1024 ** 2)} MiB`;
const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
const pct = (n: number): string => `${(n * 100).toFixed(1)} %`;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((row) =>
      (
        indent +
        row
          .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
          .join('   ')
      ).trimEnd(),
    )
    .join('\n');
}

/** CPU per thread group, collector next to the raw insert, in µs per point. */
function threadTable(c: CollectorFigures, b: BaselineResult): string {
  const { threads: ct } = c;
  const { threads: bt } = b;
  if (ct === null || bt === null) return '  (no /proc: per-thread CPU not available)';
  const us = (seconds: number, n: number): string => ((seconds / n) * 1e6).toFixed(1);
  const sum = (t: ThreadCpu): number => THREAD_GROUPS.reduce((n, g) => n + t[g], 0);
  const cn = c.load.points;
  const bn = b.rows;
  return table([
    ['', 'collector s', 'µs/point', 'raw insert s', 'µs/row'],
    ...THREAD_GROUPS.map((g) => [g, secs(ct[g]), us(ct[g], cn), secs(bt[g]), us(bt[g], bn)]),
    [
      'threads that ended meanwhile',
      secs(Math.max(0, c.cpuSeconds - sum(ct))),
      us(Math.max(0, c.cpuSeconds - sum(ct)), cn),
      secs(Math.max(0, b.cpuSeconds - sum(bt))),
      us(Math.max(0, b.cpuSeconds - sum(bt)), bn),
    ],
    ['total', secs(c.cpuSeconds), us(c.cpuSeconds, cn), secs(b.cpuSeconds), us(b.cpuSeconds, bn)],
  ]);
}

export function formatReport(s: Setup, c: CollectorFigures, b: BaselineResult): string {
  const points = c.load.points;
  const perCpu = points / c.cpuSeconds;
  const perWall = points / c.load.wallSeconds;
  const rawWall = b.rows / b.wallSeconds;
  const rawCpu = b.rows / b.cpuSeconds;
  const share = perWall / rawWall;
  const mark = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const { latencyMs: lat } = c.load;
  const batching =
    s.ack === 'log'
      ? '--ingest-ack log: acknowledged after the write-ahead log, INSERTs of --log-batch-rows rows or 1 s, load ends when all are inserted'
      : `${int(s.batchRows)}-row INSERTs`;
  return [
    'naap-collector ingest benchmark',
    table([
      [
        'load',
        `${int(s.requests)} requests × ${int(s.pointsPerRequest)} points = ${int(points)} points`,
      ],
      [
        '',
        `GPU gauges: ${s.orchestrators} orchestrators × ${s.gpus} GPUs × ${s.gauges} gauges, 1 s samples`,
      ],
      ['', `${s.clients} concurrent clients, OTLP/HTTP protobuf, keep-alive, 127.0.0.1`],
      ['', `after ${int(s.warmup)} warm-up requests (not measured, also in the baseline)`],
      ['', `${kib(s.gzipBytes)} gzip (${kib(s.rawBytes)} protobuf) per request on average`],
      [
        '',
        `bodies made by @opentelemetry/sdk-metrics + otlp-transformer in ${secs(s.generateSeconds)}`,
      ],
    ]),
    '',
    `collector (separate process, embedded chDB, ${[batching, ...s.collectorArgs].join(' ')})`,
    table([
      ['points stored', `${int(c.stored)} of ${int(points)}`],
      ['wall time', secs(c.load.wallSeconds)],
      ['CPU time (user + system)', secs(c.cpuSeconds)],
      ['points per CPU-second', int(perCpu)],
      ['points per wall-second', int(perWall)],
      ['peak RSS (VmHWM)', mib(c.peakRssBytes)],
      ['peak RSS before any load', mib(c.idlePeakRssBytes)],
      ['RSS after the load', mib(c.endRssBytes)],
      ['  of which V8 heap', mib(c.endHeapBytes)],
      [
        '  of which file-backed (libchdb.so)',
        c.endRssFileBytes === null ? '?' : mib(c.endRssFileBytes),
      ],
      ['request latency p50 / p99 / max', `${ms(lat.p50)} / ${ms(lat.p99)} / ${ms(lat.max)}`],
      ['retried requests (429/503)', int(c.load.retries)],
      ['load generator CPU (not counted)', secs(c.loadGeneratorCpuSeconds)],
    ]),
    '',
    `raw chDB insert (same rows, same TabSeparated text, ${int(s.batchRows)}-row INSERTs, one process)`,
    table([
      ['rows inserted', `${int(b.rows)} in ${int(b.inserts)} INSERTs (${int(b.stored)} stored)`],
      ['wall time', secs(b.wallSeconds)],
      ['CPU time (user + system)', secs(b.cpuSeconds)],
      ['rows per wall-second', int(rawWall)],
      ['rows per CPU-second', int(rawCpu)],
    ]),
    '',
    'CPU by thread (collector: during the load; raw: during its INSERTs)',
    threadTable(c, b),
    '',
    'goals',
    table([
      ['', 'measured', 'goal', 'ratio', ''],
      [
        'collector points per CPU-second',
        int(perCpu),
        `≥ ${int(GOALS.pointsPerCpuSecond)}`,
        `${(perCpu / GOALS.pointsPerCpuSecond).toFixed(2)}×`,
        mark(perCpu >= GOALS.pointsPerCpuSecond),
      ],
      [
        'collector wall rate ÷ raw insert rate',
        pct(share),
        `≥ ${pct(GOALS.shareOfRawInsertRate)}`,
        `${(share / GOALS.shareOfRawInsertRate).toFixed(2)}×`,
        mark(share >= GOALS.shareOfRawInsertRate),
      ],
      [
        'collector peak RSS',
        mib(c.peakRssBytes),
        `≤ ${mib(GOALS.peakRssBytes)}`,
        `${(c.peakRssBytes / GOALS.peakRssBytes).toFixed(2)}×`,
        mark(c.peakRssBytes <= GOALS.peakRssBytes),
      ],
      ['(info) collector ÷ raw, per CPU-second', pct(perCpu / rawCpu), '', '', ''],
    ]),
  ].join('\n');
}
