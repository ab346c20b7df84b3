import { ScenarioError } from '../scenario/load.js';
import { UsageError } from './args.js';
import { backfillCommand } from './backfill-command.js';
import { scenarioCommand } from './scenario-command.js';
import { truthCommand } from './truth-command.js';

const HELP = `naap-sim — a deterministic simulated Livepeer AI network with ground truth

Usage:
  naap-sim run --scenario FILE [options]       start the simulated network
  naap-sim truth --scenario FILE --from T --to T   print what it actually did (JSON)
  naap-sim backfill --scenario FILE --collector URL --tokens FILE
                                               send the network's past to a collector
  naap-sim scenario --generate [options]       write a generated scenario
  naap-sim scenario --validate FILE            check a scenario
  naap-sim <command> --help                    options of a command
`;

const COMMANDS: Readonly<
  Record<string, (argv: readonly string[], env: NodeJS.ProcessEnv) => Promise<number>>
> = {
  // Loaded on demand: the servers it starts are not needed by the other commands.
  run: async (argv, env) => (await import('./run-command.js')).runCommand(argv, env),
  truth: truthCommand,
  backfill: backfillCommand,
  scenario: scenarioCommand,
};

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    process.stderr.write(`naap-sim: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await run(rest, env);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(
        `naap-sim ${command}: ${err.message}\n(see naap-sim ${command} --help)\n`,
      );
      return 2;
    }
    if (err instanceof ScenarioError) {
      process.stderr.write(`naap-sim ${command}: ${err.message}\n`);
      return 1;
    }
    // Anything else is a fault of the environment (a port in use, a
    // read-only directory): one line, no stack trace, unless debugging.
    const detail =
      env.NAAP_SIM_DEBUG === '1' ? String((err as Error).stack) : (err as Error).message;
    process.stderr.write(`naap-sim ${command}: ${detail}\n`);
    return 1;
  }
}
