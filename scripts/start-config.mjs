// The start file of `pnpm start` (scripts/start.mjs): one JSON object naming
// what to run — the collector, optionally test-load gateways and the
// dashboard — and, for each, a config file and/or flags and environment
// variables for that binary. Validated here, before anything starts; a
// mistake is an error naming the key at fault.
import { dirname, isAbsolute, resolve } from 'node:path';

/**
 * @typedef {string | number | boolean} FlagValue
 * @typedef {{ readonly name: string, readonly bin: string, readonly args: readonly string[], readonly env: Readonly<Record<string, string>> }} ServicePlan
 *   One process to start: `node <bin> ...args`, with `env` added to the inherited environment.
 */

/** A mistake in the start file; the message names the key. */
export class StartConfigError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'StartConfigError';
  }
}

/** Each binary, relative to the repository root: entry, subcommand, variable prefix. */
export const BINARIES = {
  collector: { bin: 'collector/bin/naap-collector.js', command: 'run', prefix: 'NAAP_COLLECTOR_' },
  gateway: { bin: 'gateway/bin/naap-gateway.js', command: 'run', prefix: 'NAAP_GATEWAY_' },
  dashboard: { bin: 'dashboard/build/index.js', command: undefined, prefix: 'NAAP_DASHBOARD_' },
};

const TOP_KEYS = ['collector', 'gateway', 'dashboard'];
const SECTION_KEYS = {
  collector: ['config', 'flags', 'env'],
  gateway: ['name', 'config', 'flags', 'env'],
  dashboard: ['listen', 'config', 'flags', 'env'],
};
const FLAG_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const LISTEN = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/;

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @param {unknown} value
 * @param {string} where
 * @param {readonly string[]} allowed
 * @returns {Record<string, unknown>}
 */
function objectWith(value, where, allowed) {
  if (!isObject(value)) throw new StartConfigError(`${where} must be a JSON object`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new StartConfigError(`${where}: unknown key "${key}" (allowed: ${allowed.join(', ')})`);
  }
  return value;
}

/**
 * `flags`: an object of the binary's flag names (without `--`) → values.
 * @param {unknown} value
 * @param {string} where
 * @returns {string[]}
 */
function flagArgs(value, where) {
  if (value === undefined) return [];
  if (!isObject(value)) throw new StartConfigError(`${where} must be an object of flag names`);
  return Object.entries(value).map(([name, v]) => {
    if (!FLAG_NAME.test(name) || name === 'config' || name === 'help')
      throw new StartConfigError(
        `${where}: "${name}" is not a flag name (write it without "--"; use "config" for a config file)`,
      );
    if (typeof v !== 'string' && typeof v !== 'boolean' && !Number.isFinite(v))
      throw new StartConfigError(`${where}: "${name}" must be a string, number or boolean`);
    return `--${name}=${String(v)}`;
  });
}

/**
 * `env`: variables of this binary only (its `NAAP_<BINARY>_` prefix).
 * @param {unknown} value
 * @param {string} where
 * @param {string} prefix
 * @returns {Record<string, string>}
 */
function envVars(value, where, prefix) {
  if (value === undefined) return {};
  if (!isObject(value)) throw new StartConfigError(`${where} must be an object of variables`);
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, v] of Object.entries(value)) {
    if (!name.startsWith(prefix) || !/^[A-Z0-9_]+$/.test(name))
      throw new StartConfigError(`${where}: "${name}" is not a ${prefix}* variable`);
    if (typeof v !== 'string' && typeof v !== 'boolean' && !Number.isFinite(v))
      throw new StartConfigError(`${where}: "${name}" must be a string, number or boolean`);
    out[name] = String(v);
  }
  return out;
}

/**
 * `config`: the binary's own JSON config file, relative to the start file.
 * @param {unknown} value
 * @param {string} where
 * @param {string} baseDir
 * @returns {string[]}
 */
function configArgs(value, where, baseDir) {
  if (value === undefined) return [];
  if (typeof value !== 'string' || value === '')
    throw new StartConfigError(`${where} must be a file path`);
  return ['--config', isAbsolute(value) ? value : resolve(baseDir, value)];
}

/**
 * @param {keyof typeof BINARIES} kind
 * @param {string} name
 * @param {Record<string, unknown>} section
 * @param {string} where
 * @param {string} baseDir
 * @param {Record<string, string>} [extraEnv]
 * @returns {ServicePlan}
 */
