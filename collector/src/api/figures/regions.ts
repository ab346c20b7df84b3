import { REGIONS, isPipelineId, type PipelineId } from '@naap/otel';
import type { RegionRow } from '@naap/otel/api';
import type { ApiContext } from '../context.js';
import type { Range } from '../params/time.js';
import { alignRange, stepFor } from '../repository/buckets.js';
import { figure } from './figure.js';

/**
 * Every region with what runs there: orchestrators, GPUs and jobs by the
 * agents' self-reported region, and what the test-load gateways of that
 * region measured.
 */
export async function regionRows(ctx: ApiContext, window: Range): Promise<RegionRow[]> {
  const step = stepFor(window);
  const range = alignRange(window, step);
  const [ids, gpus, jobs, testloads] = await Promise.all([
    ctx.repo.identities({ range }),
    ctx.repo.gpusSeen({ step, range }),
    ctx.repo.jobCounts({
      step,
      range,
      filters: { source: 'agent' },
      dims: ['region', 'pipeline', 'orchestrator'],
    }),
    ctx.repo.testloadAggregates({ range, filters: {}, groupBy: ['Region'] }),
  ]);
  return REGIONS.map((r) => {
    const mine = jobs.filter((j) => j.dims.region === r.code);
    const perPipeline = new Map<PipelineId, { orchestrators: Set<string>; jobs: number }>();
    for (const j of mine) {
      const p = j.dims.pipeline ?? '';
      if (!isPipelineId(p)) continue;
      const e = perPipeline.get(p) ?? { orchestrators: new Set<string>(), jobs: 0 };
      e.orchestrators.add(j.dims.orchestrator ?? '');
      e.jobs += j.success + j.failure + j.excused;
      perPipeline.set(p, e);
    }
    const t = testloads.find((x) => x.region === r.code);
    const tested = t === undefined ? 0 : t.success + t.failure;
    return {
      code: r.code,
      name: r.name,
      continent: r.continent,
      lat: r.lat,
      lon: r.lon,
      orchestrators: new Set(
        ids.filter((i) => i.source === 'agent' && i.region === r.code).map((i) => i.address),
      ).size,
      gpus: gpus.filter((g) => g.region === r.code).length,
      jobs: mine.reduce((n, j) => n + j.success + j.failure + j.excused, 0),
      testloadJobs: t === undefined ? 0 : t.success + t.failure + t.excused,
      testloadSuccessRate: figure(tested === 0 ? null : (t?.success ?? 0) / tested, 'testload'),
      testloadLatencyP95Ms: figure(t?.latencyP95Ms, 'testload'),
      pipelines: [...perPipeline]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([pipeline, e]) => ({ pipeline, orchestrators: e.orchestrators.size, jobs: e.jobs })),
    };
  });
}
