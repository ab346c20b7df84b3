/**
 * `pnpm bench:ingest`: OTLP ingest throughput of naap-collector with the
 * embedded engine, next to the raw chDB insert rate of the same rows measured
 * in the same run. Prints figures and ratios against the goals; asserts
 * nothing about time (exit code 0 unless the run itself fails).
 *
 *   node --conditions=@naap/source --import tsx collector/bench/ingest.ts [flags]
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RAW_METRIC_TABLES } from '../src/storage/schema/raw-tables.js';
import { runBaseline } from './baseline.js';
import { spawnCollector, type CollectorProcess } from './collector-process.js';
import { runLoad } from './load.js';
import { buildRequests, GAUGES_PER_GPU, type BenchRequest, type Orchestrator } from './payload.js';
import { formatReport, type CollectorFigures } from './report.js';
import { cpuBetween, threadCpu } from './threads.js';

const HELP = `pnpm bench:ingest [flags]
  --requests N            OTLP requests to measure (default 1000)
  --warmup N              requests sent first, not measured (default 100; also in the baseline)
  --clients N             concurrent HTTP clients (default 16)
  --points-per-request N  data points per request (default 1000)
  --orchestrators N       simulated orchestrators, one agent token each (default 100)
  --gpus N                GPUs per orchestrator, ${GAUGES_PER_GPU} gauges each (default 8)
  --batch-rows N          rows per INSERT, collector (--batch-rows) and baseline alike (default 10000)
  --ingest-ack insert|log when the collector acknowledges (its --ingest-ack; default insert); with log,
                          its INSERTs hold up to its --log-batch-rows rows (set it with
                          --collector-args) and the measured load ends once they are all done
  --collector-args "..."  more naap-collector flags, e.g. "--batch-delay-ms 2000"
  --cpu-prof DIR          write a V8 CPU profile of the collector process into DIR
  --keep                  keep the temporary data directories (printed)
`;

const DEFAULTS = {
  requests: 1000,
  warmup: 100,
  clients: 16,
  'points-per-request': 1000,
  orchestrators: 100,
  gpus: 8,
  'batch-rows': 10_000,
} as const;
type IntegerFlag = keyof typeof DEFAULTS;

function parseFlags(argv: readonly string[]) {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    // `pnpm bench:ingest -- --requests 500` may pass the `--` along.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      requests: text,
      warmup: text,
      clients: text,
      'points-per-request': text,
      orchestrators: text,
      gpus: text,
      'batch-rows': text,
      'cpu-prof': text,
      'collector-args': text,
      'ingest-ack': text,
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const int = (k: IntegerFlag): number => {
    const raw = values[k];
    const n = raw === undefined ? DEFAULTS[k] : Number(raw);
    const min = k === 'warmup' ? 0 : 1;
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${k} must be an integer ≥ ${min}`);
    return n;
  };
  const ack: 'insert' | 'log' = values['ingest-ack'] === 'log' ? 'log' : 'insert';
  if (values['ingest-ack'] !== undefined && values['ingest-ack'] !== ack)
    throw new Error('--ingest-ack must be insert or log');
  return {
    help: values.help,
    keep: values.keep,
    ack,
    cpuProf: values['cpu-prof'],
    collectorArgs: (values['collector-args'] ?? '').split(/\s+/).filter((a) => a !== ''),
    requests: int('requests'),
    warmup: int('warmup'),
    clients: int('clients'),
    pointsPerRequest: int('points-per-request'),
    orchestrators: int('orchestrators'),
    gpus: int('gpus'),
    batchRows: int('batch-rows'),
  };
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

type Flags = ReturnType<typeof parseFlags>;

/** The collector process while one runs, for Ctrl-C. */
let active: CollectorProcess | undefined;

