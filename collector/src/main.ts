import type { Logger } from 'pino';
import { parseRecomputeArgs, type RecomputeArgs } from './analytics/cli.js';
import { recompute } from './analytics/score/recompute.js';
import { tokensCommand } from './auth/cli.js';
import { TokenFileError } from './auth/tokens.js';
import { ConfigError, type CollectorConfig } from './config/config.js';
import { helpText } from './config/help.js';
import { loadConfig } from './config/resolve.js';
import { prepareStorage, startCollector } from './service.js';
import { openStore } from './storage/store.js';
import { createLogger } from './telemetry/logger.js';

async function runMigrate(config: CollectorConfig, log: Logger): Promise<number> {
  const store = await openStore(config);
  try {
    await prepareStorage(store, config, log);
    log.info({ database: config.database, mode: store.mode }, 'schema is up to date');
    return 0;
  } finally {
    await store.close();
  }
}

async function runRecompute(
  config: CollectorConfig,
  log: Logger,
  range: RecomputeArgs,
): Promise<number> {
  const store = await openStore(config);
  try {
    await prepareStorage(store, config, log);
    const report = await recompute(store, range, {
      onHour: (r) => {
        log.debug({ hour: r.hour.toISOString(), scored: r.scored }, 'hour scored');
      },
    });
    log.info(
      { from: range.from.toISOString(), to: range.to.toISOString(), ...report },
      'SLA scores recomputed',
    );
    return 0;
  } finally {
    await store.close();
  }
}

async function runCollector(config: CollectorConfig, log: Logger): Promise<number> {
  const collector = await startCollector(config, log);
  log.info(
    { url: collector.url, storage: collector.store.mode, database: config.database },
    'naap-collector listening',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  log.info('stopping: flushing buffers');
  await collector.close();
  log.info('stopped');
  return 0;
}

/** `naap-collector [run|migrate|recompute|tokens] [flags]`; returns the exit code. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const [first, ...rest] = argv;
  const command = first === undefined || first.startsWith('--') ? 'run' : first;
  const args = command === first ? rest : argv;
  if (command === 'tokens')
    return tokensCommand(args, env, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    });
  if (args.includes('--help') || args.includes('-h') || command === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  if (command !== 'run' && command !== 'migrate' && command !== 'recompute') {
    process.stderr.write(`naap-collector: unknown command "${command}" (see --help)\n`);
    return 2;
  }
  let config: CollectorConfig;
  let range: RecomputeArgs | undefined;
  try {
    range = command === 'recompute' ? parseRecomputeArgs(args) : undefined;
    config = await loadConfig(range?.rest ?? args, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`naap-collector: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  try {
    if (range !== undefined) return await runRecompute(config, log, range);
    return command === 'migrate' ? await runMigrate(config, log) : await runCollector(config, log);
  } catch (err) {
    if (err instanceof TokenFileError) {
      log.error(err.message);
      return 2;
    }
    log.fatal({ err }, 'naap-collector failed');
    return 1;
  }
}
