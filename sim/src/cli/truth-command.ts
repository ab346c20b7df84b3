import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayRequestRecord } from '../engine.js';
import { computeTruth } from '../model/truth.js';
import { loadScenario } from '../scenario/load.js';
import { resolveScenario } from '../scenario/resolve.js';
import { numberOption, parseCommand, requiredString, stringOption, UsageError } from './args.js';
import { parseTime } from './time.js';

export const TRUTH_HELP = `naap-sim truth — what the simulated network actually did, as JSON

Usage:
  naap-sim truth --scenario FILE --from TIME --to TIME [--seed N] [--state-dir DIR | --ledger FILE] [--no-gpu-utilization]

Prints, per (hour, orchestrator, GPU, pipeline, model): job counts by outcome
and error class, cold starts, latency and prompt-to-first-frame percentiles,
FPS mean/σ/jitter, inference minutes, available seconds and mean GPU
utilization; plus swaps of gateway requests pinned to an orchestrator.

Options:
  --scenario FILE        scenario (YAML or JSON)                       env NAAP_SIM_SCENARIO
  --from TIME, --to TIME ISO 8601, "now", or an offset such as -24h
  --seed N               seed (default: the scenario's)                 env NAAP_SIM_SEED
  --state-dir DIR        include the gateway requests a 'naap-sim run' with this state
                         directory recorded (DIR/ledger.jsonl)          env NAAP_SIM_STATE_DIR
  --ledger FILE          the same, naming the ledger file directly
  --no-gpu-utilization   skip the per-second GPU utilization means (faster)
`;

const OPTIONS = {
  scenario: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  seed: { type: 'string' },
  'state-dir': { type: 'string' },
  ledger: { type: 'string' },
  'no-gpu-utilization': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Reads a ledger written by a running simulation; a missing file is an empty ledger. */
export async function readLedger(path: string): Promise<GatewayRequestRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: GatewayRequestRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as GatewayRequestRecord);
    } catch {
      // A line cut by a crash mid-write: the ledger before it is still right.
    }
  }
  return out;
}

export async function truthCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const v = parseCommand(argv, OPTIONS, env);
  if (v.help === true) {
    process.stdout.write(TRUTH_HELP);
    return 0;
  }
  const now = Date.now();
  const fromMs = parseTime(requiredString(v, 'from'), now);
  const toMs = parseTime(requiredString(v, 'to'), now);
  if (fromMs === null)
    throw new UsageError('--from must be ISO 8601, "now" or an offset like -24h');
  if (toMs === null) throw new UsageError('--to must be ISO 8601, "now" or an offset like -1h');
  if (toMs <= fromMs) throw new UsageError('--to must be after --from');
  if (toMs - fromMs > 31 * 86_400_000) throw new UsageError('the window is limited to 31 days');
  const scenario = await loadScenario(requiredString(v, 'scenario'));
  const network = resolveScenario(
    scenario,
    numberOption(v, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }),
  );
  const stateDir = stringOption(v, 'state-dir');
  const ledgerPath =
    stringOption(v, 'ledger') ??
    (stateDir !== undefined ? join(stateDir, 'ledger.jsonl') : undefined);
  const gatewayRequests = ledgerPath === undefined ? [] : await readLedger(ledgerPath);
  const truth = computeTruth(network, {
    fromMs,
    toMs,
    gatewayRequests,
    gpuUtilization: v['no-gpu-utilization'] !== true,
  });
  process.stdout.write(`${JSON.stringify(truth)}\n`);
  return 0;
}
