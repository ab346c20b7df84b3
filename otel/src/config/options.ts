import { readFile } from 'node:fs/promises';

/**
 * Start-up configuration shared by every NaaP binary: flags, `NAAP_<BINARY>_*`
 * environment variables and an optional JSON file (`--config FILE`), with
 * precedence flags > environment > file > defaults. Unknown flags, variables
 * and keys are errors that name them. One table per binary describes every
 * option; the parser and `--help` are both made from it.
 *
 * Node-only (reads files): imported as `@naap/otel/config`, not from the
 * package root, so browser code never pulls it in.
 */
export type OptionKind = 'string' | 'integer' | 'boolean';

export interface OptionSpec {
  readonly flag: string;
  readonly kind: OptionKind;
  readonly default: string | number | boolean | undefined;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;
export type OptionValues<T extends OptionTable> = {
  [K in keyof T]: string | number | boolean | undefined;
};

/** A configuration mistake: the message names the flag, variable or file key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function envNameOf(prefix: string, spec: OptionSpec): string {
  return `${prefix}${spec.flag.toUpperCase().replaceAll('-', '_')}`;
}

export function coerceOption(
  spec: OptionSpec,
  value: unknown,
  where: string,
): string | number | boolean {
  if (spec.kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw new ConfigError(`${where} must be true or false`);
  }
  if (spec.kind === 'integer') {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^-?\d+$/.test(value.trim())
          ? Number(value)
          : Number.NaN;
    if (!Number.isSafeInteger(n))
      throw new ConfigError(`${where} must be a whole number, got ${JSON.stringify(value)}`);
    if (spec.min !== undefined && n < spec.min)
      throw new ConfigError(`${where} must be ≥ ${spec.min}, got ${n}`);
    if (spec.max !== undefined && n > spec.max)
      throw new ConfigError(`${where} must be ≤ ${spec.max}, got ${n}`);
    return n;
  }
  if (typeof value !== 'string') throw new ConfigError(`${where} must be a string`);
  return value;
}

type Raw = Record<string, string | number | boolean>;

function parseFlags(
  table: OptionTable,
  argv: readonly string[],
): { raw: Raw; configFile: string | undefined } {
  const byFlag = new Map(Object.entries(table).map(([k, s]) => [s.flag, k]));
  const raw: Raw = {};
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}" (see --help)`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`--${name} needs a value`);
      return v;
    };
    if (name === 'config') {
      configFile = inline ?? next();
      continue;
    }
    const key = byFlag.get(name);
    const spec = key === undefined ? undefined : table[key];
    if (key === undefined || spec === undefined)
      throw new ConfigError(`unknown flag --${name} (see --help)`);
    raw[key] = coerceOption(
      spec,
      spec.kind === 'boolean' && inline === undefined ? true : (inline ?? next()),
      `--${name}`,
    );
  }
  return { raw, configFile };
}

function parseEnv(
  table: OptionTable,
  prefix: string,
  env: Readonly<Record<string, string | undefined>>,
  ignored: readonly string[],
): Raw {
  const known = new Map(Object.entries(table).map(([k, s]) => [envNameOf(prefix, s), k]));
  const raw: Raw = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(prefix) || value === undefined || ignored.includes(name)) continue;
    const key = known.get(name);
    const spec = key === undefined ? undefined : table[key];
    if (key === undefined || spec === undefined)
      throw new ConfigError(`unknown environment variable ${name} (see --help)`);
    raw[key] = coerceOption(spec, value, name);
  }
  return raw;
}

async function readConfigFile(table: OptionTable, path: string): Promise<Raw> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${path}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path}: must be a JSON object of flag names`);
  }
  const byFlag = new Map(Object.entries(table).map(([k, s]) => [s.flag, k]));
  const raw: Raw = {};
  for (const [name, value] of Object.entries(parsed)) {
    const key = byFlag.get(name);
    const spec = key === undefined ? undefined : table[key];
    if (key === undefined || spec === undefined)
      throw new ConfigError(`config file ${path}: unknown key "${name}"`);
    raw[key] = coerceOption(spec, value, `config file ${path}: "${name}"`);
  }
  return raw;
}

export interface ParseOptions {
  /** Environment variables with the prefix that are not options (e.g. debugging switches). */
  readonly ignoredEnv?: readonly string[];
}

/** Every option's value: defaults < config file < environment < flags. */
export async function parseOptions<T extends OptionTable>(
  table: T,
  prefix: string,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  options: ParseOptions = {},
): Promise<OptionValues<T>> {
  const flags = parseFlags(table, argv);
  const file = flags.configFile === undefined ? {} : await readConfigFile(table, flags.configFile);
  const merged = {
    ...file,
    ...parseEnv(table, prefix, env, options.ignoredEnv ?? []),
    ...flags.raw,
  };
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [key, spec] of Object.entries(table)) out[key] = merged[key] ?? spec.default;
  return out as OptionValues<T>;
}

/** The flags section of a `--help` text. */
export function optionsHelp(table: OptionTable, prefix: string): string {
  return Object.values(table)
    .map((o) => {
      const def =
        o.default === undefined || o.default === '' ? '' : ` (default ${String(o.default)})`;
      return `  --${o.flag}${o.kind === 'boolean' ? '' : ' VALUE'}\n      ${o.description}${def}\n      env ${envNameOf(prefix, o)}`;
    })
    .join('\n');
}
