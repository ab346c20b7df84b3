import { redirect } from '@sveltejs/kit';
import { THEME_COOKIE, parseTheme } from '$lib/theme';
import type { RequestHandler } from './$types';

const YEAR_S = 365 * 86_400;

/** The theme toggle without JavaScript: a form posts here and comes back. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData().catch(() => null);
  const field = (name: string): string => {
    const value = form?.get(name);
    return typeof value === 'string' ? value : '';
  };
  const theme = parseTheme(field('theme'));
  cookies.set(THEME_COOKIE, theme, {
    path: '/',
    maxAge: YEAR_S,
    sameSite: 'lax',
    httpOnly: false,
    secure: url.protocol === 'https:',
  });
  const back = field('back');
  // Only a path of this site: never an open redirect.
  redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
