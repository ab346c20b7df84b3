import { pageApi } from '$lib/server/load';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const view = readView(event.url, Date.now(), { custom: false });
  const pipelines = await pageApi(event).load('/pipelines', { window: windowOf(view.range) });
  return { view, pipelines };
};
