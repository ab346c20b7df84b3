import { hostname } from 'node:os';
import { isPipelineId, normalizeAddress, parseRegion, type PipelineId } from '@naap/otel';
import { ConfigError, parseOptions } from '@naap/otel/config';
import { defaultDatasetDir } from '../datasets/index.js';
import { ENV_PREFIX, OPTIONS, type OptionKey } from './options.js';
import type { GatewayConfig, LogLevel, PinningMode } from './types.js';

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MODES: readonly PinningMode[] = ['webhook', 'static'];

function httpUrl(value: string, flag: string): string {
  if (URL.canParse(value)) {
    const u = new URL(value);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.search === '' && u.hash === '')
      return value.replace(/\/+$/, '');
  }
  throw new ConfigError(`--${flag} must be an http(s) URL, got "${value.slice(0, 200)}"`);
}

function optionalUrl(value: string | undefined, flag: string): string | null {
  return value === undefined || value === '' ? null : httpUrl(value, flag);
}

function listenAddress(value: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (m?.[1] === undefined || !Number.isInteger(port) || port > 65_535)
    throw new ConfigError(`--webhook-listen must be host:port, got "${value.slice(0, 200)}"`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function targets(value: string | undefined): ReadonlySet<string> | null {
  const items = list(value);
  if (items.length === 0) return null;
  return new Set(
    items.map((a) => {
      const n = normalizeAddress(a);
      if (n === null) throw new ConfigError(`--target: "${a.slice(0, 100)}" is not 0x + 40 hex`);
      return n;
    }),
  );
}

function pipelines(value: string | undefined): ReadonlySet<PipelineId> | null {
  const items = list(value);
  if (items.length === 0) return null;
  for (const p of items)
    if (!isPipelineId(p))
      throw new ConfigError(`--pipeline: unknown pipeline "${p.slice(0, 100)}"`);
  return new Set(items.filter(isPipelineId));
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const found = allowed.find((x) => x === value);
  if (found === undefined)
    throw new ConfigError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return found;
}

/** The outbox: the results file when set, else --outbox-file (required then with a collector). */
function outbox(
  resultsFile: string | null,
  outboxFile: string,
  collector: boolean,
  n: (k: OptionKey) => number,
): GatewayConfig['collector']['outbox'] {
  if (resultsFile === null && outboxFile === '' && collector)
    throw new ConfigError(
      '--outbox-file (NAAP_GATEWAY_OUTBOX_FILE) must name a file when --collector is set and --results-file is empty',
    );
  return {
    file: resultsFile ?? outboxFile,
    owned: resultsFile === null,
    maxBytes: n('outboxMaxBytes'),
    maxRecords: n('outboxMaxRecords'),
    batchRecords: n('outboxBatchRecords'),
    maxBackoffMs: n('outboxMaxBackoffMs'),
  };
}

/** Builds the frozen configuration: defaults < config file < environment < flags. */
export async function loadGatewayConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayConfig> {
  const v = await parseOptions(OPTIONS, ENV_PREFIX, argv, env);
  const s = (k: OptionKey): string | undefined => (v[k] === undefined ? undefined : String(v[k]));
  const n = (k: OptionKey): number => Number(v[k]);
  const region = s('region');
  const parsedRegion = region === undefined || region === '' ? null : parseRegion(region);
  if (region !== undefined && region !== '' && parsedRegion === null)
    throw new ConfigError(`--region "${region.slice(0, 50)}" is not a known region code`);
  const webhook = listenAddress(s('webhookListen') ?? '');
  const liveIngest = s('liveIngestUrl') ?? '';
  if (!URL.canParse(liveIngest))
    throw new ConfigError(`--live-ingest-url must be a URL, got "${liveIngest.slice(0, 200)}"`);
  const token = s('token');
  const host = hostname();
  const collectorUrl = optionalUrl(s('collector'), 'collector');
  const resultsFile = s('resultsFile') === '' ? null : (s('resultsFile') ?? null);
  const config: GatewayConfig = {
    gateway: {
      url: httpUrl(s('gatewayUrl') ?? '', 'gateway-url'),
      cliUrl: optionalUrl(s('cliUrl'), 'cli-url'),
      logFile: s('gatewayLog') === '' ? null : (s('gatewayLog') ?? null),
    },
    collector: {
      url: collectorUrl,
      token: token === '' ? undefined : token,
      exportIntervalMs: n('exportIntervalMs'),
      outbox: outbox(resultsFile, s('outboxFile') ?? '', collectorUrl !== null, n),
    },
    identity: {
      region: parsedRegion,
      instanceId: s('instanceId') ?? host,
      hostName: host,
    },
    pinning: {
      mode: oneOf(s('pinning') ?? '', MODES, 'pinning'),
      webhookHost: webhook.host,
      webhookPort: webhook.port,
      settleMs: n('pinSettleMs'),
      windowMs: n('pinWindowMs'),
    },
    targetsFile: s('targetsFile') === '' ? null : (s('targetsFile') ?? null),
    filter: { targets: targets(s('target')), pipelines: pipelines(s('pipeline')) },
    datasetDir:
      s('dataset') === '' || s('dataset') === undefined
        ? defaultDatasetDir()
        : String(s('dataset')),
    schedule: {
      cadenceMs: n('cadenceMs'),
      jobsPerUnit: n('jobsPerUnit'),
      discoveryIntervalMs: n('discoveryIntervalMs'),
    },
    budget: {
      maxConcurrent: n('maxConcurrent'),
      maxJobsPerMinute: n('maxJobsPerMinute'),
      capacityShare: n('capacitySharePercent') / 100,
    },
    jobs: {
      timeoutMs: n('jobTimeoutMs'),
      asyncPollMs: n('asyncPollMs'),
      live: {
        ingestUrl: liveIngest.replace(/\/+$/, ''),
        pollMs: n('livePollMs'),
        sampleMs: n('liveSampleMs'),
        samples: n('liveSamples'),
        firstFrameTimeoutMs: n('liveFirstFrameTimeoutMs'),
      },
    },
    resultsFile,
    logLevel: oneOf(s('logLevel') ?? 'info', LEVELS, 'log-level'),
  };
  if (config.pinning.mode === 'static' && config.targetsFile === null)
    throw new ConfigError('--pinning static needs --targets-file (one gateway URL per target)');
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Set)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
