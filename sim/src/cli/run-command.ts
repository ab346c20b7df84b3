import { writeFile } from 'node:fs/promises';
import type { Endpoints } from '../run.js';
import { startSimulation } from '../run.js';
import { numberOption, parseCommand, requiredString, stringOption, UsageError } from './args.js';
import { parseTime } from './time.js';

export const RUN_HELP = `naap-sim run — start the simulated Livepeer network

Usage:
  naap-sim run --scenario FILE [--seed N] [--speed X] [--from TIME] [--state-dir DIR]
               [--reset] [--endpoints-file PATH] [--gateway-webhook URL] [--gateway-orch-addr URI,URI]
               [--gateway-per-orchestrator]

Starts, on 127.0.0.1 only: per orchestrator a go-livepeer CLI server (/metrics,
/status, /orchestratorInfo, /signMessage), its job log, its ai-runner
containers and a fake nvidia-smi; and one go-livepeer gateway (AI API + CLI).
Prints a table of endpoints; Ctrl-C stops everything cleanly.

Options:
  --scenario FILE          scenario (YAML or JSON)                           env NAAP_SIM_SCENARIO
  --seed N                 seed (default: the scenario's)                    env NAAP_SIM_SEED
  --speed X                simulated seconds per real second (default 1)     env NAAP_SIM_SPEED
  --from=TIME              start simulated time here, e.g. --from=-24h; with --speed > 1 the
                           clock runs fast until it reaches now, then real time (backfill)
  --state-dir DIR          logs, ledger, host files (default ./sim-state)    env NAAP_SIM_STATE_DIR
  --reset                  delete what a previous run left in the state directory
  --endpoints-file PATH    also write the endpoints as JSON to PATH          env NAAP_SIM_ENDPOINTS_FILE
  --gateway-webhook URL    gateway discovers orchestrators from this webhook (-orchWebhookUrl)
  --gateway-orch-addr LIST gateway uses these orchestrator service URIs (-orchAddr)
  --gateway-per-orchestrator  also start one gateway per orchestrator pinned to it
                           (-orchAddr), for test loads with static pinning
`;

const OPTIONS = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  from: { type: 'string' },
  'state-dir': { type: 'string' },
  reset: { type: 'boolean' },
  'endpoints-file': { type: 'string' },
  'gateway-webhook': { type: 'string' },
  'gateway-orch-addr': { type: 'string' },
  'gateway-per-orchestrator': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function endpointsTable(e: Endpoints): string {
  const rows = e.orchestrators.map((o) => [
    o.id,
    o.region,
    o.address,
    o.cliUrl,
    o.jobLog,
    o.nvidiaSmi,
  ]);
  const header = ['orchestrator', 'region', 'address', 'CLI URL', 'job log', 'nvidia-smi'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    ...rows.map(line),
    '',
    `gateway AI API  ${e.gatewayUrl}`,
    `gateway CLI     ${e.gatewayCliUrl}`,
    `state           ${e.stateDir}`,
  ].join('\n');
}

export async function runCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const v = parseCommand(argv, OPTIONS, env);
  if (v.help === true) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const fromText = stringOption(v, 'from');
  const fromMs = fromText === undefined ? undefined : parseTime(fromText, Date.now());
  if (fromMs === null)
    throw new UsageError('--from must be ISO 8601, "now" or an offset like -24h');
  const orchAddr = stringOption(v, 'gateway-orch-addr')
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const webhook = stringOption(v, 'gateway-webhook');
  const sim = await startSimulation({
    scenarioPath: requiredString(v, 'scenario'),
    stateDir: stringOption(v, 'state-dir') ?? './sim-state',
    reset: v.reset === true,
    ...(numberOption(v, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }) !== undefined
      ? { seed: numberOption(v, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }) }
      : {}),
    speed: numberOption(v, 'speed', { min: 0.001, max: 1_000_000 }) ?? 1,
    ...(fromMs !== undefined ? { fromMs } : {}),
    gateway: { ...(orchAddr ? { orchAddr } : {}), ...(webhook ? { webhookUrl: webhook } : {}) },
    gatewayPerOrchestrator: v['gateway-per-orchestrator'] === true,
  });
  process.stdout.write(`${endpointsTable(sim.endpoints)}\n`);
  const endpointsFile = stringOption(v, 'endpoints-file');
  if (endpointsFile !== undefined)
    await writeFile(endpointsFile, `${JSON.stringify(sim.endpoints, null, 2)}\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.stderr.write('\nstopping…\n');
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}
