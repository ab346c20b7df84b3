/**
 * `pnpm bench:query`: latency of the rollup-backed read queries (leaderboard,
 * orchestrator detail, GPU series at 1 h / 24 h / the whole history, SLA
 * history) next to the same answers computed from the raw tables in the same
 * run, on a store filled with generated history. Prints p50/p95 and ratios
 * against the goals; asserts nothing about time (exit code 0 unless the run
 * itself fails or an answer differs between the two paths).
 *
 *   node --conditions=@naap/source --import tsx collector/bench/query.ts [flags]
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recompute } from '../src/analytics/score/recompute.js';
import { refreshSpans } from '../src/analytics/score/spans.js';
import { ANALYTICS_TABLES } from '../src/analytics/schema/names.js';
import { SPAN_TTL_HOURS } from '../src/analytics/schema/spans-ddl.js';
import type { MigrationContext } from '../src/storage/migrations/types.js';
import { migrate } from '../src/storage/migrations/runner.js';
import { openStore, type Store } from '../src/storage/store.js';
import { rng } from '../src/storage/rollups/test-support.js';
import { benchCases, difference, whereDifferent, type BenchCase } from './query-cases.js';
import { DAY_S, generate, rowsPerDay, type BenchSize } from './query-data.js';

const HELP = `pnpm bench:query [flags]
  --days N               days of history (default 30)
  --orchestrators N      orchestrators, one agent each (default 50; the issue's size: 500)
  --gpus N               GPUs per orchestrator (default 4)
  --interval-s N         GPU metric and heartbeat interval, s (default 60; the issue's size: 10)
  --job-interval-s N     job counter/histogram export interval, s (default 300)
  --testloads-per-hour N test-load jobs per orchestrator and hour (default 4)
  --full                 the issue's size: 500 orchestrators × 4 GPUs at 10 s
  --iterations N         measured runs per rollup-backed query (default 30)
  --warmup N             unmeasured runs of each query before (default 5; the
                         first runs of the JavaScript are slower until V8 has
                         optimised it, which a serving collector has long done)
  --raw-iterations N     measured runs per raw-table query (default 3)
  --keep                 keep the data directory (printed)
  --data DIR             measure a store kept by an earlier run (--keep) instead of
                         generating one; its size flags are read from DIR
`;

const INTS = {
  days: 30,
  orchestrators: 50,
  gpus: 4,
  'interval-s': 60,
  'job-interval-s': 300,
  'testloads-per-hour': 4,
  iterations: 30,
  warmup: 5,
  'raw-iterations': 3,
} as const;
type IntFlag = keyof typeof INTS;

function parseFlags(argv: readonly string[]) {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      ...Object.fromEntries(Object.keys(INTS).map((k) => [k, text])),
      full: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const full: Partial<Record<IntFlag, number>> = values.full
    ? { orchestrators: 500, 'interval-s': 10 }
    : {};
  const int = (k: IntFlag): number => {
    const raw = (values as Record<string, unknown>)[k];
    const n = raw === undefined ? (full[k] ?? INTS[k]) : Number(raw);
    if (!Number.isSafeInteger(n) || n < (k === 'warmup' ? 0 : 1)) {
      throw new Error(`--${k} must be an integer ≥ ${k === 'warmup' ? 0 : 1}`);
    }
    return n;
  };
  const size: BenchSize = {
    days: int('days'),
    orchestrators: int('orchestrators'),
    gpus: int('gpus'),
    intervalS: int('interval-s'),
    jobIntervalS: int('job-interval-s'),
    testloadsPerHour: int('testloads-per-hour'),
  };
  if (DAY_S % size.intervalS !== 0 || DAY_S % size.jobIntervalS !== 0) {
    throw new Error('--interval-s and --job-interval-s must divide a day');
  }
  return {
    help: values.help,
    keep: values.keep,
    data: values.data,
    size,
    iterations: int('iterations'),
    warmup: int('warmup'),
    rawIterations: int('raw-iterations'),
  };
}

/** Answers from the two paths may differ this much (float sums in another order), relative. */
const ANSWER_TOLERANCE = 0.01;

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
}

