/** Where the public API is: `publicApiUrl` when configured, else the dashboard's forwarding route. */
export const API_PREFIX = '/api/v1';

/**
 * A link to an API call. `root` is the API's base as visitors reach it (e.g.
 * `https://naap.example/api/v1`, or the relative `../api/v1` of the
 * dashboard's forwarding route); `pathAndQuery` as the server called it.
 */
export function apiHref(
  root: string,
  pathAndQuery: string,
  extra: Readonly<Record<string, string>> = {},
): string {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : pathAndQuery.slice(q + 1));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const search = params.toString();
  return `${root.replace(/\/+$/, '')}${path}${search === '' ? '' : `?${search}`}`;
}

/** Short form of an address for tables: 0x3b28…fb79. */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Host of a service URI for display ("orch-1.example:8935"), or the text itself. */
export function uriHost(uri: string | null): string {
  if (uri === null) return '';
  try {
    return new URL(uri).host;
  } catch {
    return uri.slice(0, 80);
  }
}
