// @ts-check
import adapter from '@sveltejs/adapter-node';

/**
 * Build-time settings. The base path is the only one that must be known when
 * building (SvelteKit writes it into the client); a reverse proxy that strips
 * its prefix needs none, since asset paths are relative. Everything else is
 * read at start-up by src/lib/server/config.ts.
 */
const base = process.env.NAAP_DASHBOARD_BASE_PATH ?? '';
if (base !== '' && !/^\/[\w./-]*[^/]$/.test(base)) {
  throw new Error(
    `NAAP_DASHBOARD_BASE_PATH must start with "/" and not end with one, got "${base}"`,
  );
}

/** sha256 of the style attribute of SvelteKit's `#svelte-announcer`. */
export const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ envPrefix: 'NAAP_DASHBOARD_HTTP_' }),
    paths: { base: /** @type {'' | `/${string}`} */ (base), relative: true },
    csp: {
      // Nonces for server-rendered pages: the only inline script is SvelteKit's
      // start-up snippet, and it carries the nonce.
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // The one inline style attribute: SvelteKit's route announcer for screen
        // readers (its hash is checked against SvelteKit in src/csp.test.ts).
        'style-src-attr': ['unsafe-hashes', ANNOUNCER_STYLE_HASH],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    version: { pollInterval: 0 },
    typescript: {
      // Type-check (and type-lint) the scripts and this file too.
      config: (tsconfig) => {
        /** @type {string[]} */
        const include = Array.isArray(tsconfig.include) ? tsconfig.include : [];
        return { ...tsconfig, include: [...include, '../scripts/**/*.ts', '../svelte.config.js'] };
      },
    },
  },
};

export default config;
