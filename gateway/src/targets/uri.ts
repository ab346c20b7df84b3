/**
 * Normalises a service URI for comparison: go-livepeer takes URIs without a
 * scheme as https; host case and a trailing slash make no difference.
 */
export function uriKey(uri: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : `https://${uri}`;
  if (!URL.canParse(text)) return uri.toLowerCase();
  const u = new URL(text);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

export function sameUri(a: string, b: string): boolean {
  return uriKey(a) === uriKey(b);
}
