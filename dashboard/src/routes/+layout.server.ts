import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  theme: locals.theme,
  /** Where visitors reach the public API; '' when the dashboard forwards /api/v1 itself. */
  publicApiUrl: locals.config.publicApiUrl,
});
