/** Colour theme: the visitor's choice, kept in a cookie so the first HTML is already right. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'naap-theme';

export function parseTheme(value: string | undefined | null): Theme {
  return THEMES.find((t) => t === value) ?? 'system';
}

/** The next theme of the toggle: system → dark → light → system. */
export function nextTheme(theme: Theme): Theme {
  return theme === 'system' ? 'dark' : theme === 'dark' ? 'light' : 'system';
}
