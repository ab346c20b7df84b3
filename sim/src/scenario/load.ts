import { readFile } from 'node:fs/promises';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { ScenarioSchema, type Scenario } from './schema.js';

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}:\n  - ${problems.join('\n  - ')}` : message);
    this.name = 'ScenarioError';
  }
}

/** Largest scenario file accepted. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** Validates a parsed scenario; problems name the field at fault (e.g. `/orchestrators/2/region`). */
export function validateScenario(value: unknown, origin = 'scenario'): Scenario {
  if (Value.Check(ScenarioSchema, value)) return value;
  const problems = [...Value.Errors(ScenarioSchema, value)]
    .slice(0, 20)
    .map((e) => `${e.instancePath || '/'}: ${e.message}`);
  throw new ScenarioError(`${origin} is not a valid scenario`, [...new Set(problems)]);
}

/** Parses scenario text, YAML or JSON (JSON is YAML). */
export function parseScenario(text: string, origin = 'scenario'): Scenario {
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new ScenarioError(`${origin} is larger than ${MAX_SCENARIO_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (err) {
    throw new ScenarioError(`${origin} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  return validateScenario(parsed, origin);
}

export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ScenarioError(`cannot read scenario ${path}: ${(err as Error).message}`);
  }
  return parseScenario(text, path);
}
