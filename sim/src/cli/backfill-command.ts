import { readFile } from 'node:fs/promises';
import { isRegionCode, normalizeAddress, type RegionCode } from '@naap/otel';
import { backfillHistory } from '../backfill/index.js';
import { loadScenario } from '../scenario/load.js';
import { resolveScenario } from '../scenario/resolve.js';
import { numberOption, parseCommand, requiredString, stringOption, UsageError } from './args.js';
import { parseDuration, parseTime } from './time.js';

export const BACKFILL_HELP = `naap-sim backfill — send the network's past to a collector

Usage:
  naap-sim backfill --scenario FILE --collector URL --tokens FILE [--from=-7d] [--to now]
                    [--gateway-regions FRA,NYC] [--seed N] [--cadence 15m]

Generates, from the same model the live simulation runs, what every
orchestrator's agent (GPU gauges, heartbeats, jobs, job durations, live FPS,
fees) and the test-load gateways (one reference job per orchestrator,
pipeline and model every --cadence) would have reported over the window, and
sends it hour by hour through the collector's OTLP ingest. Prints progress.

Options:
  --scenario FILE          scenario (YAML or JSON)                      env NAAP_SIM_SCENARIO
  --collector URL          collector base URL, e.g. http://127.0.0.1:4318  env NAAP_SIM_COLLECTOR
  --tokens FILE            the collector's tokens file ([{token, kind, address?, name?}]):
                           agent tokens are used by address, gateway tokens in order
                           for --gateway-regions                          env NAAP_SIM_TOKENS
  --from TIME, --to TIME   window (default -7d … now); ISO 8601, "now" or an offset
  --gateway-regions LIST   regions of the test-load gateways to imitate (default: none)
  --cadence DURATION       test-load cadence per target (default 15m)
  --seed N                 seed (default: the scenario's)               env NAAP_SIM_SEED
`;

const OPTIONS = {
  scenario: { type: 'string' },
  collector: { type: 'string' },
  tokens: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'gateway-regions': { type: 'string' },
  cadence: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface TokenEntry {
  readonly token: string;
  readonly kind: string;
  readonly address?: string;
}

async function readTokens(path: string): Promise<TokenEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`--tokens ${path}: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`--tokens ${path}: expected a JSON array`);
  return parsed.filter(
    (e): e is TokenEntry =>
      typeof e === 'object' && e !== null && typeof (e as TokenEntry).token === 'string',
  );
}

function regionsOf(text: string | undefined): RegionCode[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((r) => {
    const code = r.trim().toUpperCase();
    if (!isRegionCode(code)) throw new UsageError(`--gateway-regions: unknown region "${r}"`);
    return code;
  });
}

export async function backfillCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const v = parseCommand(argv, OPTIONS, env);
  if (v.help === true) {
    process.stdout.write(BACKFILL_HELP);
    return 0;
  }
  const now = Date.now();
  const fromMs = parseTime(stringOption(v, 'from') ?? '-7d', now);
  const toMs = parseTime(stringOption(v, 'to') ?? 'now', now);
  if (fromMs === null || toMs === null)
    throw new UsageError('--from/--to: ISO 8601, "now" or an offset like -7d');
  if (toMs <= fromMs) throw new UsageError('--to must be after --from');
  if (toMs - fromMs > 31 * 86_400_000) throw new UsageError('the window is limited to 31 days');
  const cadenceMs = parseDuration(stringOption(v, 'cadence') ?? '15m');
  if (cadenceMs === null || cadenceMs < 60_000)
    throw new UsageError('--cadence must be a duration ≥ 1m');
  const entries = await readTokens(requiredString(v, 'tokens'));
  const agentTokens = new Map<string, string>();
  for (const e of entries) {
    const address =
      e.kind === 'agent' && e.address !== undefined ? normalizeAddress(e.address) : null;
    if (address !== null) agentTokens.set(address, e.token);
  }
  const gatewayTokens = entries.filter((e) => e.kind === 'gateway').map((e) => e.token);
  const regions = regionsOf(stringOption(v, 'gateway-regions'));
  const gateways = regions.map((region, i) => {
    const token = gatewayTokens[i % Math.max(1, gatewayTokens.length)];
    if (token === undefined)
      throw new UsageError('--gateway-regions needs a gateway token in --tokens');
    return { region, token };
  });
  const scenario = await loadScenario(requiredString(v, 'scenario'));
  const network = resolveScenario(
    scenario,
    numberOption(v, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }),
  );
  const started = Date.now();
  const result = await backfillHistory({
    network,
    fromMs,
    toMs,
    collectorUrl: requiredString(v, 'collector').replace(/\/+$/, ''),
    agentTokens,
    gateways,
    testloadCadenceMs: cadenceMs,
    onProgress: (done, total) => {
      process.stderr.write(
        `\rbackfill: ${done}/${total} hours (${Math.round((100 * done) / total)} %)`,
      );
    },
  });
  process.stderr.write(
    `\nbackfill: ${result.hours} hours, ${result.requests} requests, ${result.rejected} points rejected, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return result.rejected > 0 ? 1 : 0;
}