/** Starts the collector process, warms it up, measures the load; stops it. */
async function measureCollector(
  dir: string,
  flags: Flags,
  orchestrators: readonly Orchestrator[],
  warmup: readonly BenchRequest[],
  requests: readonly BenchRequest[],
): Promise<CollectorFigures> {
  const tokens = join(dir, 'tokens.json');
  const entries = orchestrators.map((o, i) => ({
    token: o.token,
    kind: 'agent',
    address: o.address,
    name: `orch-${i}`,
  }));
  await writeFile(tokens, JSON.stringify(entries));
  log(`starting the collector (data in ${dir})`);
  const collector = await spawnCollector({
    flags: [
      ...['--listen', '127.0.0.1:0', '--clickhouse', `embedded:${join(dir, 'collector')}`],
      ...['--tokens', tokens, '--log-level', 'warn', '--batch-rows', String(flags.batchRows)],
      ...['--ingest-ack', flags.ack],
      ...flags.collectorArgs,
    ],
    nodeOptions:
      flags.cpuProf === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${flags.cpuProf}`],
  });
  active = collector;
  try {
    const idle = await collector.usage();
    log(`warming up with ${warmup.length} requests, then measuring ${requests.length}`);
    await runLoad(collector.url, warmup, orchestrators, flags.clients);
    await collector.flush();
    const before = await collector.usage();
    const threads0 = await threadCpu(collector.pid);
    const driver0 = process.cpuUsage();
    const sent = await runLoad(collector.url, requests, orchestrators, flags.clients);
    // With --ingest-ack log the last INSERTs follow the acks: they belong to the load.
    const flushStarted = performance.now();
    await collector.flush();
    const load = {
      ...sent,
      wallSeconds: sent.wallSeconds + (performance.now() - flushStarted) / 1000,
    };
    const driver = process.cpuUsage(driver0);
    const after = await collector.usage();
    const threads = cpuBetween(threads0, await threadCpu(collector.pid));
    const stored = await collector.count(RAW_METRIC_TABLES.gauge);
    const expected = [...warmup, ...requests].reduce((n, r) => n + r.points, 0);
    if (stored !== expected) throw new Error(`collector stored ${stored} of ${expected} points`);
    return {
      load,
      stored: stored - (expected - load.points),
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      peakRssBytes: after.peakRssBytes,
      idlePeakRssBytes: idle.peakRssBytes,
      endRssBytes: after.rssBytes,
      endHeapBytes: after.heapBytes,
      endRssFileBytes: after.rssFileBytes,
      threads,
      loadGeneratorCpuSeconds: (driver.user + driver.system) / 1e6,
    };
  } finally {
    await collector.stop();
    active = undefined;
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(HELP);
    return;
  }
  const total = flags.warmup + flags.requests;
  log(`building ${total} requests of ${flags.pointsPerRequest} points with the OTel SDK`);
  const gen0 = performance.now();
  const { orchestrators, requests: all } = await buildRequests({
    requests: total,
    pointsPerRequest: flags.pointsPerRequest,
    orchestrators: flags.orchestrators,
    gpusPerOrchestrator: flags.gpus,
  });
  const generateSeconds = (performance.now() - gen0) / 1000;
  const warmup = all.slice(0, flags.warmup);
  const requests = all.slice(flags.warmup);

  const dir = await mkdtemp(join(tmpdir(), 'naap-bench-ingest-'));
  const cleanup = (): void => {
    if (flags.keep) return;
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      log(`could not remove ${dir}: ${String(err)}`);
    }
  };
  const onSignal = (): void => {
    void (active?.kill() ?? Promise.resolve()).finally(() => {
      cleanup();
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  try {
    const collector = await measureCollector(dir, flags, orchestrators, warmup, requests);
    log(`raw baseline: the same rows into a fresh chDB, ${flags.batchRows} rows per INSERT`);
    const baseline = await runBaseline(
      join(dir, 'baseline'),
      warmup,
      requests,
      orchestrators,
      flags.batchRows,
    );
    const warmupRows = baseline.stored - baseline.rows;
    if (
      baseline.rows !== collector.load.points ||
      warmupRows + collector.stored !== baseline.stored
    ) {
      throw new Error(`baseline stored ${baseline.stored} rows, ${baseline.rows} measured`);
    }
    const mean = (f: (r: BenchRequest) => number): number =>
      requests.reduce((n, r) => n + f(r), 0) / requests.length;
    const setup = {
      ...flags,
      gauges: GAUGES_PER_GPU,
      gzipBytes: mean((r) => r.body.length),
      rawBytes: mean((r) => r.rawBytes),
      generateSeconds,
    };
    process.stdout.write(`\n${formatReport(setup, collector, baseline)}\n`);
    // One line per headline figure for `pnpm bench`'s summary table.
    const perCpu = collector.load.points / collector.cpuSeconds;
    const share =
      collector.load.points / collector.load.wallSeconds / (baseline.rows / baseline.wallSeconds);
    const mode = flags.ack === 'log' ? ' (--ingest-ack log)' : '';
    for (const f of [
      {
        figure: `ingest${mode}, points per CPU-second`,
        value: perCpu,
        unit: 'pts/CPU-s',
        baseline: 'raw chDB insert, rows per CPU-second',
        baselineValue: baseline.rows / baseline.cpuSeconds,
        goal: '≥ 50,000',
        met: perCpu >= 50_000,
      },
      {
        figure: `ingest${mode} rate ÷ raw insert rate (wall)`,
        value: share,
        unit: 'ratio',
        baseline: null,
        baselineValue: null,
        goal: '≥ 0.5',
        met: share >= 0.5,
      },
      {
        figure: `collector${mode} peak RSS`,
        value: collector.peakRssBytes / 1024 ** 2,
        unit: 'MiB',
        baseline: null,
        baselineValue: null,
        goal: '≤ 1024',
        met: collector.peakRssBytes <= 1024 ** 3,
      },
    ])
      process.stdout.write(`::bench ${JSON.stringify({ bench: 'ingest', ...f })}\n`);
    if (flags.keep) log(`kept ${dir}`);
  } finally {
    process.off('SIGINT', onSignal);
    cleanup();
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(
    `bench:ingest failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exitCode = 1;
}
