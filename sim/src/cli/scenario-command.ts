import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { generateScenario } from '../scenario/generate.js';
import { loadScenario, validateScenario } from '../scenario/load.js';
import { resolveScenario } from '../scenario/resolve.js';
import { numberOption, parseCommand, stringOption, UsageError } from './args.js';

export const SCENARIO_HELP = `naap-sim scenario — write or check a scenario

Usage:
  naap-sim scenario --generate [--orchestrators N] [--regions N] [--seed N] [--name NAME] [--out FILE] [--format yaml|json]
  naap-sim scenario --validate FILE

Options:
  --generate            write a scenario generated deterministically from the seed
  --orchestrators N     number of orchestrators (default 12; 1–1000)
  --regions N           number of regions they spread over (default 6; 1–18)
  --seed N              seed (default 1)
  --name NAME           scenario name
  --out FILE            write to FILE instead of standard output
  --format yaml|json    output format (default yaml, or json when FILE ends in .json)
  --validate FILE       check FILE and print a summary; exit 1 when invalid
`;

const OPTIONS = {
  generate: { type: 'boolean' },
  validate: { type: 'string' },
  orchestrators: { type: 'string' },
  regions: { type: 'string' },
  seed: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function scenarioCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const v = parseCommand(argv, OPTIONS, env);
  if (v.help === true) {
    process.stdout.write(SCENARIO_HELP);
    return 0;
  }
  const validate = stringOption(v, 'validate');
  if (validate !== undefined) return validateFile(validate);
  if (v.generate !== true) throw new UsageError('say --generate or --validate FILE');
  const scenario = validateScenario(
    generateScenario({
      orchestrators: numberOption(v, 'orchestrators', { min: 1, max: 1000, integer: true }) ?? 12,
      regions: numberOption(v, 'regions', { min: 1, max: 18, integer: true }) ?? 6,
      seed: numberOption(v, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 1,
      ...(stringOption(v, 'name') !== undefined ? { name: stringOption(v, 'name') } : {}),
    }),
  );
  const out = stringOption(v, 'out');
  const format = stringOption(v, 'format') ?? (out?.endsWith('.json') === true ? 'json' : 'yaml');
  if (format !== 'yaml' && format !== 'json')
    throw new UsageError(`--format must be yaml or json, got "${format}"`);
  const text =
    format === 'json'
      ? `${JSON.stringify(scenario, null, 2)}\n`
      : stringify(scenario, { lineWidth: 0 });
  if (out === undefined) process.stdout.write(text);
  else {
    await writeFile(out, text);
    process.stderr.write(`wrote ${out} (${scenario.orchestrators.length} orchestrators)\n`);
  }
  return 0;
}

async function validateFile(path: string): Promise<number> {
  const scenario = await loadScenario(path);
  const network = resolveScenario(scenario);
  const gpus = network.orchestrators.flatMap((o) => o.gpus);
  const models = new Set(gpus.map((g) => g.model.name));
  process.stdout.write(
    `${path}: valid — "${scenario.name}", ${network.orchestrators.length} orchestrators, ` +
      `${new Set(network.orchestrators.map((o) => o.region)).size} regions, ${gpus.length} GPUs of ${models.size} models\n`,
  );
  return 0;
}