interface Timing {
  readonly p50: number;
  readonly p95: number;
}

async function time(
  runs: number,
  pick: () => number,
  f: (o: number) => Promise<unknown>,
): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const o = pick();
    const t0 = performance.now();
    await f(o);
    ms.push(performance.now() - t0);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

interface Result {
  readonly name: string;
  readonly rollup: Timing;
  readonly raw: Timing;
  /** Largest relative difference between the two answers (0: identical). */
  readonly difference: number;
}

async function measure(
  c: BenchCase,
  flags: ReturnType<typeof parseFlags>,
  orchestrators: number,
  seed: number,
): Promise<Result> {
  const next = rng(seed);
  const pick = (): number => Math.floor(next() * orchestrators);
  const probe = pick();
  // The first run of each path is the check (and warms caches up); both
  // paths run the same JavaScript, which the warm-up runs get optimised.
  const [a, b] = [await c.rollup(probe), await c.raw(probe)];
  const diff = difference(c.compare(a), c.compare(b));
  if (diff >= ANSWER_TOLERANCE) {
    log(
      `${c.name}: answers differ (orchestrator #${probe}) at ${whereDifferent(c.compare(a), c.compare(b)) ?? '?'}`,
    );
  }
  for (let i = 0; i < flags.warmup; i++) await c.rollup(pick());
  const rollup = await time(flags.iterations, pick, (o) => c.rollup(o));
  const raw = await time(flags.rawIterations, pick, (o) => c.raw(o));
  return { name: c.name, rollup, raw, difference: diff };
}

const fmt = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;

