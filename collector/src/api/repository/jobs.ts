import { ATTR, METRIC, isOutcome } from '@naap/otel';
import type { Dimension, RollupFilters } from '../../storage/rollups/query.js';
import type { Range } from '../params/time.js';
import type { Step } from './buckets.js';
import { counterTotals } from './counters.js';
import type { Db } from './db.js';

/** Job counts by outcome for one group (and bucket). */
export interface JobGroup {
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
  readonly bucketMs: number | null;
  readonly success: number;
  readonly failure: number;
  readonly excused: number;
}

export interface GroupQuery {
  readonly step: Step;
  readonly range: Range;
  readonly filters?: RollupFilters;
  readonly dims: readonly Dimension[];
  readonly perBucket?: boolean;
}

/** `livepeer.ai.jobs` increases by outcome, per group. */
export async function jobCounts(db: Db, q: GroupQuery, timeoutMs: number): Promise<JobGroup[]> {
  const groups = await counterTotals(
    db,
    { ...q, metric: METRIC.jobs, attributes: [ATTR.outcome] },
    timeoutMs,
  );
  const out = new Map<string, { -readonly [K in keyof JobGroup]: JobGroup[K] }>();
  for (const g of groups) {
    const outcome = g.attributes[ATTR.outcome] ?? '';
    if (!isOutcome(outcome)) continue;
    const id = JSON.stringify([g.dims, g.bucketMs]);
    let row = out.get(id);
    if (row === undefined) {
      row = { dims: g.dims, bucketMs: g.bucketMs, success: 0, failure: 0, excused: 0 };
      out.set(id, row);
    }
    row[outcome] += Math.max(0, Math.round(g.value));
  }
  return [...out.values()];
}

/** `livepeer.ai.swaps` increases per group. */
export async function swapCounts(
  db: Db,
  q: GroupQuery,
  timeoutMs: number,
): Promise<{ dims: Partial<Record<Dimension, string>>; swaps: number }[]> {
  const groups = await counterTotals(db, { ...q, metric: METRIC.swaps }, timeoutMs);
  return groups.map((g) => ({ dims: g.dims, swaps: Math.max(0, Math.round(g.value)) }));
}

/** Test-load probes by outcome per orchestrator (event-based availability). */
export async function probeCounts(
  db: Db,
  q: Omit<GroupQuery, 'dims'>,
  timeoutMs: number,
): Promise<Map<string, { success: number; total: number }>> {
  const groups = await counterTotals(
    db,
    {
      ...q,
      metric: METRIC.probes,
      dims: ['orchestrator'],
      attributes: [ATTR.outcome],
      filters: { ...q.filters, source: 'testload' },
    },
    timeoutMs,
  );
  const out = new Map<string, { success: number; total: number }>();
  for (const g of groups) {
    const address = g.dims.orchestrator ?? '';
    const outcome = g.attributes[ATTR.outcome];
    // Excused probes (maintenance, the gateway's own trouble) do not count.
    if (outcome !== 'success' && outcome !== 'failure') continue;
    const row = out.get(address) ?? { success: 0, total: 0 };
    const n = Math.max(0, Math.round(g.value));
    row.total += n;
    if (outcome === 'success') row.success += n;
    out.set(address, row);
  }
  return out;
}
