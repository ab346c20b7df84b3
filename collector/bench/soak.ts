/**
 * `pnpm soak`: the collector under twice the expected network for a few
 * minutes — 200 orchestrators × 8 GPUs sampled every second, each
 * orchestrator an agent with its own token sending OTLP protobuf (gzip) every
 * export interval — on the embedded store, in a child process. Reports the
 * throughput accepted, ingest latency (request → 2xx), refusals and 429/503
 * answers, and the collector's memory over time with its growth over the
 * second half (it must stay flat). Asserts nothing about time.
 *
 *   node --conditions=@naap/source --import tsx collector/bench/soak.ts [flags]
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { decodeMetricsProtobuf, countDataPoints } from '../src/otlp/index.js';
import { RAW_METRIC_TABLES } from '../src/storage/schema/raw-tables.js';
import { spawnCollector, type CollectorProcess } from './collector-process.js';
import { orchestrators } from './payload.js';
import { runSoakLoad, type LoadStats } from './soak-load.js';
import { pointsPerSample, prng, SoakAgent } from './soak-payload.js';
import { int, isFlat, memoryGrowth, mib, percentile, type MemorySample } from './soak-report.js';

const HELP = `pnpm soak [flags]
  --duration-s N          load duration, seconds (default 180)
  --orchestrators N       agents, one token each (default 200: twice the expected network)
  --gpus N                GPUs per orchestrator (default 8)
  --export-interval-ms N  how often each agent sends its 1 s samples (default 5000, the agent's)
  --memory-interval-s N   collector memory sampled this often (default 2)
  --max-sockets N         HTTP connections to the collector at most (default: one per agent)
  --collector-args "..."  more naap-collector flags
  --keep                  keep the data directory (printed)
`;

const DEFAULTS = {
  'duration-s': 180,
  orchestrators: 200,
  gpus: 8,
  'export-interval-ms': 5000,
  'memory-interval-s': 2,
  'max-sockets': 0,
} as const;

function parseFlags(argv: readonly string[]) {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      'duration-s': text,
      orchestrators: text,
      gpus: text,
      'export-interval-ms': text,
      'memory-interval-s': text,
      'max-sockets': text,
      'collector-args': text,
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const int = (k: keyof typeof DEFAULTS): number => {
    const raw = values[k];
    const n = typeof raw === 'string' ? Number(raw) : DEFAULTS[k];
    if (!Number.isSafeInteger(n) || n < 1) {
      if (k === 'max-sockets' && n === 0) return 0;
      throw new Error(`--${k} must be an integer ≥ 1`);
    }
    return n;
  };
  const extra = values['collector-args'];
  return {
    help: values.help,
    keep: values.keep,
    collectorArgs: (typeof extra === 'string' ? extra : '').split(/\s+/).filter((a) => a !== ''),
    durationS: int('duration-s'),
    orchestrators: int('orchestrators'),
    gpus: int('gpus'),
    exportIntervalMs: int('export-interval-ms'),
    memoryIntervalS: int('memory-interval-s'),
    maxSockets: int('max-sockets') || int('orchestrators'),
  };
}

const log = (message: string): void => {
  process.stderr.write(`[soak] ${message}\n`);
};

/** The encoder's output is what the collector decodes: checked once before the run. */
function selfCheck(agent: SoakAgent, gpus: number): void {
  const { body, points } = agent.request([Date.now() - 1000, Date.now()]);
  const decoded = countDataPoints(decodeMetricsProtobuf(gunzipSync(body)));
  if (decoded !== points || points !== 2 * pointsPerSample(gpus))
    throw new Error(`payload self-check: ${decoded} decoded, ${points} written`);
}

/** Samples the collector's memory until `done` resolves. */
async function sampleMemory(
  collector: CollectorProcess,
  t0: number,
  intervalMs: number,
  done: Promise<unknown>,
): Promise<MemorySample[]> {
  const samples: MemorySample[] = [];
  const state = { finished: false };
  void done.finally(() => (state.finished = true));
  while (!state.finished) {
    const u = await collector.usage();
    samples.push({
      t: (performance.now() - t0) / 1000,
      rssBytes: u.rssBytes,
      heapBytes: u.heapBytes,
    });
    await Promise.race([new Promise((r) => setTimeout(r, intervalMs)), done]);
  }
  return samples;
}

type Flags = ReturnType<typeof parseFlags>;