function report(results: readonly Result[]): string {
  const rows = results.map((r) => {
    const ratio = r.raw.p50 / r.rollup.p50;
    return [
      r.name,
      fmt(r.rollup.p50),
      fmt(r.rollup.p95),
      fmt(r.raw.p50),
      fmt(r.raw.p95),
      `${ratio.toFixed(1)}×`,
      r.difference === 0
        ? 'identical'
        : r.difference < ANSWER_TOLERANCE
          ? `within ${(r.difference * 100).toPrecision(2)} %`
          : 'NO',
      `${r.rollup.p95 < 100 ? 'p95<100ms ✓' : 'p95<100ms ✗'} ${ratio >= 20 ? '≥20× ✓' : '≥20× ✗'}`,
    ];
  });
  const head = [
    'query',
    'rollup p50',
    'rollup p95',
    'raw p50',
    'raw p95',
    'raw/rollup (p50)',
    'same answer',
    'goals',
  ];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

/** What `--keep` leaves beside the data, for `--data`. */
const KEPT_FILE = 'bench-query.json';

async function readKept(dir: string): Promise<{ size: BenchSize; nowMs: number }> {
  const text = await readFile(join(dir, KEPT_FILE), 'utf8').catch(() => {
    throw new Error(`--data ${dir}: no ${KEPT_FILE} there (keep a store with --keep first)`);
  });
  return JSON.parse(text) as { size: BenchSize; nowMs: number };
}

/**
 * What the scorer keeps current on a serving collector: the spans of the
 * windows ending at `nowMs`. A kept store's `nowMs` may be hours past, when
 * its spans have expired: they are computed again and kept from expiring
 * while this process measures.
 */
async function spansOf(store: Store, nowMs: number): Promise<string> {
  if (Date.now() > nowMs + SPAN_TTL_HOURS * 3_600_000) {
    const { inputsSpan, nodeSpan, gpusSpan, inputSpans } = ANALYTICS_TABLES;
    for (const t of [inputsSpan, nodeSpan, gpusSpan, inputSpans]) {
      await store.client.command({ query: `SYSTEM STOP TTL MERGES ${store.table(t)}` });
    }
  }
  const t0 = performance.now();
  const spans = await refreshSpans(store, nowMs, new Map());
  const ms = (performance.now() - t0).toFixed(0);
  log(`spans: ${spans.length} written`);
  return spans.length === 0
    ? 'spans (24 h, 7 d, 30 d windows): current'
    : `spans (24 h, 7 d, 30 d windows): ${spans.length} merged in ${ms} ms (${spans.map((x) => x.rows).join(' / ')} rows)`;
}

async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const kept = flags.data === undefined ? null : await readKept(flags.data);
  const s = kept?.size ?? flags.size;
  const dir = flags.data ?? (await mkdtemp(join(tmpdir(), 'naap-bench-query-')));
  const ctx: MigrationContext = {
    database: 'naap',
    cluster: undefined,
    ttlDays: { raw: s.days + 2, minute: s.days + 2, hour: 730 },
  };
  const store = await openStore({
    storage: { mode: 'embedded', dir },
    database: 'naap',
    cluster: undefined,
  });
  try {
    await migrate(store, ctx);
    const perDay = rowsPerDay(s);
    const total = Object.values(perDay).reduce((a, b) => a + b, 0) * s.days;
    let nowMs: number;
    let setup: string[];
    if (kept !== null) {
      nowMs = kept.nowMs;
      setup = [`store of an earlier run: ${dir} (${total.toLocaleString('en-US')} raw rows)`];
      log(setup[0] ?? '');
    } else {
      log(
        `generating ${s.days} d × ${s.orchestrators} orchestrators × ${s.gpus} GPUs at ${s.intervalS} s: ${total.toLocaleString('en-US')} raw rows (data in ${dir})`,
      );
      const endS = Math.floor(Date.now() / 3_600_000) * 3600;
      nowMs = endS * 1000;
      const g0 = performance.now();
      await generate(store, s, endS, log);
      const genS = (performance.now() - g0) / 1000;
      log(`scoring ${s.days * 24} hours (naap-collector recompute)`);
      const r0 = performance.now();
      const rc = await recompute(
        store,
        { from: new Date(nowMs - s.days * DAY_S * 1000), to: new Date(nowMs) },
        { now: nowMs },
      );
      const recomputeS = (performance.now() - r0) / 1000;
      setup = [
        `raw rows generated: ${total.toLocaleString('en-US')} in ${genS.toFixed(0)} s (${Math.round(total / genS).toLocaleString('en-US')} rows/s through the views)`,
        `recompute: ${rc.hours} hours, ${rc.scored.toLocaleString('en-US')} scores in ${recomputeS.toFixed(0)} s (${((recomputeS * 1000) / rc.hours).toFixed(0)} ms per hour)`,
      ];
      if (flags.keep) await writeFile(join(dir, KEPT_FILE), JSON.stringify({ size: s, nowMs }));
    }
    setup.push(await spansOf(store, nowMs));
    const results: Result[] = [];
    for (const [i, c] of benchCases(store, ctx, nowMs, s.days).entries()) {
      log(`measuring ${c.name}`);
      results.push(await measure(c, flags, s.orchestrators, 1000 + i));
    }
    process.stdout.write(
      [
        `pnpm bench:query — ${s.days} d × ${s.orchestrators} orchestrators × ${s.gpus} GPUs at ${s.intervalS} s (jobs every ${s.jobIntervalS} s, ${s.testloadsPerHour} test loads per orchestrator-hour), embedded chDB`,
        ...setup,
        `runs: ${flags.iterations} per rollup-backed query (after ${flags.warmup} unmeasured), ${flags.rawIterations} per raw query, random orchestrators; goals: p95 < 100 ms and ≥ 20× faster than raw`,
        '',
        report(results),
        '',
      ].join('\n'),
    );
    // One line per query for `pnpm bench`'s summary table.
    for (const r of results)
      process.stdout.write(
        `::bench ${JSON.stringify({ bench: 'query', figure: `${r.name}, p95`, value: r.rollup.p95, unit: 'ms', baseline: 'same answer from raw tables, p95', baselineValue: r.raw.p95, goal: '< 100 ms, ≥ 20× raw', met: r.rollup.p95 < 100 && r.raw.p50 / r.rollup.p50 >= 20 })}\n`,
      );
    return results.every((r) => r.difference < ANSWER_TOLERANCE) ? 0 : 1;
  } finally {
    await store.close();
    if (flags.keep || flags.data !== undefined) log(`data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`bench:query: ${e instanceof Error ? e.message : String(e)}\n`);
  return 2;
});
