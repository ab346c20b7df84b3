import { pageApi } from '$lib/server/load';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const view = readView(event.url, Date.now(), { custom: false });
  const window = windowOf(view.range);
  const api = pageApi(event);
  const [regions, demand] = await Promise.all([
    api.load('/regions', { window }),
    api.load('/network/demand', { window, granularity: window === '30d' ? 'week' : 'day' }),
  ]);
  return { view, regions, demand };
};
