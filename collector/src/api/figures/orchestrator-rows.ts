import type { OrchestratorListQuery, OrchestratorRow } from '@naap/otel/api';
import { MAX_RANGE_MS } from '@naap/otel/api';
import { isPipelineId, type PipelineId } from '@naap/otel';
import type { RollupFilters } from '../../storage/rollups/query.js';
import type { ApiContext, OrchestratorScore } from '../context.js';
import type { Range } from '../params/time.js';
import { alignRange, stepFor } from '../repository/buckets.js';
import { availabilityFigures, hostsByAddress } from './availability.js';
import { NO_FIGURE, figure, preferred } from './figure.js';
import { identitiesByAddress, mergeIdentity } from './identity.js';
import { collectStats, groupBy, totalOf } from './source-stats.js';

/**
 * One row per orchestrator seen in the range (agent heartbeats or test-load
 * jobs), with its job figures (test loads preferred, or the source asked
 * for), availability, GPUs and SLA score; filtered as the query asks.
 */
export async function orchestratorRows(
  ctx: ApiContext,
  q: OrchestratorListQuery,
  range: Range,
): Promise<{ window: Range; rows: OrchestratorRow[] }> {
  const step = stepFor(range);
  const aligned = alignRange(range, step);
  const filters: RollupFilters = {
    ...(q.pipeline ? { pipeline: q.pipeline } : {}),
    ...(q.model ? { model: q.model } : {}),
  };
  const recent: Range = { fromMs: range.toMs - MAX_RANGE_MS, toMs: range.toMs };
  const [ids, stats, served, beats, probes, gpus, scores, enrolled] = await Promise.all([
    ctx.repo.identities({ range: recent }),
    collectStats(ctx.repo, { step, range: aligned, filters, dims: ['orchestrator', 'source'] }),
    ctx.repo.jobCounts({
      step,
      range: aligned,
      filters,
      dims: ['orchestrator', 'pipeline', 'model'],
    }),
    ctx.repo.heartbeats({ step, range: aligned }),
    ctx.repo.probeCounts({ step, range: aligned }),
    ctx.repo.gpusSeen({ step, range: aligned }),
    ctx.scores?.scores({
      range,
      ...(q.pipeline ? { pipeline: q.pipeline } : {}),
      ...(q.model ? { model: q.model } : {}),
    }) ?? Promise.resolve(new Map<string, OrchestratorScore>()),
    ctx.repo.enrolledAgents(),
  ]);
  const idOf = identitiesByAddress(ids);
  const statsOf = groupBy(stats, 'orchestrator');
  const servedOf = groupBy(served, 'orchestrator');
  const hostsOf = hostsByAddress(beats);
  const gpusOf = new Map<string, typeof gpus>();
  for (const g of gpus) gpusOf.set(g.address, [...(gpusOf.get(g.address) ?? []), g]);
  const seen = new Set<string>([
    ...ids.filter((r) => r.lastSeenMs >= aligned.fromMs).map((r) => r.address),
    ...statsOf.keys(),
  ]);
  const needle = q.q?.toLowerCase();
  const rows: OrchestratorRow[] = [];
  for (const address of [...seen].sort()) {
    if (!/^0x[0-9a-f]{40}$/.test(address)) continue;
    const id = mergeIdentity(address, idOf.get(address) ?? [], enrolled.has(address));
    const jobs = servedOf.get(address) ?? [];
    const myGpus = gpusOf.get(address) ?? [];
    if (q.region && id.region !== q.region) continue;
    if ((q.pipeline || q.model) && jobs.length === 0) continue;
    if (q.gpu_model && !myGpus.some((g) => g.model === q.gpu_model)) continue;
    if (needle && !address.includes(needle) && !(id.uri ?? '').toLowerCase().includes(needle))
      continue;
    const mine = statsOf.get(address) ?? [];
    const only = q.source;
    const pick = (k: 'successRate' | 'latencyP50Ms' | 'latencyP95Ms' | 'fpsMean') =>
      preferred(mine, (s) => s[k], only);
    const success = pick('successRate');
    const jobSource = success.source ?? only ?? mine.find((s) => totalOf(s) > 0)?.source;
    const score = scores.get(address);
    rows.push({
      address,
      uri: id.uri,
      region: id.region,
      enrolled: id.enrolled,
      lastSeenMs: id.lastSeenMs,
      gpus: {
        count: myGpus.length,
        models: [...new Set(myGpus.map((g) => g.model).filter((m) => m !== null))].sort(),
      },
      pipelines: [
        ...new Set(
          jobs.map((j) => j.dims.pipeline ?? '').filter((p): p is PipelineId => isPipelineId(p)),
        ),
      ].sort(),
      models: [...new Set(jobs.map((j) => j.dims.model ?? '').filter((m) => m !== ''))].sort(),
      jobs: mine.filter((s) => s.source === jobSource).reduce((n, s) => n + totalOf(s), 0),
      score: score?.score ?? null,
      scoreVersion: score?.version ?? null,
      reliability: score ? figure(score.reliability, score.source) : NO_FIGURE,
      successRate: success,
      latencyP50Ms: pick('latencyP50Ms'),
      latencyP95Ms: pick('latencyP95Ms'),
      fps: pick('fpsMean'),
      availability: availabilityFigures(hostsOf.get(address) ?? [], probes.get(address), aligned)
        .headline,
    });
  }
  return { window: aligned, rows };
}
