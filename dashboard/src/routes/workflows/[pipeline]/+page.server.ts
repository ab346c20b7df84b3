import { error } from '@sveltejs/kit';
import { isPipelineId, pipelineInfo } from '@naap/otel';
import { JOB_CHARTS } from '$lib/job-charts';
import { pageApi } from '$lib/server/load';
import { DAY_MS } from '$lib/shaping/strip';
import { rangeQuery } from '$lib/url-state';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const id = event.params.pipeline;
  if (!isPipelineId(id)) {
    error(404, { message: `There is no pipeline "${id.slice(0, 60)}".`, code: 'not_found' });
  }
  const view = readView(event.url, Date.now());
  const window = windowOf(view.range);
  const { model, region } = view.filters;
  const api = pageApi(event);
  const live = pipelineInfo(id).kind === 'live';
  const jobCharts = Promise.all(
    JOB_CHARTS.filter((c) => live || c.live !== true).map((c) =>
      api.load('/jobs/series', {
        metric: c.key,
        pipeline: id,
        model,
        region,
        ...rangeQuery(view.range),
      }),
    ),
  );
  const [orchestrators, pipelines, demand, jobSeries] = await Promise.all([
    api.load('/orchestrators', { pipeline: id, model, region, window, sort: 'score', limit: 200 }),
    api.load('/pipelines', { window }),
    api.load('/network/demand', {
      pipeline: id,
      model,
      region,
      granularity: view.toMs - view.fromMs > 2 * DAY_MS ? 'day' : 'hour',
      ...rangeQuery(view.range),
    }),
    jobCharts,
  ]);
  return { pipeline: pipelineInfo(id), view, orchestrators, pipelines, demand, jobSeries, live };
};