function plan(kind, name, section, where, baseDir, extraEnv = {}) {
  const b = BINARIES[kind];
  return {
    name,
    bin: b.bin,
    args: [
      ...(b.command === undefined ? [] : [b.command]),
      ...configArgs(section['config'], `${where}.config`, baseDir),
      ...flagArgs(section['flags'], `${where}.flags`),
    ],
    env: { ...envVars(section['env'], `${where}.env`, b.prefix), ...extraEnv },
  };
}

/**
 * @param {unknown} value
 * @param {string} baseDir
 * @returns {ServicePlan[]}
 */
function gateways(value, baseDir) {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0)
    throw new StartConfigError('gateway: an empty list (leave it out instead)');
  const seen = new Set();
  return list.map((item, i) => {
    const where = Array.isArray(value) ? `gateway[${i}]` : 'gateway';
    const section = objectWith(item, where, SECTION_KEYS.gateway);
    const raw = section['name'] ?? (list.length === 1 ? 'gateway' : undefined);
    if (typeof raw !== 'string' || !SERVICE_NAME.test(raw))
      throw new StartConfigError(
        `${where}.name must be set (a-z, 0-9, "-"; up to 32) when there are several gateways`,
      );
    const name = raw === 'gateway' ? raw : `gateway-${raw}`;
    if (seen.has(name)) throw new StartConfigError(`${where}.name "${raw}" is used twice`);
    seen.add(name);
    return plan('gateway', name, section, where, baseDir);
  });
}

/**
 * `listen`: "host:port" of the dashboard, given to adapter-node as
 * NAAP_DASHBOARD_HTTP_HOST / NAAP_DASHBOARD_HTTP_PORT.
 * @param {unknown} value
 * @returns {Record<string, string>}
 */
function dashboardListen(value) {
  if (value === undefined) return {};
  const m = typeof value === 'string' ? LISTEN.exec(value) : null;
  const port = Number(m?.[2]);
  if (m === null || port < 1 || port > 65_535)
    throw new StartConfigError(
      `dashboard.listen must be "host:port", got ${JSON.stringify(value)}`,
    );
  return {
    NAAP_DASHBOARD_HTTP_HOST: (m[1] ?? '').replace(/^\[|\]$/g, ''),
    NAAP_DASHBOARD_HTTP_PORT: String(port),
  };
}

/**
 * Validates a parsed start file and returns the processes to start, in order:
 * collector, gateways, dashboard.
 * @param {unknown} value the parsed JSON
 * @param {string} file its path (relative `config` paths are resolved from its folder)
 * @returns {ServicePlan[]}
 */
export function planServices(value, file) {
  const baseDir = dirname(resolve(file));
  const top = objectWith(value, file, TOP_KEYS);
  if (top['collector'] === undefined)
    throw new StartConfigError(`${file}: "collector" is required`);
  const collector = objectWith(top['collector'], 'collector', SECTION_KEYS.collector);
  const services = [plan('collector', 'collector', collector, 'collector', baseDir)];
  services.push(...gateways(top['gateway'], baseDir));
  if (top['dashboard'] !== undefined) {
    const dashboard = objectWith(top['dashboard'], 'dashboard', SECTION_KEYS.dashboard);
    const listen = dashboardListen(dashboard['listen']);
    const own = envVars(dashboard['env'], 'dashboard.env', BINARIES.dashboard.prefix);
    for (const name of Object.keys(listen)) {
      if (name in own)
        throw new StartConfigError(`dashboard: set either "listen" or env ${name}, not both`);
    }
    services.push(plan('dashboard', 'dashboard', dashboard, 'dashboard', baseDir, listen));
  }
  return services;
}

const SECRET_NAME = /token|password|secret|key/i;

/**
 * A command-line argument or variable value fit for printing: secrets
 * (token/password/secret/key flags and variables, URL passwords) masked.
 * @param {string} name flag or variable name
 * @param {string} value
 * @returns {string}
 */
export function redact(name, value) {
  if (SECRET_NAME.test(name)) return '***';
  return value.replace(/(\w+:\/\/[^:/@\s]*:)[^@/\s]+@/g, '$1***@');
}

/**
 * One line describing a service, secrets masked.
 * @param {ServicePlan} s
 * @returns {string}
 */
export function describeService(s) {
  const args = s.args.map((a) => {
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    return m === null ? redact('', a) : `--${m[1] ?? ''}=${redact(m[1] ?? '', m[2] ?? '')}`;
  });
  const env = Object.entries(s.env).map(([k, v]) => `${k}=${redact(k, v)}`);
  return [...env, 'node', s.bin, ...args].join(' ');
}
