import { error, redirect } from '@sveltejs/kit';
import { normalizeAddress } from '@naap/otel';
import { ApiError } from '$lib/server/api';
import { GPU_CHARTS } from '$lib/gpu-charts';
import { JOB_CHARTS } from '$lib/job-charts';
import { pageApi } from '$lib/server/load';
import { DAY_MS } from '$lib/shaping/strip';
import { rangeQuery } from '$lib/url-state';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const address = normalizeAddress(event.params.address);
  if (address === null) {
    error(404, { message: 'There is no orchestrator with this address.', code: 'not_found' });
  }
  if (address !== event.params.address) {
    redirect(
      301,
      `${event.url.pathname.replace(event.params.address, address)}${event.url.search}`,
    );
  }
  const view = readView(event.url, Date.now());
  const api = pageApi(event);
  const window = windowOf(view.range);
  let detail;
  try {
    detail = await api.client.orchestrator(address, { window });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 404 || err.status === 400) {
      error(404, {
        message: 'No orchestrator with this address has reported to NaaP.',
        code: 'not_found',
      });
    }
    error(err.status >= 500 ? 503 : err.status, { message: err.message, code: err.code });
  }
  const range = rangeQuery(view.range);
  const long = view.toMs - view.fromMs > 2 * DAY_MS;
  const gpuCharts = Promise.all(
    GPU_CHARTS.map((c) =>
      api.load('/gpu/metrics', { orchestrator: address, metric: c.key, ...range }),
    ),
  );
  const live = detail.pipelines.some((p) => p.kind === 'live');
  const jobCharts = Promise.all(
    JOB_CHARTS.filter((c) => live || c.live !== true).map((c) =>
      api.load('/jobs/series', { metric: c.key, orchestrator: address, ...range }),
    ),
  );
  const [gpus, jobSeries, history, scores, jobs, demand] = await Promise.all([
    gpuCharts,
    jobCharts,
    api.load('/sla/compliance', {
      orchestrator: address,
      granularity: long ? 'day' : 'hour',
      limit: 500,
      ...range,
    }),
    api.load('/sla/compliance', {
      orchestrator: address,
      granularity: 'window',
      limit: 100,
      ...range,
    }),
    api.load('/testloads/jobs', { orchestrator: address, limit: 25, ...range }),
    api.load('/network/demand', {
      orchestrator: address,
      granularity: long ? 'day' : 'hour',
      ...range,
    }),
  ]);
  return {
    address,
    view,
    detail,
    detailApi: `/orchestrators/${address}?window=${window}`,
    gpus,
    live,
    jobSeries,
    history,
    scores,
    jobs,
    demand,
  };
};
