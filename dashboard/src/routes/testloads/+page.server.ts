import { OUTCOMES, isPipelineId, type Outcome } from '@naap/otel';
import { pageApi } from '$lib/server/load';
import { rangeQuery } from '$lib/url-state';
import { readView, windowOf } from '$lib/view';
import type { PageServerLoad } from './$types';

const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

export const load: PageServerLoad = async (event) => {
  const view = readView(event.url, Date.now());
  const params = event.url.searchParams;
  const rawOutcome = params.get('outcome');
  const outcome = OUTCOMES.find((o): o is Outcome => o === rawOutcome);
  const rawCursor = params.get('cursor');
  const cursor = rawCursor !== null && CURSOR.test(rawCursor) ? rawCursor : undefined;
  const casesFor = params.get('cases');
  const problems = [...view.problems];
  if (rawOutcome !== null && rawOutcome !== '' && outcome === undefined) {
    problems.push(`outcome: must be one of ${OUTCOMES.join(', ')}`);
  }
  const { pipeline, model, region } = view.filters;
  const api = pageApi(event);
  const [summary, jobs, datasets, cases, pipelines] = await Promise.all([
    api.load('/testloads/summary', { window: windowOf(view.range), pipeline, model, region }),
    api.load('/testloads/jobs', {
      pipeline,
      model,
      region,
      outcome,
      limit: 25,
      cursor,
      ...rangeQuery(view.range),
    }),
    api.load('/datasets', {}),
    casesFor !== null && isPipelineId(casesFor)
      ? api.load('/datasets/cases', { pipeline: casesFor, limit: 100 })
      : Promise.resolve(null),
    api.load('/pipelines', { window: windowOf(view.range) }),
  ]);
  return {
    view: { ...view, problems },
    outcome,
    summary,
    jobs,
    datasets,
    cases,
    casesFor,
    pipelines,
  };
};
