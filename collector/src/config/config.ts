import { readFile } from 'node:fs/promises';
import { envNameOf, OPTIONS, type OptionKey, type OptionSpec } from './options.js';

/** The collector's configuration: parsed once at start-up, then frozen. */
export interface CollectorConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly storage:
    | { readonly mode: 'embedded'; readonly dir: string }
    | { readonly mode: 'server'; readonly url: string };
  readonly database: string;
  readonly cluster: string | undefined;
  readonly tokensFile: string | undefined;
  readonly spool: { readonly dir: string; readonly maxBytes: number };
  readonly limits: { readonly maxBodyBytes: number; readonly maxDecompressionRatio: number };
  readonly batching: {
    readonly rows: number;
    readonly delayMs: number;
    readonly maxPendingRows: number;
  };
  readonly ttlDays: { readonly raw: number; readonly minute: number; readonly hour: number };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

/** A configuration mistake: the message names the flag, variable or file key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Raw = Partial<Record<OptionKey, string | number | boolean>>;
const KEYS = Object.keys(OPTIONS) as OptionKey[];
const byFlag = new Map<string, OptionKey>(KEYS.map((k) => [OPTIONS[k].flag, k]));

function coerce(spec: OptionSpec, value: unknown, where: string): string | number | boolean {
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

/** Flags: `--name value` or `--name=value`; booleans may stand alone. */
export function parseFlags(argv: readonly string[]): { raw: Raw; configFile: string | undefined } {
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
    if (key === undefined) throw new ConfigError(`unknown flag --${name} (see --help)`);
    const spec: OptionSpec = OPTIONS[key];
    raw[key] = coerce(
      spec,
      spec.kind === 'boolean' && inline === undefined ? true : (inline ?? next()),
      `--${name}`,
    );
  }
  return { raw, configFile };
}

export function parseEnv(env: Readonly<Record<string, string | undefined>>): Raw {
  const raw: Raw = {};
  const known = new Map<string, OptionKey>(KEYS.map((k) => [envNameOf(OPTIONS[k]), k]));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('NAAP_COLLECTOR_') || value === undefined) continue;
    const key = known.get(name);
    if (key === undefined)
      throw new ConfigError(`unknown environment variable ${name} (see --help)`);
    raw[key] = coerce(OPTIONS[key], value, name);
  }
  return raw;
}

export async function readConfigFile(path: string): Promise<Raw> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${path}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path}: must be a JSON object of flag names`);
  }
  const raw: Raw = {};
  for (const [name, value] of Object.entries(parsed)) {
    const key = byFlag.get(name);
    if (key === undefined) throw new ConfigError(`config file ${path}: unknown key "${name}"`);
    raw[key] = coerce(OPTIONS[key], value, `config file ${path}: "${name}"`);
  }
  return raw;
}
