import { ORCHESTRATOR_SORTS } from '@naap/otel/api';
import { pageApi } from '$lib/server/load';
import { parseSort } from '$lib/url-state';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

const PAGE = 100;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

export const load: PageServerLoad = async (event) => {
  const view = readView(event.url, Date.now(), { custom: false });
  const sort = parseSort(event.url.searchParams, ORCHESTRATOR_SORTS, { key: 'score', dir: 'desc' });
  const rawCursor = event.url.searchParams.get('cursor');
  const cursor = rawCursor !== null && CURSOR.test(rawCursor) ? rawCursor : undefined;
  const start =
    cursor === undefined ? 0 : Math.max(0, Number(event.url.searchParams.get('n')) || 0);
  const api = pageApi(event);
  const { filters } = view;
  const [list, pipelines] = await Promise.all([
    api.load('/orchestrators', {
      window: windowOf(view.range),
      pipeline: filters.pipeline,
      model: filters.model,
      region: filters.region,
      gpu_model: filters.gpu,
      q: filters.q,
      sort: sort.value.key,
      order: sort.value.dir,
      limit: PAGE,
      cursor,
    }),
    api.load('/pipelines', { window: windowOf(view.range) }),
  ]);
  return {
    view: { ...view, problems: [...view.problems, ...sort.problems] },
    sort: sort.value,
    start,
    pageSize: PAGE,
    list,
    pipelines,
  };
};
