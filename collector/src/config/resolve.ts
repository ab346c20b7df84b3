import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseOptions } from '@naap/otel/config';
import type { CollectorConfig } from './config.js';
import { ENV_PREFIX, OPTIONS, type OptionKey } from './options.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

function listen(value: string): CollectorConfig['listen'] {
  const m = /^(\[[0-9a-fA-F:]+\]|[^:]+):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (m === null || port > 65_535)
    throw new ConfigError(`--listen must be host:port, got "${value}"`);
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

function storage(value: string): CollectorConfig['storage'] {
  if (value.startsWith('embedded:')) {
    const dir = value.slice('embedded:'.length);
    if (dir === '') throw new ConfigError('--clickhouse embedded:<dir> needs a directory');
    return { mode: 'embedded', dir: resolvePath(dir) };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`--clickhouse must be embedded:<dir> or an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`--clickhouse URL must be http or https, got ${url.protocol}`);
  }
  return { mode: 'server', url: value };
}

function enrollName(value: string): string {
  // One line of printable text: it is shown in wallets' signing prompts.
  if (!/^[\x21-\x7e][\x20-\x7e]{0,199}$/.test(value))
    throw new ConfigError('--enroll-name must be 1–200 printable ASCII characters on one line');
  return value;
}

function ipList(value: string): string[] {
  const ips = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const ip of ips)
    if (isIP(ip) === 0)
      throw new ConfigError(`--api-rate-limit-exempt: "${ip}" is not an IP address`);
  return ips;
}

/** proxy-addr's named ranges, besides addresses and CIDRs. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxy(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of items) {
    const [address, bits, extra] = item.split('/');
    const ok =
      PROXY_RANGES.has(item) ||
      (extra === undefined &&
        address !== undefined &&
        isIP(address) !== 0 &&
        (bits === undefined ||
          (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128))));
    if (!ok)
      throw new ConfigError(
        `--trust-proxy takes addresses, CIDRs or loopback/linklocal/uniquelocal, got "${item}"`,
      );
  }
  return items;
}

/** Default dataset directory: the gateway's, from the working directory or this checkout. */
const DEFAULT_DATASETS = [
  resolvePath('gateway/datasets/v1'),
  fileURLToPath(new URL('../../../gateway/datasets/v1', import.meta.url)),
];

function datasetsDir(value: string | undefined): string | undefined {
  if (value !== undefined) {
    if (value === '') throw new ConfigError('--datasets-dir must not be empty');
    return resolvePath(value);
  }
  return DEFAULT_DATASETS.find((dir) => existsSync(join(dir, 'manifest.json')));
}

function ingestAck(value: string, spoolMaxBytes: number): 'insert' | 'log' {
  if (value !== 'insert' && value !== 'log')
    throw new ConfigError(`--ingest-ack must be insert or log, got "${value}"`);
  if (value === 'log' && spoolMaxBytes === 0)
    throw new ConfigError(
      '--ingest-ack log keeps its log in the spool directory: --spool-max-bytes must be > 0',
    );
  return value;
}

/** Builds the frozen configuration: defaults < config file < environment < flags. */
export async function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<CollectorConfig> {
  const values = await parseOptions(OPTIONS, ENV_PREFIX, argv, env);
  const get = (k: OptionKey): string | number | boolean | undefined => values[k];
  const str = (k: OptionKey): string | undefined => {
    const v = get(k);
    return v === undefined ? undefined : String(v);
  };
  const int = (k: OptionKey): number => Number(get(k));
  const database = str('database') ?? 'naap';
  if (!IDENT.test(database))
    throw new ConfigError(`--database must be a plain identifier, got "${database}"`);
  const cluster = str('cluster');
  if (cluster !== undefined && !IDENT.test(cluster))
    throw new ConfigError(`--cluster must be a plain identifier`);
  const level = str('logLevel') ?? 'info';
  if (!(LEVELS as readonly string[]).includes(level))
    throw new ConfigError(`--log-level must be one of ${LEVELS.join(', ')}`);
  const store = storage(str('clickhouse') ?? 'embedded:./data');
  const config: CollectorConfig = {
    listen: listen(str('listen') ?? ''),
    storage: store,
    database,
    cluster,
    tokensFile: str('tokens'),
    tokenRefreshMs: int('tokenRefreshMs'),
    enroll: {
      enabled: get('enroll') === true,
      name: enrollName(str('enrollName') ?? ''),
      challengeTtlMs: int('enrollChallengeTtlS') * 1000,
      ratePerMinute: int('enrollRatePerMinute'),
    },
    spool: {
      dir: resolvePath(
        str('spoolDir') ?? (store.mode === 'embedded' ? join(store.dir, 'spool') : './spool'),
      ),
      maxBytes: int('spoolMaxBytes'),
    },
    limits: {
      maxBodyBytes: int('maxBodyBytes'),
      maxDecompressionRatio: int('maxDecompressionRatio'),
    },
    ingestLimits: {
      maxAttributes: int('maxPointAttributes'),
      maxAttributeLength: int('maxAttributeLength'),
      maxSeriesPerToken: int('maxSeriesPerToken'),
      seriesWindowMs: int('seriesWindowS') * 1000,
      pointsPerSecond: int('ingestRate'),
      burstPoints: int('ingestBurst'),
    },
    trustProxy: trustProxy(str('trustProxy') ?? ''),
    batching: {
      ack: ingestAck(str('ingestAck') ?? 'insert', int('spoolMaxBytes')),
      logRows: int('logBatchRows'),
      rows: int('batchRows'),
      delayMs: int('batchDelayMs'),
      maxPendingRows: int('maxPendingRows'),
    },
    ttlDays: { raw: int('ttlRawDays'), minute: int('ttlMinuteDays'), hour: int('ttlHourDays') },
    api: {
      rateLimitPerMinute: int('apiRateLimit'),
      rateLimitExempt: ipList(str('apiRateLimitExempt') ?? ''),
      queryTimeoutMs: int('apiQueryTimeoutMs'),
      corsOrigin: str('apiCorsOrigin') ?? '*',
      liveIntervalMs: int('apiLiveIntervalMs'),
      maxLiveClients: int('apiMaxLiveClients'),
      datasetsDir: datasetsDir(str('datasetsDir')),
    },
    logLevel: level as CollectorConfig['logLevel'],
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
