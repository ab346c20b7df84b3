import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response of the collector (API, docs page,
 * OTLP, health, admin): no MIME sniffing, no referrer, no framing, and a
 * content security policy. JSON and text answers get the strictest policy
 * (nothing may load, nothing may frame them); the docs page (swagger-ui)
 * loads its own script and styles from this origin — none of it inline —
 * and calls the API on this origin ("Try it out").
 */
export const API_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** sha256 of the <style> text of swagger-ui's top-bar logo. */
export const SWAGGER_LOGO_STYLE_HASH = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // The one inline style: the <style> inside swagger-ui's logo (an SVG in
  // the top bar), allowed by its hash (checked against the bundle in a test).
  `style-src 'self' '${SWAGGER_LOGO_STYLE_HASH}'`,
  // swagger-ui's icons and logo are data: URLs and inline SVG.
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers without CSP frame-ancestors.
  'x-frame-options': 'DENY',
};

/** Adds the headers to every response (a route's own value is kept). */
export function registerSecurityHeaders(app: FastifyInstance, docsPath: string): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const name in COMMON) if (!reply.hasHeader(name)) void reply.header(name, COMMON[name]);
    if (!reply.hasHeader('content-security-policy')) {
      const url = request.url;
      const docs =
        url === docsPath || url.startsWith(`${docsPath}/`) || url.startsWith(`${docsPath}?`);
      void reply.header('content-security-policy', docs ? DOCS_CSP : API_CSP);
    }
    done(null, payload);
  });
}
