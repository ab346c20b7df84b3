import { PIPELINES } from '@naap/otel';
import type { PipelineModel, PipelineRow } from '@naap/otel/api';
import type { ApiContext } from '../context.js';
import type { Range } from '../params/time.js';
import { alignRange, stepFor } from '../repository/buckets.js';
import { preferred } from './figure.js';
import { collectStats } from './source-stats.js';

/**
 * Every pipeline with the models the network served in the window: how many
 * orchestrators (and their GPUs) served each, its jobs (agent reports, else
 * test loads) and figures (test loads preferred).
 */
export async function pipelineRows(ctx: ApiContext, window: Range): Promise<PipelineRow[]> {
  const step = stepFor(window);
  const range = alignRange(window, step);
  const [stats, served, gpus] = await Promise.all([
    collectStats(ctx.repo, { step, range, dims: ['pipeline', 'model', 'source'] }),
    ctx.repo.jobCounts({ step, range, dims: ['pipeline', 'model', 'orchestrator'] }),
    ctx.repo.gpusSeen({ step, range }),
  ]);
  const gpuCount = new Map<string, number>();
  for (const g of gpus) gpuCount.set(g.address, (gpuCount.get(g.address) ?? 0) + 1);
  return PIPELINES.map((p) => {
    const mine = served.filter((s) => s.dims.pipeline === p.id);
    const models = [...new Set(mine.map((s) => s.dims.model ?? ''))].sort();
    const rows: PipelineModel[] = models.map((modelId) => {
      const os = new Set(
        mine.filter((s) => s.dims.model === modelId).map((s) => s.dims.orchestrator ?? ''),
      );
      const st = stats.filter((s) => s.dims.pipeline === p.id && s.dims.model === modelId);
      const jobsOf = (source: string): number =>
        st
          .filter((s) => s.source === source)
          .reduce((n, s) => n + s.jobs.success + s.jobs.failure + s.jobs.excused, 0);
      const agentJobs = jobsOf('agent');
      return {
        modelId,
        orchestrators: os.size,
        gpus: [...os].reduce((n, o) => n + (gpuCount.get(o) ?? 0), 0),
        jobs: agentJobs > 0 ? agentJobs : jobsOf('testload'),
        successRate: preferred(st, (s) => s.successRate),
        latencyP50Ms: preferred(st, (s) => s.latencyP50Ms),
        latencyP95Ms: preferred(st, (s) => s.latencyP95Ms),
        fps: preferred(st, (s) => s.fpsMean),
      };
    });
    return {
      id: p.id,
      displayName: p.displayName,
      kind: p.kind,
      capability: p.capability,
      route: p.route,
      orchestrators: new Set(mine.map((s) => s.dims.orchestrator ?? '')).size,
      jobs: rows.reduce((n, m) => n + m.jobs, 0),
      models: rows,
    };
  });
}
