import { normalizeAddress } from '@naap/otel';
import { describeError, getJson } from './http.js';

/**
 * Who the go-livepeer node beside the agent is, read from its CLI server
 * when the agent's configuration does not say: `GET /orchestratorInfo`
 * (`{Transcoder: {Address, ServiceURI, …}, PriceInfo}`, the on-chain
 * transcoder record) and `GET /status` (`{Version, …}`).
 */
export interface GoLivepeerIdentity {
  /** Lower-case 0x address, or undefined when unknown. */
  readonly address: string | undefined;
  /** Service URI (`https://host:port`), or undefined when unknown. */
  readonly uri: string | undefined;
  /** go-livepeer version, or undefined when unknown. */
  readonly version: string | undefined;
  /** What could not be read, one line each (the fields above stay undefined). */
  readonly errors: readonly string[];
}

export interface FetchIdentityOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const MAX_BYTES = 1024 * 1024;
const MAX_URI = 256;
const MAX_VERSION = 64;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A service URI as the contract accepts it: http(s), at most 256 characters. */
export function normalizeServiceUri(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URI) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}

function normalizeVersion(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return /^[\w.+-]{1,64}$/.test(v) && v.length <= MAX_VERSION ? v : undefined;
}

/**
 * Reads the node's address, service URI and version; never throws (what
 * could not be read is undefined, with the reason in `errors`). The second
 * argument is the options or just the timeout in milliseconds.
 */
export async function fetchIdentity(
  cliUrl: string,
  timeoutOrOptions: number | FetchIdentityOptions = {},
): Promise<GoLivepeerIdentity> {
  const options: FetchIdentityOptions =
    typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions } : timeoutOrOptions;
  const base = cliUrl.replace(/\/+$/, '');
  const get = { timeoutMs: options.timeoutMs ?? 5000, maxBytes: MAX_BYTES };
  const opts = options.signal === undefined ? get : { ...get, signal: options.signal };
  const errors: string[] = [];
  let address: string | undefined;
  let uri: string | undefined;
  let version: string | undefined;
  const [info, status] = await Promise.allSettled([
    getJson(`${base}/orchestratorInfo`, opts),
    getJson(`${base}/status`, opts),
  ]);
  if (info.status === 'fulfilled') {
    const t = isRecord(info.value) ? info.value['Transcoder'] : undefined;
    if (isRecord(t)) {
      address =
        typeof t['Address'] === 'string'
          ? (normalizeAddress(t['Address']) ?? undefined)
          : undefined;
      uri = normalizeServiceUri(t['ServiceURI']);
    }
    if (address === undefined) errors.push('/orchestratorInfo: no valid Transcoder.Address');
    if (uri === undefined) errors.push('/orchestratorInfo: no valid Transcoder.ServiceURI');
  } else {
    errors.push(`/orchestratorInfo: ${describeError(info.reason)}`);
  }
  if (status.status === 'fulfilled') {
    version = isRecord(status.value) ? normalizeVersion(status.value['Version']) : undefined;
    if (version === undefined) errors.push('/status: no valid Version');
  } else {
    errors.push(`/status: ${describeError(status.reason)}`);
  }
  return { address, uri, version, errors };
}
