import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Every orchestrator is listed on the leaderboard. */
export const load: PageServerLoad = ({ url }) => {
  redirect(308, `${url.pathname.replace(/\/orchestrators\/?$/, '/leaderboard')}${url.search}`);
};
