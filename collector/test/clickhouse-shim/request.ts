/**
 * What an HTTP request to the ClickHouse interface says, read the way the
 * server's `HTTPHandler` reads it: the URL parameters are the query, its
 * `param_*` values, the database, the default output format and the query
 * id; every other parameter is a setting. Credentials come from Basic auth,
 * the `X-ClickHouse-User`/`X-ClickHouse-Key` headers or the `user`/`password`
 * parameters.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ShimError } from './errors.js';

export interface ParsedUrl {
  /** The `query` parameter (the body is appended to it, after a newline). */
  readonly query: string | undefined;
  readonly params: Record<string, string>;
  /** Settings for the engine (HTTP-only ones are left out, see {@link HTTP_ONLY}). */
  readonly settings: Record<string, string>;
  readonly database: string | undefined;
  readonly defaultFormat: string;
  readonly queryId: string;
  /** `enable_http_compression=1`: compress the response when the client accepts it. */
  readonly compressResponse: boolean;
}

/** Parameters the server consumes itself rather than treating as settings. */
const RESERVED = new Set([
  'query',
  'database',
  'default_format',
  'query_id',
  'user',
  'password',
  'quota_key',
  'stacktrace',
  'role',
  'buffer_size',
  'wait_end_of_query',
  'session_id',
  'session_timeout',
  'session_check',
  'client_protocol_version',
  'close_session',
  'compress',
  'decompress',
]);

/**
 * Settings that only steer the HTTP layer: the shim honours
 * `enable_http_compression` itself and has nothing to do for the others
 * (progress headers, buffering), so they are not applied to the engine.
 * `readonly` is left out too: set on the shared session, it would keep the
 * shim from restoring it afterwards.
 */
const HTTP_ONLY = /^(?:enable_http_compression|send_progress_in_http_headers|http_.*|readonly)$/;

export function parseUrl(url: URL): ParsedUrl {
  const params: Record<string, string> = {};
  const settings: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params[key.slice('param_'.length)] = value;
    else if (!RESERVED.has(key) && !HTTP_ONLY.test(key)) settings[key] = value;
  }
  for (const key of ['compress', 'decompress']) {
    if (isTrue(url.searchParams.get(key))) {
      throw new ShimError(48, 'NOT_IMPLEMENTED', `The shim does not support '${key}=1'`);
    }
  }
  const database = url.searchParams.get('database') ?? undefined;
  return {
    query: url.searchParams.get('query') ?? undefined,
    params,
    settings,
    database: database === '' ? undefined : database,
    defaultFormat: url.searchParams.get('default_format') ?? 'TabSeparated',
    queryId: url.searchParams.get('query_id') || randomUUID(),
    compressResponse: isTrue(url.searchParams.get('enable_http_compression')),
  };
}

function isTrue(value: string | null): boolean {
  return value === '1' || value === 'true';
}

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export function credentials(headers: IncomingHttpHeaders, url: URL): Credentials {
  const user = header(headers, 'x-clickhouse-user');
  const key = header(headers, 'x-clickhouse-key');
  if (user !== undefined || key !== undefined) return { user: user ?? '', password: key ?? '' };
  const params = url.searchParams;
  if (params.has('user') || params.has('password')) {
    return { user: params.get('user') ?? 'default', password: params.get('password') ?? '' };
  }
  const auth = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '');
  if (auth?.[1] !== undefined) {
    const decoded = Buffer.from(auth[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    return { user: decoded, password: '' };
  }
  return { user: 'default', password: '' };
}

/** The server's answer to wrong credentials (`AccessControl::authenticate`). */
export function authenticationError(user: string): ShimError {
  const message = `${user}: Authentication failed: password is incorrect, or there is no user with such name`;
  // For the default user the server asks for a password (401); for others it refuses (403).
  if (user === '' || user === 'default') return new ShimError(194, 'REQUIRED_PASSWORD', message);
  return new ShimError(516, 'AUTHENTICATION_FAILED', message);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
