import { hostname } from 'node:os';
import { normalizeAddress, parseRegion } from '@naap/otel';
import { ConfigError, parseOptions } from '@naap/otel/config';
import { readTokenFile } from '../enroll/token-file.js';
import { ENV_PREFIX, OPTIONS, SAMPLER_NAMES, type OptionKey } from './options.js';
import type { AgentConfig } from './types.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

function url(value: string, flag: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    return value.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(`--${flag} must be an http(s) URL, got "${value}"`);
  }
}

function jobLog(s: (k: OptionKey) => string | undefined): AgentConfig['jobLog'] {
  const unit = s('jobLogJournalUnit');
  const container = s('jobLogDocker');
  const file = s('jobLog') ?? '';
  const chosen = [file !== '', unit !== undefined, container !== undefined].filter(Boolean).length;
  if (chosen > 1)
    throw new ConfigError('choose one of --job-log, --job-log-journal-unit, --job-log-docker');
  if (unit !== undefined) return { kind: 'journal', unit };
  if (container !== undefined) return { kind: 'docker', container };
  return file === '' ? { kind: 'none' } : { kind: 'file', path: file };
}

/** The token: --token, else the token file (none when the file does not exist). */
async function token(s: (k: OptionKey) => string | undefined): Promise<string | undefined> {
  const explicit = s('token');
  if (explicit !== undefined && explicit !== '') return explicit;
  const file = s('tokenFile') ?? '';
  if (file === '') return undefined;
  try {
    return await readTokenFile(file);
  } catch (err) {
    throw new ConfigError(`--token-file ${file}: ${(err as Error).message}`);
  }
}

/** Builds the frozen configuration: defaults < config file < environment < flags. */
export async function loadAgentConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<AgentConfig> {
  const v = await parseOptions(OPTIONS, ENV_PREFIX, argv, env, {
    ignoredEnv: ['NAAP_AGENT_DEBUG'],
  });
  const s = (k: OptionKey): string | undefined => (v[k] === undefined ? undefined : String(v[k]));
  const n = (k: OptionKey): number => Number(v[k]);
  const address = s('address');
  if (address !== undefined && normalizeAddress(address) === null)
    throw new ConfigError(`--address must be 0x + 40 hex, got "${address}"`);
  const region = s('region');
  if (region !== undefined && parseRegion(region) === null)
    throw new ConfigError(`--region "${region}" is not a known region code`);
  const samplers = (s('samplers') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  for (const name of samplers) {
    if (!(SAMPLER_NAMES as readonly string[]).includes(name))
      throw new ConfigError(
        `--samplers: unknown sampler "${name}" (known: ${SAMPLER_NAMES.join(', ')})`,
      );
  }
  const protocol = s('protocol');
  if (protocol !== 'protobuf' && protocol !== 'json')
    throw new ConfigError('--protocol must be protobuf or json');
  const level = s('logLevel') ?? 'info';
  if (!(LEVELS as readonly string[]).includes(level))
    throw new ConfigError(`--log-level must be one of ${LEVELS.join(', ')}`);
  const cli = s('goLivepeerCli') ?? '';
  const config: AgentConfig = {
    collector: url(s('collector') ?? '', 'collector'),
    token: await token(s),
    tokenFile: s('tokenFile') === '' ? undefined : s('tokenFile'),
    protocol,
    exportIntervalMs: n('exportIntervalMs'),
    bufferMaxPoints: n('bufferMaxPoints'),
    identity: {
      address: address === undefined ? undefined : (normalizeAddress(address) ?? undefined),
      uri: s('uri'),
      region: region === undefined ? undefined : (parseRegion(region) ?? undefined),
      hostName: s('hostName') ?? hostname(),
    },
    samplers: new Set(samplers),
    nvidiaSmi: {
      path: s('nvidiaSmi') ?? 'nvidia-smi',
      intervalMs: n('nvidiaSmiIntervalMs'),
      computeAppsIntervalMs: n('computeAppsIntervalMs'),
    },
    dcgm: { path: s('dcgmi') ?? 'dcgmi', intervalMs: n('dcgmIntervalMs') },
    host: { intervalMs: n('hostIntervalMs') },
    goLivepeer: {
      cliUrl: cli === '' ? undefined : url(cli, 'go-livepeer-cli'),
      scrapeIntervalMs: n('scrapeIntervalMs'),
      timeoutMs: n('scrapeTimeoutMs'),
    },
    jobLog: jobLog(s),
    runners: { intervalMs: n('runnersIntervalMs'), docker: s('docker') ?? 'docker' },
    logLevel: level as AgentConfig['logLevel'],
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Set)) {
    for (const x of Object.values(value)) deepFreeze(x);
    Object.freeze(value);
  }
  return value;
}
