import { pino } from 'pino';
import { ConfigError, optionsHelp } from '@naap/otel/config';
import { ENV_PREFIX, OPTIONS } from './config/options.js';
import { loadGatewayConfig } from './config/resolve.js';
import type { GatewayConfig } from './config/types.js';
import { loadDataset, verifyDataset } from './datasets/index.js';
import { resultsTable } from './report/table.js';
import { Runner, type RunnerDeps } from './runner.js';
import { GATEWAY_VERSION } from './version.js';

const HELP = `naap-gateway ${GATEWAY_VERSION} — NaaP SLA test-load gateway

Usage:
  naap-gateway run [flags]                          test every orchestrator continuously
  naap-gateway once [--target ADDR] [--pipeline P]  one round, a results table; exits 1
                                                    when the gateway itself is broken
  naap-gateway datasets verify [--dataset DIR]      check a dataset's manifest and cases
  naap-gateway --help | --version

Drives a stock go-livepeer gateway's AI API, pinning one orchestrator per
job (a webhook for -orchWebhookUrl, or one gateway per target), and reports
each job as an OTLP log record naap.testload.job and metrics to the
collector, and as a line of the results file.

Every flag can also be set by its NAAP_GATEWAY_* variable or, with --config
FILE, a JSON object of flag names (flags > environment > file > defaults).
Unknown flags, variables and keys are errors.

Flags:
${optionsHelp(OPTIONS, ENV_PREFIX)}
`;

export interface MainIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: MainIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

/** Test seams for `main`: everything of RunnerDeps but the dataset (loaded from the config). */
export type MainDeps = Omit<RunnerDeps, 'dataset'>;

async function verify(config: GatewayConfig, io: MainIo): Promise<number> {
  const report = await verifyDataset(config.datasetDir);
  io.out(
    `dataset ${config.datasetDir}: version ${report.version}, ${report.files} files, ${report.cases} cases\n`,
  );
  for (const p of report.problems) io.out(`  problem: ${p}\n`);
  io.out(report.ok ? 'ok\n' : `${report.problems.length} problems\n`);
  return report.ok ? 0 : 1;
}

async function once(config: GatewayConfig, io: MainIo, deps: MainDeps): Promise<number> {
  const dataset = await loadDataset(config.datasetDir);
  const runner = await Runner.create(config, { ...deps, dataset });
  try {
    const report = await runner.once();
    for (const p of report.discovery.problems) io.err(`naap-gateway: discovery: ${p}\n`);
    if (report.jobs.length > 0) io.out(`${resultsTable(report.jobs.map((j) => j.record))}\n`);
    if (report.gatewayBroken !== null) {
      io.err(`naap-gateway: the gateway looks broken: ${report.gatewayBroken}\n`);
      return 1;
    }
    return 0;
  } finally {
    await runner.close();
  }
}

async function run(config: GatewayConfig, deps: MainDeps): Promise<number> {
  const dataset = await loadDataset(config.datasetDir);
  const log =
    deps.log ??
    pino({ level: config.logLevel, base: { service: 'naap-gateway' } }, pino.destination(2));
  const runner = await Runner.create(config, { ...deps, log, dataset });
  const abort = new AbortController();
  const stop = () => {
    abort.abort();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  log.info(
    {
      gateway: config.gateway.url,
      webhook: runner.webhook?.url ?? null,
      pinning: config.pinning.mode,
    },
    'naap-gateway running',
  );
  try {
    await runner.run(abort.signal);
    return 0;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await runner.close();
  }
}

/** Splits the command words from the flags. */
function command(argv: readonly string[]): { name: string; args: readonly string[] } {
  const [first, second, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return { name: 'help', args: argv };
  if (first === 'datasets') return { name: `datasets ${second ?? ''}`.trim(), args: rest };
  return { name: first, args: second === undefined ? [] : [second, ...rest] };
}

/** `naap-gateway run | once | datasets verify`; returns the exit code. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: MainIo = processIo,
  deps: MainDeps = {},
): Promise<number> {
  if (argv.includes('--version')) {
    io.out(`${GATEWAY_VERSION}\n`);
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    io.out(HELP);
    return 0;
  }
  const { name, args } = command(argv);
  if (!['run', 'once', 'datasets verify'].includes(name)) {
    io.err(
      name === 'help'
        ? 'naap-gateway: a command is needed: run, once or datasets verify (see --help)\n'
        : `naap-gateway: unknown command "${name}" (see --help)\n`,
    );
    return 2;
  }
  let config: GatewayConfig;
  try {
    config = await loadGatewayConfig(args, env);
    if (name !== 'datasets verify' && config.identity.region === null)
      throw new ConfigError('--region (NAAP_GATEWAY_REGION) is required to run test loads');
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`naap-gateway: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    if (name === 'datasets verify') return await verify(config, io);
    return name === 'once' ? await once(config, io, deps) : await run(config, deps);
  } catch (err) {
    io.err(`naap-gateway: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
