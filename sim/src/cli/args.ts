import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A user error: printed as one line with the usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Variables every command accepts: debugging, and the fake nvidia-smi's host. */
export const GLOBAL_ENV: readonly string[] = ['NAAP_SIM_DEBUG', 'NAAP_SIM_HOST_FILE'];

/**
 * Parses a command's flags, filling unset ones from `NAAP_SIM_<FLAG>`
 * environment variables (`--state-dir` ← `NAAP_SIM_STATE_DIR`). Unknown
 * flags and unknown `NAAP_SIM_*` variables are errors naming them.
 */
export function parseCommand(
  argv: readonly string[],
  options: Options,
  env: Readonly<Record<string, string | undefined>>,
  ignoredEnv: readonly string[] = GLOBAL_ENV,
): Record<string, string | boolean | undefined> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values: Record<string, string | boolean | undefined> = { ...parsed.values } as Record<
    string,
    string | boolean | undefined
  >;
  const known = new Set(Object.keys(options).map(envName));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('NAAP_SIM_') || ignoredEnv.includes(name) || value === undefined) continue;
    if (!known.has(name)) {
      throw new UsageError(
        `unknown environment variable ${name} (this command takes: ${[...known].join(', ')})`,
      );
    }
  }
  for (const [flag, spec] of Object.entries(options)) {
    const fromEnv = env[envName(flag)];
    if (values[flag] !== undefined || fromEnv === undefined) continue;
    values[flag] =
      spec.type === 'boolean' ? ['1', 'true', 'yes'].includes(fromEnv.toLowerCase()) : fromEnv;
  }
  return values;
}

export function envName(flag: string): string {
  return `NAAP_SIM_${flag.toUpperCase().replaceAll('-', '_')}`;
}

export function stringOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredString(
  values: Record<string, string | boolean | undefined>,
  name: string,
): string {
  const v = stringOption(values, name);
  if (v === undefined || v === '')
    throw new UsageError(`--${name} is required (or ${envName(name)})`);
  return v;
}

export function numberOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
  check: { min: number; max: number; integer?: boolean },
): number | undefined {
  const v = stringOption(values, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (
    !Number.isFinite(n) ||
    n < check.min ||
    n > check.max ||
    (check.integer === true && !Number.isInteger(n))
  ) {
    const kind = check.integer === true ? 'a whole number' : 'a number';
    throw new UsageError(`--${name} must be ${kind} from ${check.min} to ${check.max}, got "${v}"`);
  }
  return n;
}
