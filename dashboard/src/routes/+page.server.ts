import { pageApi } from '$lib/server/load';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const view = readView(event.url, Date.now(), { custom: false });
  const window = windowOf(view.range);
  const api = pageApi(event);
  // Movers: each orchestrator's score over the last hour against the selected window
  // (against the day when the selected window is the hour).
  const baseline = window === '1h' ? '24h' : window;
  const [summary, regions, now, before, failures] = await Promise.all([
    api.load('/network/summary', { window }),
    api.load('/regions', { window }),
    api.load('/leaderboard', { window: '1h', limit: 500 }),
    api.load('/leaderboard', { window: baseline, limit: 500 }),
    api.load('/testloads/jobs', { window, outcome: 'failure', limit: 8 }),
  ]);
  return { view, baseline, summary, regions, now, before, failures };
};
