import { pino, type Logger } from 'pino';
import { ConfigError, optionsHelp } from '@naap/otel/config';
import { ENV_PREFIX, OPTIONS } from './config/options.js';
import { loadAgentConfig } from './config/resolve.js';
import type { AgentConfig } from './config/types.js';
import { formatChecks, runChecks } from './doctor.js';
import { AGENT_VERSION, createTelemetry } from './export/provider.js';
import { resolveIdentity } from './identity.js';
import { createSamplers } from './registry.js';
import type { Sampler } from './samplers/sampler.js';

const HELP = `naap-agent ${AGENT_VERSION} — NaaP SLA telemetry agent for go-livepeer orchestrators

Usage:
  naap-agent [run] [flags]           sample and export continuously (default)
  naap-agent doctor [flags]          check every source and the collector, with fixes
  naap-agent enroll [--signature 0x…] get this orchestrator's token (enroll --help)
  naap-agent sample --once --json    one snapshot of everything sampled, as JSON
  naap-agent --help | --version

Every flag can also be set by its NAAP_AGENT_* variable or, with --config FILE,
a JSON object of flag names (flags > environment > file > defaults). Unknown
flags, variables and keys are errors.

Flags:
${optionsHelp(OPTIONS, ENV_PREFIX)}
`;

async function startAll(
  config: AgentConfig,
  log: Logger,
  signal: AbortSignal,
): Promise<{ samplers: Sampler[]; stop(): Promise<void> }> {
  const identified = await resolveIdentity(config, log);
  const telemetry = createTelemetry(identified);
  const samplers = await createSamplers(identified, log);
  telemetry.observeSamplers(samplers);
  for (const s of samplers) {
    await s.start({
      config: identified,
      meter: telemetry.meter,
      log: log.child({ sampler: s.name }),
      signal,
    });
  }
  return {
    samplers,
    stop: async () => {
      for (const s of samplers)
        await s.stop().catch((err: unknown) => {
          log.warn({ err, sampler: s.name }, 'sampler did not stop cleanly');
        });
      await telemetry.shutdown();
    },
  };
}

/** Longest a clean stop (samplers, final export) may take. */
const STOP_TIMEOUT_MS = 15_000;

async function run(config: AgentConfig, log: Logger): Promise<number> {
  const abort = new AbortController();
  const agent = await startAll(config, log, abort.signal);
  log.info(
    { collector: config.collector, samplers: agent.samplers.map((s) => s.name) },
    'naap-agent running',
  );
  // Signal handlers alone do not keep Node running; this does, until a signal.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    // Kept (not `once`): a repeated signal while stopping must not kill the final export.
    process.on('SIGTERM', resolve);
    process.on('SIGINT', resolve);
  });
  clearInterval(keepAlive);
  abort.abort();
  log.info('stopping: final export');
  const stopped = await Promise.race([
    agent.stop().then(() => true),
    new Promise<false>((r) =>
      setTimeout(() => {
        r(false);
      }, STOP_TIMEOUT_MS).unref(),
    ),
  ]);
  if (!stopped) log.warn(`stopping took over ${STOP_TIMEOUT_MS / 1000} s; exiting anyway`);
  return 0;
}

async function sampleOnce(config: AgentConfig, log: Logger): Promise<number> {
  const abort = new AbortController();
  const agent = await startAll(
    { ...config, token: undefined, collector: config.collector },
    log,
    abort.signal,
  );
  await new Promise((r) => setTimeout(r, Math.max(config.nvidiaSmi.intervalMs, 1000) * 2.5));
  const out: Record<string, unknown> = {};
  for (const s of agent.samplers) out[s.name] = { snapshot: s.snapshot(), health: s.health() };
  abort.abort();
  await agent.stop();
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

/** `naap-agent [run|doctor|sample] [flags]`; returns the exit code. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const [first, ...rest] = argv;
  const command = first === undefined || first.startsWith('--') ? 'run' : first;
  let args = command === first ? rest : [...argv];
  // Imported on use: enrollment's signature checks (viem) would cost every `run` ~10 MiB.
  if (command === 'enroll')
    return (await import('./enroll/index.js')).enrollCommand(args, env, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    });
  if (args.includes('--help') || args.includes('-h') || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.includes('--version')) {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  if (command === 'sample') args = args.filter((a) => a !== '--once' && a !== '--json');
  if (!['run', 'doctor', 'sample'].includes(command)) {
    process.stderr.write(`naap-agent: unknown command "${command}" (see --help)\n`);
    return 2;
  }
  let config: AgentConfig;
  try {
    config = await loadAgentConfig(args, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`naap-agent: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const log = pino(
    { level: command === 'run' ? config.logLevel : 'warn', base: { service: 'naap-agent' } },
    pino.destination(2),
  );
  try {
    if (command === 'doctor') {
      const checks = await runChecks(config);
      process.stdout.write(`${formatChecks(checks)}\n`);
      return checks.every((c) => c.ok) ? 0 : 1;
    }
    return command === 'sample' ? await sampleOnce(config, log) : await run(config, log);
  } catch (err) {
    log.fatal({ err }, 'naap-agent failed');
    return 1;
  }
}