function report(flags: Flags, stats: LoadStats, figures: Figures): string {
  const lat = [...stats.latenciesMs].sort((a, b) => a - b);
  const offered = flags.orchestrators * pointsPerSample(flags.gpus);
  const growth = memoryGrowth(figures.memory, flags.durationS);
  const status = [...stats.statuses].sort(([a], [b]) => a - b);
  const rows = figures.memory
    .filter(
      (_, i, all) =>
        i % Math.max(1, Math.round(15 / flags.memoryIntervalS)) === 0 || i === all.length - 1,
    )
    .map(
      (s) =>
        `    ${s.t.toFixed(0).padStart(5)} s   RSS ${mib(s.rssBytes).padStart(5)} MiB   heap ${mib(s.heapBytes).padStart(5)} MiB`,
    );
  return [
    `naap soak: ${flags.orchestrators} orchestrators × ${flags.gpus} GPUs, 1 s samples, sent every ${flags.exportIntervalMs / 1000} s, ${flags.durationS} s`,
    `  offered     ${int(offered)} points/s (${pointsPerSample(flags.gpus)} per agent per second); ${int(stats.sampledPoints)} points sampled`,
    `  accepted    ${int(figures.steadyRate)} points/s over the second half (${((100 * figures.steadyRate) / offered).toFixed(1)} % of offered); ${int(stats.acceptedPoints)} points in all, the last answer ${figures.tailS.toFixed(1)} s after the schedule ended`,
    `  refused     ${int(stats.refusedPoints)} points (partial_success or 4xx); failed requests ${stats.failures}`,
    `  answers     ${status.map(([s, n]) => `${s}: ${int(n)}`).join(', ')} (429/503 retried after Retry-After)`,
    `  latency     p50 ${percentile(lat, 0.5).toFixed(1)} ms, p99 ${percentile(lat, 0.99).toFixed(1)} ms, max ${(lat.at(-1) ?? 0).toFixed(0)} ms (request → 2xx)`,
    `  collector   ${figures.cpuS.toFixed(1)} CPU-s = ${((figures.cpuS / Math.max(1, stats.acceptedPoints)) * 1e6).toFixed(1)} CPU-µs/point; peak RSS ${mib(figures.peakRssBytes)} MiB; rows stored ${int(figures.stored)} (${figures.stored === stats.acceptedPoints ? 'all accepted points' : `accepted ${int(stats.acceptedPoints)}`})`,
    `  memory over time:`,
    ...rows,
    `  memory growth over the second half (${growth.samples} samples, least squares): RSS ${growth.rss.perMin.toFixed(1)} ± ${growth.rss.se.toFixed(1)} MiB/min (mean ${growth.meanRssMiB.toFixed(0)} MiB), heap ${growth.heap.perMin.toFixed(1)} ± ${growth.heap.se.toFixed(1)} MiB/min → ${isFlat(growth) ? 'flat' : 'GROWING'}`,
    `  after the load: RSS ${mib(figures.idleRssBytes)} MiB, heap ${mib(figures.idleHeapBytes)} MiB`,
  ].join('\n');
}

interface Figures {
  /** Points per second accepted over the second half of the schedule. */
  readonly steadyRate: number;
  readonly wallS: number;
  readonly tailS: number;
  readonly cpuS: number;
  readonly peakRssBytes: number;
  readonly stored: number;
  readonly memory: readonly MemorySample[];
  readonly idleRssBytes: number;
  readonly idleHeapBytes: number;
}

let active: CollectorProcess | undefined;

async function soak(dir: string, flags: Flags): Promise<void> {
  const orchs = orchestrators(flags.orchestrators);
  await writeFile(
    join(dir, 'tokens.json'),
    JSON.stringify(
      orchs.map((o, i) => ({
        token: o.token,
        kind: 'agent',
        address: o.address,
        name: `orch-${i}`,
      })),
    ),
  );
  const random = prng(7);
  const agents = orchs.map((o, i) => new SoakAgent(o, i, flags.gpus, random));
  selfCheck(
    new SoakAgent(orchs[0] ?? { address: '0x', token: '' }, 0, flags.gpus, prng(1)),
    flags.gpus,
  );
  log(`starting the collector (embedded store in ${dir})`);
  const collector = await spawnCollector({
    flags: [
      ...['--listen', '127.0.0.1:0', '--clickhouse', `embedded:${join(dir, 'collector')}`],
      ...['--tokens', join(dir, 'tokens.json'), '--log-level', 'warn'],
      ...flags.collectorArgs,
    ],
  });
  active = collector;
  try {
    const stats: LoadStats = {
      requests: 0,
      acceptedPoints: 0,
      refusedPoints: 0,
      statuses: new Map(),
      failures: 0,
      latenciesMs: [],
      sampledPoints: 0,
      accepted: [],
    };
    log(`${flags.orchestrators} agents for ${flags.durationS} s`);
    const before = await collector.usage();
    const t0 = performance.now();
    const endAt = t0 + flags.durationS * 1000;
    const load = runSoakLoad(
      collector.url,
      agents,
      { exportIntervalMs: flags.exportIntervalMs, endAt, maxSockets: flags.maxSockets },
      stats,
    );
    const progress = setInterval(() => {
      log(
        `${((performance.now() - t0) / 1000).toFixed(0)} s: ${int(stats.acceptedPoints)} points accepted, ${stats.requests} answers`,
      );
    }, 30_000);
    const memory = await sampleMemory(collector, t0, flags.memoryIntervalS * 1000, load);
    await load;
    clearInterval(progress);
    const end = performance.now();
    const after = await collector.usage();
    const stored = await collector.count(RAW_METRIC_TABLES.gauge);
    // A few seconds without load: what the collector keeps.
    await new Promise((r) => setTimeout(r, 10_000));
    const idle = await collector.usage();
    // Steady state: what was accepted during the second half of the schedule.
    const half = (t0 + endAt) / 2;
    const secondHalf = stats.accepted
      .filter((a) => a.at >= half && a.at < endAt)
      .reduce((n, a) => n + a.points, 0);
    const figures: Figures = {
      steadyRate: secondHalf / ((endAt - half) / 1000),
      wallS: (end - t0) / 1000,
      tailS: Math.max(0, (end - endAt) / 1000),
      cpuS: after.cpuSeconds - before.cpuSeconds,
      peakRssBytes: after.peakRssBytes,
      stored,
      memory,
      idleRssBytes: idle.rssBytes,
      idleHeapBytes: idle.heapBytes,
    };
    process.stdout.write(`\n${report(flags, stats, figures)}\n`);
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
  const dir = await mkdtemp(join(tmpdir(), 'naap-soak-'));
  const cleanup = (): void => {
    if (flags.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  const onSignal = (): void => {
    void (active?.kill() ?? Promise.resolve()).finally(() => {
      cleanup();
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  try {
    await soak(dir, flags);
  } finally {
    process.off('SIGINT', onSignal);
    cleanup();
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
