import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { ConfigError } from '@naap/otel/config';
import { loadConfig, type DashboardConfig } from '$lib/server/config';
import { THEME_COOKIE, parseTheme } from '$lib/theme';

let config: DashboardConfig | undefined;

/** Start-up: the configuration is read once, here, and frozen. */
export const init: ServerInit = async () => {
  try {
    config = await loadConfig(process.argv.slice(2), env);
  } catch (err) {
    // A configuration mistake: one line naming the setting, no stack trace.
    if (!(err instanceof ConfigError)) throw err;
    console.error(`naap-dashboard: ${err.message}`);
    process.exit(2);
  }
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
} as const;

export const handle: Handle = async ({ event, resolve }) => {
  if (config === undefined) config = await loadConfig([], env);
  const theme = parseTheme(event.cookies.get(THEME_COOKIE));
  Object.assign(event.locals, { config, theme });
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%naap.theme%', theme),
  });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
};

/** Unexpected errors: logged here, shown to visitors without internals. */
export const handleError: HandleServerError = ({ error, status, message }) => {
  if (status >= 500) console.error(error);
  return { message: status >= 500 ? 'Something went wrong while rendering this page.' : message };
};
