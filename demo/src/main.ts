import { ConfigError, optionsHelp } from '@naap/otel/config';
import { loadDemoConfig } from './config.js';
import { startDemo } from './demo.js';
import { ENV_PREFIX, OPTIONS } from './options.js';

const HELP = `naap-demo — the whole NaaP SLA system on this machine, over a simulated Livepeer network

Starts the collector (embedded store), backfills history (7 days by default), then runs
the simulated network live with one agent per orchestrator, test-load
gateways and the dashboard, and prints their URLs. Ctrl-C stops everything.
A second run reuses the data directory (and backfills the time it was off);
--reset starts afresh.

Usage:
  naap-demo [flags]

Flags:
${optionsHelp(OPTIONS, ENV_PREFIX)}
`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let config;
  try {
    config = await loadDemoConfig(argv, env, process.cwd());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`naap-demo: ${err.message}\n(see naap-demo --help)\n`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  const io = {
    out: (line: string) => process.stdout.write(`${line}\n`),
    progress: (text: string) => {
      if (tty) process.stderr.write(`\r\x1b[K${text}`);
      else if (text !== '') process.stderr.write(`${text}\n`);
    },
  };
  // Ctrl-C at any time, during start-up too, stops every process cleanly.
  const interrupted = new AbortController();
  const stopped = new Promise<string | null>((resolve) => {
    const stop = (): void => {
      interrupted.abort();
      resolve(null);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  let demo;
  try {
    demo = await startDemo(config, io, interrupted.signal);
  } catch (err) {
    if (interrupted.signal.aborted) {
      io.out('\nstopped.');
      return 130;
    }
    process.stderr.write(`naap-demo: ${(err as Error).message}\n`);
    return 1;
  }
  io.out('');
  io.out(`  dashboard  ${demo.dashboardUrl ?? '(not built)'}`);
  io.out(`  API        ${demo.collectorUrl}/api/v1/network/summary`);
  io.out(`  API docs   ${demo.collectorUrl}/api/docs`);
  io.out('');
  io.out(`${demo.processes} processes running; Ctrl-C stops them all.`);
  const reason = await Promise.race([stopped, demo.failed]);
  if (reason !== null) process.stderr.write(`naap-demo: ${reason}\n`);
  io.out('stopping…');
  await demo.stop();
  io.out('stopped.');
  return reason === null ? 0 : 1;
}
