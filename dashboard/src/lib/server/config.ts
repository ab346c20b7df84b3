import { ConfigError, parseOptions, type OptionSpec } from '@naap/otel/config';

/**
 * Every setting of the dashboard, read once at start-up (hooks `init`) from
 * `NAAP_DASHBOARD_*` variables, flags or `--config FILE`, then frozen. The
 * HTTP listener's settings are adapter-node's, under `NAAP_DASHBOARD_HTTP_*`.
 */
export const OPTIONS = {
  apiUrl: {
    flag: 'api-url',
    kind: 'string',
    default: 'http://127.0.0.1:4318',
    description: "the collector's base URL (its public API is under /api/v1)",
  },
  publicApiUrl: {
    flag: 'public-api-url',
    kind: 'string',
    default: '',
    description:
      'base URL of the public API as visitors should see it in links; empty: the dashboard forwards /api/v1 itself',
  },
  apiTimeoutMs: {
    flag: 'api-timeout-ms',
    kind: 'integer',
    default: 10_000,
    min: 100,
    max: 120_000,
    description: 'longest wait for one API answer while rendering a page',
  },
  liveMaxVisitors: {
    flag: 'live-max-visitors',
    kind: 'integer',
    default: 2000,
    min: 1,
    max: 100_000,
    description:
      'most visitors following the live stream at once (they share one upstream stream per filter)',
  },
} as const satisfies Record<string, OptionSpec>;

export const ENV_PREFIX = 'NAAP_DASHBOARD_';

/** adapter-node's variables (envPrefix NAAP_DASHBOARD_HTTP_ in svelte.config.js). */
const ADAPTER_ENV = [
  'SOCKET_PATH',
  'HOST',
  'PORT',
  'ORIGIN',
  'XFF_DEPTH',
  'ADDRESS_HEADER',
  'PROTOCOL_HEADER',
  'HOST_HEADER',
  'PORT_HEADER',
  'BODY_SIZE_LIMIT',
  'SHUTDOWN_TIMEOUT',
  'IDLE_TIMEOUT',
  'KEEP_ALIVE_TIMEOUT',
  'HEADERS_TIMEOUT',
]
  .map((name) => `${ENV_PREFIX}HTTP_${name}`)
  // Read by the build (svelte.config.js), harmless when still set at start.
  .concat(`${ENV_PREFIX}BASE_PATH`);

export interface DashboardConfig {
  /** Collector base URL, no trailing slash. */
  readonly apiUrl: string;
  /** Public API base URL for links, no trailing slash; '' when the dashboard forwards it. */
  readonly publicApiUrl: string;
  readonly apiTimeoutMs: number;
  readonly liveMaxVisitors: number;
}

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(`${name} must not carry a query or fragment`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Parses and freezes the configuration; a ConfigError names the flag or variable at fault. */
export async function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<DashboardConfig> {
  const o = await parseOptions(OPTIONS, ENV_PREFIX, argv, env, { ignoredEnv: ADAPTER_ENV });
  const publicApiUrl = String(o.publicApiUrl ?? '');
  return Object.freeze({
    apiUrl: httpUrl(String(o.apiUrl), `--api-url / ${ENV_PREFIX}API_URL`),
    publicApiUrl:
      publicApiUrl === ''
        ? ''
        : httpUrl(publicApiUrl, `--public-api-url / ${ENV_PREFIX}PUBLIC_API_URL`),
    apiTimeoutMs: Number(o.apiTimeoutMs),
    liveMaxVisitors: Number(o.liveMaxVisitors),
  });
}
